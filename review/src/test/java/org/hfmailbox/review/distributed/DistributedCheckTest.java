package org.hfmailbox.review.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.hfmailbox.review.InputError;
import org.hfmailbox.review.PathDisplay;
import org.hfmailbox.review.RepoRoot;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ManifestReader;
import org.hfmailbox.review.manifest.ModelConfiguration;
import org.hfmailbox.review.spec.PropertyKinds;
import org.junit.jupiter.api.Test;

/** TLC's distributed mode on loopback finds the single-machine state count; temporal configurations are refused. */
class DistributedCheckTest {
    private final Path root = RepoRoot.locate();
    private final Manifest manifest = new ManifestReader().read(root.resolve("spec").resolve("manifest.json"),
            "spec/manifest.json");
    private final StringWriter text = new StringWriter();
    private final DistributedCheck check = new DistributedCheck(new PathDisplay(root), new PrintWriter(text, true));

    @Test
    void smallWithTwoLoopbackWorkersFindsTheManifestsStateCount() throws Exception {
        ModelConfiguration small = manifest.find("small").orElseThrow();
        long expected = small.expectedDistinctStates().orElseThrow();
        DistributedCheck.Result r = check.run(manifest, small, root.resolve("cli/target/distributed-small"),
                new DistributedCheck.Options(2, 1, 0, "127.0.0.1", Duration.ofMinutes(15)));
        System.out.printf("distributed small: %,d distinct states in %.1f s (manifest: %,d)%n",
                r.report().distinctStates().orElse(-1), r.wallTime().toMillis() / 1000.0, expected);
        assertEquals(0, r.report().exitStatus(), () -> "errors: " + r.report().errors() + "\n" + text);
        assertEquals(expected, r.report().distinctStates().orElse(-1), () -> text.toString());
    }

    @Test
    void aConfigurationWithTemporalPropertiesIsRefusedWithTheReason() {
        ModelConfiguration liveness = manifest.find("liveness").orElseThrow();
        InputError e = assertThrows(InputError.class, () -> check.run(manifest, liveness,
                root.resolve("cli/target/distributed-liveness"),
                new DistributedCheck.Options(2, 1, 0, "127.0.0.1", Duration.ofMinutes(1))));
        assertTrue(e.getMessage().contains("RunReturnsProp"), e.getMessage());
        assertTrue(e.getMessage().contains("temporal"), e.getMessage());
    }

    @Test
    void actionPropertiesAreSafety() throws Exception {
        Path spec = root.resolve("spec");
        assertEquals(java.util.List.of(), PropertyKinds.temporal(spec, "MCMailbox",
                java.util.List.of("ErrorChangesNothingProp", "MessageNotOverwrittenProp", "TypeOK",
                        "ServiceRefinementProp")));
        assertEquals(java.util.List.of("WfiWokenProp"), PropertyKinds.temporal(spec, "MCMailbox",
                java.util.List.of("MessageNotOverwrittenProp", "WfiWokenProp")));
    }
}
