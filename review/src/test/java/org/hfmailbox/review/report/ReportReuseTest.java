package org.hfmailbox.review.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hfmailbox.review.PathDisplay;
import org.hfmailbox.review.RepoRoot;
import org.hfmailbox.review.check.ConfigurationOutcome;
import org.hfmailbox.review.check.RunOutcome;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ManifestReader;
import org.hfmailbox.review.tlc.ReusingTlc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report reuses TLC results whose spec files, cfg and jar are unchanged, reruns exactly the runs whose inputs
 * changed, and reruns everything when asked to (on the toy spec of src/test/resources/toyspec: seconds per run).
 */
class ReportReuseTest {
    @TempDir
    Path tmp;

    private Path spec;

    @BeforeEach
    void copyToySpec() throws IOException {
        spec = Files.createDirectories(tmp.resolve("spec"));
        Path toy = RepoRoot.locate().resolve("review/src/test/resources/toyspec");
        for (String f : List.of("Toy.tla", "small.cfg", "violations.cfg", "manifest.json")) {
            Files.copy(toy.resolve(f), spec.resolve(f));
        }
    }

    private ReportBuilder.Report report(boolean reuse) throws IOException {
        Manifest manifest = new ManifestReader().read(spec.resolve("manifest.json"), "manifest.json");
        ReportBuilder.Options o = new ReportBuilder.Options(tmp.resolve("report"), List.of("small", "violations"),
                Optional.empty(), tmp.resolve("no-coverage.json"), Optional.empty(), tmp.resolve("check"),
                tmp.resolve("graph"), reuse);
        return new ReportBuilder(tmp, manifest, new PathDisplay(tmp), new PrintWriter(new StringWriter())).build(o);
    }

    /** Run name to whether it was reused. */
    private static Map<String, Boolean> reused(ReportBuilder.Report r) {
        Map<String, Boolean> out = new TreeMap<>();
        for (ConfigurationOutcome o : r.outcomes().values()) {
            for (RunOutcome run : o.runs()) {
                out.put(o.configuration().name() + "/" + run.plan().name(), run.reused());
            }
        }
        return out;
    }

    @Test
    void unchangedRunsAreReusedAndChangedOnesRerun() throws IOException {
        ReportBuilder.Report first = report(true);
        // a per-property configuration runs the checks expected to hold together and each expected violation alone
        assertEquals(Map.of("small/small", false, "violations/BelowTwo", false, "violations/NeverFullTwice", false,
                "violations/holding", false), reused(first));
        assertTrue(Files.isRegularFile(ReusingTlc.keyFile(tmp.resolve("check/small/small.out"))));

        ReportBuilder.Report second = report(true);
        assertTrue(reused(second).values().stream().allMatch(b -> b), reused(second).toString());
        assertTrue(ReuseSummary.of(second).startsWith("reused 4 of 4 TLC runs"), ReuseSummary.of(second));
        for (String name : first.outcomes().keySet()) {
            ConfigurationOutcome a = first.outcomes().get(name);
            ConfigurationOutcome b = second.outcomes().get(name);
            assertEquals(a.verdicts(), b.verdicts(), name);
            assertEquals(a.passed(), b.passed(), name);
            assertEquals(a.wallTime(), b.wallTime(), name + ": a reused run reports the earlier run's time");
            for (int i = 0; i < a.runs().size(); i++) {
                assertEquals(a.runs().get(i).report().trace(), b.runs().get(i).report().trace(), name);
                assertEquals(a.runs().get(i).report().distinctStates(), b.runs().get(i).report().distinctStates());
            }
        }
        assertEquals(first.counterexamples().size(), second.counterexamples().size());
        String html = Files.readString(second.index(), StandardCharsets.UTF_8);
        assertTrue(html.contains("(reused from an earlier run)"), "the page says which results it reused");

        // a changed cfg reruns that configuration only
        Files.writeString(spec.resolve("small.cfg"), Files.readString(spec.resolve("small.cfg")) + "\\* edited\n");
        Map<String, Boolean> afterCfg = reused(report(true));
        assertFalse(afterCfg.get("small/small"), afterCfg.toString());
        assertTrue(afterCfg.get("violations/holding") && afterCfg.get("violations/BelowTwo"), afterCfg.toString());

        // a changed module reruns everything
        Files.writeString(spec.resolve("Toy.tla"), Files.readString(spec.resolve("Toy.tla")) + "\n\\* edited\n");
        assertTrue(reused(report(true)).values().stream().noneMatch(b -> b));

        // a tampered output is not trusted
        Path out = tmp.resolve("check/small/small.out");
        Files.writeString(out, Files.readString(out) + "\n");
        assertFalse(reused(report(true)).get("small/small"));

        // reuse off (--fresh) reruns everything
        assertTrue(reused(report(false)).values().stream().noneMatch(b -> b));
    }
}
