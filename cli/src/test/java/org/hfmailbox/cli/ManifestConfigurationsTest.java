package org.hfmailbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hfmailbox.review.RepoRoot;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ManifestReader;
import org.hfmailbox.review.manifest.ModelConfiguration;
import org.hfmailbox.review.manifest.Verdict;
import org.junit.jupiter.api.Test;

/**
 * The configurations CI runs ({@code "ci": true} in spec/manifest.json: {@code small} and the {@code aa039b39} ones)
 * through {@code check --ci}, the code path of {@code ./mailbox check}: exit status 0 and every verdict as the
 * manifest declares it. The expectations are read from the manifest, never repeated here.
 */
class ManifestConfigurationsTest {

    @Test
    void ciConfigurationsMatchTheManifest() {
        Path root = RepoRoot.locate();
        Manifest manifest = new ManifestReader().read(root.resolve("spec").resolve("manifest.json"), "spec/manifest.json");
        List<ModelConfiguration> ci = manifest.configurations().stream().filter(ModelConfiguration::ci).toList();
        assertTrue(ci.stream().anyMatch(c -> c.name().equals("small")), "CI must run the configuration 'small'");
        assertTrue(ci.stream().anyMatch(c -> c.semantics().equals("aa039b39")),
                "CI must run an aa039b39 configuration");

        CliRun r = CliRun.of("check", "--ci", "--out-dir", root.resolve("cli/target/check-ci").toString());
        assertEquals(ExitCode.OK, r.status(), r.all());
        for (ModelConfiguration c : ci) {
            for (Map.Entry<String, Verdict> v : c.verdicts().entrySet()) {
                assertEquals(v.getValue().display(), ToyCheckTest.summaryVerdict(r.out(), c.name(), v.getKey()),
                        c.name() + "/" + v.getKey() + "\n" + r.all());
            }
        }
        assertTrue(r.out().contains("check: " + ci.size() + " configuration" + (ci.size() == 1 ? "" : "s")
                + " checked, " + ci.size() + " passed, 0 failed"), r.all());
    }
}
