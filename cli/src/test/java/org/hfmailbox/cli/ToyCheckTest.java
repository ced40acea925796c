package org.hfmailbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hfmailbox.review.RepoRoot;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ManifestReader;
import org.hfmailbox.review.manifest.ModelConfiguration;
import org.hfmailbox.review.manifest.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} end to end on the toy spec of review/src/test/resources/toyspec (a step ghost variable under VIEW, an
 * invariant that holds and one that fails, temporal properties that hold and fail): verdicts, step tables, loops,
 * exit statuses and input errors.
 */
class ToyCheckTest {
    private static final List<String> FILES = List.of("Toy.tla", "small.cfg", "violations.cfg", "manifest.json");

    @TempDir
    Path tmp;

    private Path spec;
    private Path out;

    @BeforeEach
    void copyToySpec() throws IOException {
        spec = Files.createDirectories(tmp.resolve("spec"));
        out = tmp.resolve("out");
        Path toy = RepoRoot.locate().resolve("review").resolve("src").resolve("test").resolve("resources")
                .resolve("toyspec");
        for (String f : FILES) {
            Files.copy(toy.resolve(f), spec.resolve(f));
        }
    }

    private CliRun check(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("check", "--spec-dir", spec.toString(), "--out-dir",
                out.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private Manifest manifest() {
        return new ManifestReader().read(spec.resolve("manifest.json"), "manifest.json");
    }

    /** The verdict the summary prints for {@code name}: "holds", "VIOLATED" or "not decided". */
    static String summaryVerdict(String output, String configuration, String name) {
        String section = output.substring(output.indexOf("== summary of " + configuration + " =="));
        for (String line : section.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && (f[0].equals("invariant") || f[0].equals("property")) && f[1].equals(name)) {
                return f[2].equals("not") ? "not decided" : f[2];
            }
        }
        throw new AssertionError("no summary line for " + name + " in\n" + output);
    }

    @Test
    void everyVerdictMatchesTheToyManifest() {
        CliRun r = check("--config", "small", "--config", "violations");
        assertEquals(ExitCode.OK, r.status(), r.all());
        for (String name : List.of("small", "violations")) {
            ModelConfiguration c = manifest().find(name).orElseThrow();
            for (Map.Entry<String, Verdict> v : c.verdicts().entrySet()) {
                assertEquals(v.getValue().display(), summaryVerdict(r.out(), name, v.getKey()), r.all());
            }
        }
        assertTrue(r.out().contains("check: 2 configurations checked, 2 passed, 0 failed"), r.all());
        assertTrue(Files.exists(out.resolve("violations").resolve("BelowTwo.out")));
        assertTrue(Files.exists(out.resolve("small").resolve("small.out")));
        // the invariant's counterexample is the shortest (1 worker): two pushes
        assertTrue(r.out().contains("counterexample for violations/BelowTwo: invariant BelowTwo is violated (3 states)"),
                r.all());
        // the liveness counterexample marks its loop
        assertTrue(r.out().contains("step as TLC names it; TLC prints neither its CPU nor its arguments) returns to"
                + " state"), r.all());
    }

    @Test
    void aWrongExpectationFailsWithExit1() throws IOException {
        Path m = spec.resolve("manifest.json");
        Files.writeString(m, Files.readString(m).replace("\"BelowTwo\": \"violated\"", "\"BelowTwo\": \"holds\"")
                .replace("\"distinct_states\": 24", "\"distinct_states\": 25"));
        CliRun r = check("--config", "violations", "--config", "small");
        assertEquals(ExitCode.CHECK_FAILED, r.status(), r.all());
        assertEquals("VIOLATED", summaryVerdict(r.out(), "violations", "BelowTwo"));
        assertTrue(r.out().contains("MISMATCH"), r.all());
        assertTrue(r.out().contains("TLC found 24 distinct states, the manifest declares 25"), r.all());
        assertTrue(r.out().contains("update spec/manifest.json if intended"), r.all());
        assertTrue(r.out().contains("check: 2 configurations checked, 0 passed, 2 failed (violations, small)"), r.all());
    }

    @Test
    void singleModeStopsAtTheFirstViolationAndSaysSo() throws IOException {
        Path m = spec.resolve("manifest.json");
        Files.writeString(m, Files.readString(m).replace("\"per-property\"", "\"single\""));
        CliRun r = check("--config", "violations");
        assertEquals(ExitCode.CHECK_FAILED, r.status(), r.all());
        assertEquals("VIOLATED", summaryVerdict(r.out(), "violations", "BelowTwo"));
        assertEquals("not decided", summaryVerdict(r.out(), "violations", "TypeOK"));
        assertTrue(r.out().contains("1 worker (an invariant violation is expected)"), r.all());
    }

    @Test
    void aViolatedActionPropertyIsNamedInSingleMode() throws IOException {
        Path toy = spec.resolve("Toy.tla");
        Files.writeString(toy, Files.readString(toy).replace("BelowTwo == count < 2",
                "BelowTwo == count < 2\n\nMonotone == [][count' >= count]_count"));
        Files.writeString(spec.resolve("small.cfg"), Files.readString(spec.resolve("small.cfg"))
                .replace("PROPERTY ReachesFull", "PROPERTIES ReachesFull Monotone"));
        Path m = spec.resolve("manifest.json");
        Files.writeString(m, Files.readString(m).replace("\"verdicts\": {\"TypeOK\": \"holds\", \"ReachesFull\": \"holds\"},",
                "\"verdicts\": {\"TypeOK\": \"holds\", \"ReachesFull\": \"holds\", \"Monotone\": \"violated\"},")
                .replace("\"distinct_states\": 24", "\"distinct_states\": null"));
        CliRun r = check("--config", "small");
        assertEquals("VIOLATED", summaryVerdict(r.out(), "small", "Monotone"), r.all());
        assertEquals("not decided", summaryVerdict(r.out(), "small", "ReachesFull"), r.all());
        assertTrue(r.out().contains("counterexample for small: action property Monotone is violated"), r.all());
        assertFalse(r.out().contains("does not say which"), r.all());
    }

    @Test
    void aLivenessCounterexampleShowsTheStepClosingTheLoop() {
        CliRun r = check("--config", "violations");
        String table = r.out().substring(r.out().indexOf("counterexample for violations/NeverFullTwice"));
        assertTrue(table.matches("(?s).*\n\\s+<\\s+->\\d+\\s+Push\\s+stack = .*"), r.all());
        assertTrue(table.contains("(row <, a Push step as TLC names it; TLC prints neither its CPU nor its"
                + " arguments) returns to state"), r.all());
    }

    @Test
    void listDescribesEveryConfiguration() {
        CliRun r = check("--list");
        assertEquals(ExitCode.OK, r.status(), r.all());
        for (ModelConfiguration c : manifest().configurations()) {
            assertTrue(r.out().contains(c.name() + "  [run by CI]"), r.all());
            assertTrue(r.out().contains(c.checks()), r.all());
        }
        assertTrue(r.out().contains("BelowTwo VIOLATED"), r.all());
    }

    @Test
    void unknownConfigurationIsAnInputError() {
        CliRun r = check("--config", "nosuch");
        assertEquals(ExitCode.INPUT_ERROR, r.status(), r.all());
        assertTrue(r.err().contains("no configuration named 'nosuch'"), r.all());
        assertTrue(r.err().contains("known: small, violations"), r.all());
        assertFalse(r.err().contains("\tat "), r.all());
    }

    @Test
    void cfgErrorsAreInputErrorsWithoutStackTraces() throws IOException {
        Files.writeString(spec.resolve("small.cfg"), "CONSTANT N = 3\nSPECIFICATION Spec\nINVARIANT TypeOK\nPROPERTY ReachesFull"
                + "\nINVARIANT Undefined\n");
        Path m = spec.resolve("manifest.json");
        Files.writeString(m, Files.readString(m).replace("\"ReachesFull\": \"holds\"},",
                "\"ReachesFull\": \"holds\", \"Undefined\": \"holds\"},"));
        CliRun r = check("--config", "small");
        assertEquals(ExitCode.INPUT_ERROR, r.status(), r.all());
        assertTrue(r.err().contains("small.cfg: TLC cannot use this configuration"), r.all());
        assertTrue(r.err().contains("Undefined"), r.all());
        assertFalse(r.all().contains("\tat "), r.all());

        Files.writeString(spec.resolve("small.cfg"), "CONSTANT N = 3\nSPECIFICATION Spec\nINVARIANT TypeOK (* open\n");
        CliRun unclosed = check("--config", "small");
        assertEquals(ExitCode.INPUT_ERROR, unclosed.status(), unclosed.all());
        assertTrue(unclosed.err().contains("small.cfg: line 3: comment (* is never closed"), unclosed.all());
    }

    @Test
    void verdictsMustNameTheCfgsChecks() throws IOException {
        Path m = spec.resolve("manifest.json");
        Files.writeString(m, Files.readString(m).replace("\"TypeOK\": \"holds\", \"ReachesFull\"", "\"ReachesFull\""));
        CliRun r = check("--config", "small");
        assertEquals(ExitCode.INPUT_ERROR, r.status(), r.all());
        assertTrue(r.err().contains("field configurations[name=small].verdicts: no verdict for TypeOK"), r.all());
    }

    @Test
    void symmetryAndConstrainedLivenessAreRefusedWhereUnsound() throws IOException {
        Files.writeString(spec.resolve("small.cfg"), "CONSTANT N = 3\nSPECIFICATION FairSpec\nVIEW SymView\n"
                + "INVARIANTS TypeOK\nPROPERTY ReachesFull\n");
        CliRun symmetric = check("--config", "small");
        assertEquals(ExitCode.INPUT_ERROR, symmetric.status(), symmetric.all());
        assertTrue(symmetric.err().contains("small.cfg: VIEW SymView in configuration small, which checks liveness"),
                symmetric.all());

        Files.writeString(spec.resolve("small.cfg"), "CONSTANT N = 3\nSPECIFICATION FairSpec\nVIEW View\n"
                + "ACTION_CONSTRAINT Cut\nINVARIANTS TypeOK\nPROPERTY ReachesFull\n");
        CliRun constrained = check("--config", "small");
        assertEquals(ExitCode.INPUT_ERROR, constrained.status(), constrained.all());
        assertTrue(constrained.err().contains("expects liveness property ReachesFull to hold: a constrained liveness"
                + " run can only confirm violations"), constrained.all());
        assertFalse(constrained.all().contains("\tat "), constrained.all());
    }

    @Test
    void specParseErrorNamesFileAndLine() throws IOException {
        Path toy = spec.resolve("Toy.tla");
        Files.writeString(toy, Files.readString(toy).replace("count < N", "count < N )"));
        CliRun r = check("--config", "small");
        assertEquals(ExitCode.INPUT_ERROR, r.status(), r.all());
        assertTrue(r.err().contains("Toy.tla: TLA+ parse error"), r.all());
        assertTrue(r.err().matches("(?s).*line \\d+, column \\d+.*"), r.all());
        assertFalse(r.all().contains("\tat "), r.all());
    }

    @Test
    void simulationOptionsNeedSimulateAndAValidBudget() {
        CliRun alone = check("--config", "small", "--traces", "5");
        assertEquals(2, alone.status(), alone.all());
        assertTrue(alone.err().contains("need --simulate"), alone.all());
        CliRun both = check("--simulate", "--distributed", "--config", "violations");
        assertEquals(2, both.status(), both.all());
        CliRun depth = check("--simulate", "--config", "violations", "--depth", "0");
        assertEquals(2, depth.status(), depth.all());
    }
}
