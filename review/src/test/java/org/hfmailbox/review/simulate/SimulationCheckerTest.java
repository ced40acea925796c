package org.hfmailbox.review.simulate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.hfmailbox.review.InputError;
import org.hfmailbox.review.PathDisplay;
import org.hfmailbox.review.RepoRoot;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ManifestReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLC's simulation mode on the toy spec: an expected violation is found and timed, a wrong expectation fails. */
class SimulationCheckerTest {
    private static final String SAFETY_CFG = "CONSTANT N = 3\nSPECIFICATION Spec\nVIEW View\nINVARIANTS\n  TypeOK\n"
            + "  BelowTwo\n";
    private static final String MANIFEST = """
            { "spec": "Toy", "configurations": [
                { "name": "safety", "cfg": "safety.cfg", "semantics": "corrected",
                  "shape": {"cpus": 2, "vcpu_count": [2, 2]}, "ci": false, "workers": 1, "mode": "per-property",
                  "checks": "the toy by simulation", "verdicts": {"TypeOK": "holds", "BelowTwo": "EXPECTED"} },
                { "name": "live", "cfg": "live.cfg", "semantics": "corrected",
                  "shape": {"cpus": 2, "vcpu_count": [2, 2]}, "ci": false, "workers": 1, "mode": "per-property",
                  "checks": "liveness", "verdicts": {"ReachesFull": "holds"} } ] }
            """;

    @TempDir
    Path dir;

    private Manifest manifest(String belowTwo) throws IOException {
        Path spec = dir.resolve("spec");
        Files.createDirectories(spec);
        Files.copy(RepoRoot.locate().resolve("review/src/test/resources/toyspec/Toy.tla"), spec.resolve("Toy.tla"));
        Files.writeString(spec.resolve("safety.cfg"), SAFETY_CFG);
        Files.writeString(spec.resolve("live.cfg"), "CONSTANT N = 3\nSPECIFICATION FairSpec\nPROPERTY ReachesFull\n");
        Path file = spec.resolve("manifest.json");
        Files.writeString(file, MANIFEST.replace("EXPECTED", belowTwo));
        return new ManifestReader().read(file, "manifest.json");
    }

    /** A checker of {@code m} whose output goes to {@code text}. */
    private SimulationChecker checker(Manifest m, StringWriter text) {
        return new SimulationChecker(m, dir.resolve("out"), new PathDisplay(dir), new PrintWriter(text, true));
    }

    private static SimulationBudget budget() {
        return new SimulationBudget(10, OptionalLong.of(40), Optional.empty(), 7);
    }

    @Test
    void findsTheExpectedViolationAndReportsTheHoldingChecks() throws IOException {
        Manifest m = manifest("violated");
        StringWriter text = new StringWriter();
        assertTrue(checker(m, text).check(m.find("safety").orElseThrow(), List.of(), budget()), text.toString());
        String out = text.toString();
        assertTrue(out.contains("invariant BelowTwo is violated"), out);
        assertTrue(out.matches("(?s).*BelowTwo\\s+VIOLATED after .*expected VIOLATED\\s+ok.*"), out);
        assertTrue(out.matches("(?s).*TypeOK\\s+no violation in 40 traces.*expected holds\\s+ok.*"), out);
        assertTrue(out.contains("result: PASS"), out);
    }

    @Test
    void aViolationOfACheckExpectedToHoldFails() throws IOException {
        Manifest m = manifest("holds");
        StringWriter text = new StringWriter();
        assertFalse(checker(m, text).check(m.find("safety").orElseThrow(), List.of(), budget()), text.toString());
        assertTrue(text.toString().matches("(?s).*BelowTwo\\s+VIOLATED after .*expected holds\\s+MISMATCH.*"),
                text.toString());
    }

    @Test
    void refusesLivenessConfigurationsAndBadBudgets() throws IOException {
        Manifest m = manifest("violated");
        SimulationChecker checker = checker(m, new StringWriter());
        InputError e = assertThrows(InputError.class, () -> checker.check(m.find("live").orElseThrow(), List.of(),
                budget()));
        assertTrue(e.getMessage().contains("checks liveness"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SimulationBudget(0, OptionalLong.of(1), Optional.empty(), 1));
        assertThrows(IllegalArgumentException.class,
                () -> new SimulationBudget(10, OptionalLong.empty(), Optional.empty(), 1));
        assertThrows(IllegalArgumentException.class,
                () -> new SimulationBudget(10, OptionalLong.empty(), Optional.of(Duration.ofMillis(10)), 1));
    }
}
