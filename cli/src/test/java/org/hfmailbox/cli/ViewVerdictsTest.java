package org.hfmailbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hfmailbox.review.RepoRoot;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ManifestReader;
import org.hfmailbox.review.manifest.ModelConfiguration;
import org.hfmailbox.review.manifest.Verdict;
import org.hfmailbox.review.spec.SpecRevision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The views change no verdict.  The liveness configuration's view masks only dead values: checked with {@code VIEW UnmaskedView} (every variable
 * but the ghost {@code step}, which no action reads), every temporal property gets the verdict the manifest declares
 * for the run with {@code LiveView} (ManifestConfigurationsTest checks that run), while the run explores another
 * number of distinct states than the manifest's count for {@code LiveView} (so the masking did something).
 */
class ViewVerdictsTest {
    private static final Pattern DISTINCT = Pattern.compile("finished in [\\d.]+ s: ([\\d,]+) distinct states");

    @TempDir
    Path tmp;

    @Test
    void livenessVerdictsDoNotDependOnTheView() throws IOException {
        ModelConfiguration liveness = declared("liveness");
        CliRun unmasked = checkWithView(liveness, "LiveView", "UnmaskedView");
        assertNotEquals(declaredStates(liveness), distinct(unmasked.out()),
                "UnmaskedView explored as many states as LiveView: the masking did nothing");
    }

    /**
     * The symmetric view of {@code pair} (its two secondaries have one shape) changes no verdict: with the plain
     * {@code View} every check gets the manifest's verdict (declared for the run with {@code SymView}), and the run
     * explores more states than the manifest's count, but at most twice as many (one orbit holds at most two states
     * when two VMs can swap).
     */
    @Test
    void symmetryChangesNoSafetyVerdict() throws IOException {
        ModelConfiguration pair = declared("pair");
        CliRun plain = checkWithView(pair, "SymView", "View");
        long symmetric = declaredStates(pair);
        long states = distinct(plain.out());
        assertTrue(states > symmetric && states <= 2 * symmetric,
                "View explored " + states + " states, SymView " + symmetric + ": expected between 1x and 2x");
    }

    private static long declaredStates(ModelConfiguration c) {
        return c.expectedDistinctStates().orElseThrow(
                () -> new AssertionError("spec/manifest.json declares no distinct_states for " + c.name()));
    }

    /** Configuration {@code name} as spec/manifest.json declares it. */
    static ModelConfiguration declared(String name) {
        Path root = RepoRoot.locate();
        Manifest manifest = new ManifestReader().read(root.resolve("spec/manifest.json"), "spec/manifest.json");
        return manifest.find(name).orElseThrow();
    }

    /**
     * Checks configuration {@code c} on a copy of spec/ whose cfg names {@code replacement} where it named {@code view}
     * (and whose manifest declares no count for it), and asserts every verdict is the one the manifest declares.
     */
    private CliRun checkWithView(ModelConfiguration c, String view, String replacement) throws IOException {
        Path spec = copyOfSpec(tmp.resolve("spec"));
        Path cfg = spec.resolve(c.cfg());
        String text = Files.readString(cfg, StandardCharsets.UTF_8);
        assertTrue(text.contains("\nVIEW " + view + "\n"), c.cfg() + " no longer uses " + view + ": update this test");
        Files.writeString(cfg, text.replace("\nVIEW " + view + "\n", "\nVIEW " + replacement + "\n"),
                StandardCharsets.UTF_8);
        forgetDistinctStates(spec.resolve("manifest.json"), c.name());
        CliRun run = CliRun.of("check", "--spec-dir", spec.toString(), "--out-dir",
                tmp.resolve("out-" + replacement).toString(), "--config", c.name());
        for (Map.Entry<String, Verdict> v : c.verdicts().entrySet()) {
            assertEquals(v.getValue().display(), ToyCheckTest.summaryVerdict(run.out(), c.name(), v.getKey()),
                    "with " + replacement + "\n" + run.all());
        }
        assertEquals(ExitCode.OK, run.status(), run.all());
        return run;
    }

    /** A copy of spec/ (its *.tla, *.cfg and manifest.json) in {@code to}, which is returned. */
    static Path copyOfSpec(Path to) throws IOException {
        Path root = RepoRoot.locate();
        SpecRevision.materialize(root, root.resolve("spec").toString(), to);
        return to;
    }

    /** The copy's manifest declares no count for {@code name}: the unmasked view explores another number. */
    private static void forgetDistinctStates(Path manifest, String name) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode root = json.readTree(manifest.toFile());
        for (com.fasterxml.jackson.databind.JsonNode c : root.get("configurations")) {
            if (c.get("name").asText().equals(name)) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) c).putNull("distinct_states");
            }
        }
        json.writerWithDefaultPrettyPrinter().writeValue(manifest.toFile(), root);
    }

    private static long distinct(String out) {
        Matcher m = DISTINCT.matcher(out);
        assertTrue(m.find(), "no distinct-state count in\n" + out);
        return Long.parseLong(m.group(1).replace(",", ""));
    }
}
