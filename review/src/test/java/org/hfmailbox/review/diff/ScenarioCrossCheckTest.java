package org.hfmailbox.review.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hfmailbox.review.SpecCopy;
import org.hfmailbox.review.check.StepDescription;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ManifestReader;
import org.hfmailbox.review.tlc.TraceState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * diff-spec's scenario cross-check: walks derived from each revision's state graph of {@code small}, validated
 * against the other revision's spec. A changed correction is a rejected walk naming the changed action; an unchanged
 * copy accepts every walk both ways.
 */
class ScenarioCrossCheckTest {
    private static final int WALKS = 12;
    private static final int STEPS = 40;

    @Test
    void aChangedCorrectionIsARejectedWalkAndAnUnchangedCopyAcceptsEveryWalk(@TempDir Path tmp) throws Exception {
        Path old = SpecCopy.copy(tmp.resolve("old"));
        Path changed = SpecCopy.copy(tmp.resolve("changed"));
        Path same = SpecCopy.copy(tmp.resolve("same"));
        // small is corrected: the change switches message-reports-sender's behaviour off in NEW only
        SpecCopy.replace(changed.resolve("Mailbox.tla"), "IF Fixed(\"message-reports-sender\") THEN f ELSE 0",
                "IF FALSE THEN f ELSE 0");
        List<String> progress = new ArrayList<>();
        ScenarioCrossCheck cross = new ScenarioCrossCheck(progress::add);

        long t0 = System.nanoTime();
        ScenarioCrossCheck.Result differs = cross.run("OLD", old, manifest(old), "NEW", changed, manifest(changed),
                "small", WALKS, STEPS, tmp.resolve("w1"));
        long t1 = System.nanoTime();
        ScenarioCrossCheck.Result unchanged = cross.run("OLD", old, manifest(old), "NEW", same, manifest(same),
                "small", WALKS, STEPS, tmp.resolve("w2"));
        long t2 = System.nanoTime();
        List<String> text = ScenarioCrossCheckText.lines(differs);
        text.forEach(System.out::println);
        ScenarioCrossCheckText.lines(unchanged).forEach(System.out::println);
        System.out.printf("changed copy: %.1f s; unchanged copy: %.1f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);

        assertFalse(differs.undecided(), () -> String.join("\n", text));
        assertTrue(differs.differs(), () -> String.join("\n", text));
        for (WalkCheck c : List.of(differs.oldOnNew(), differs.newOnOld())) {
            assertTrue(c.walks() > 0 && c.steps() > c.walks(), () -> c.toString());
            c.first().ifPresent(f -> {
                assertEquals("mailbox_send_deliver", f.action(), f::toString);
                assertTrue(f.variables().contains("cpu_op"), f::toString);
                TraceState last = f.prefix().get(f.prefix().size() - 1);
                assertEquals("mailbox_send_deliver", StepDescription.of(last).action());
                assertEquals(f.step(), last.number());
                String cpuOp = last.variables().get("cpu_op").render();
                assertTrue(cpuOp.contains("MESSAGE"), cpuOp);
                // the walk's own value: OLD reports the sender (VM 1), NEW reports 0
                assertTrue(cpuOp.contains(c.walksOf().equals("OLD") ? "vm_id |-> 1" : "vm_id |-> 0"), cpuOp);
            });
        }
        assertTrue(differs.oldOnNew().first().isPresent() && differs.newOnOld().first().isPresent(),
                () -> String.join("\n", text));
        String html = SpecDiffHtml.scenarios(differs, java.util.Optional.empty());
        assertTrue(html.contains("mailbox_send_deliver") && html.contains("class=\"steps\""), html);

        assertFalse(unchanged.undecided(), unchanged::toString);
        assertFalse(unchanged.differs(), unchanged::toString);
        assertTrue(unchanged.identical());
        for (WalkCheck c : List.of(unchanged.oldOnNew(), unchanged.newOnOld())) {
            assertEquals(c.walks(), c.walksAccepted());
            assertEquals(c.steps(), c.stepsAccepted());
            assertTrue(c.walks() >= 5 && c.steps() >= 100, c::toString);
        }
        // OLD's walks are the same in both runs (derived once per revision content)
        assertEquals(differs.oldOnNew().steps(), unchanged.oldOnNew().steps());
    }

    @Test
    void aConfigurationWithoutKnownConstantsIsUndecidedNotAnError(@TempDir Path tmp) throws Exception {
        Path old = SpecCopy.copy(tmp.resolve("old"));
        ScenarioCrossCheck cross = new ScenarioCrossCheck(line -> { });
        ScenarioCrossCheck.Result missing = cross.run("OLD", old, manifest(old), "NEW", old, manifest(old),
                "no-such-config", WALKS, STEPS, tmp.resolve("w1"));
        assertTrue(missing.undecided() && !missing.differs(), missing::toString);
        assertTrue(missing.oldOnNew().undecided().orElseThrow().contains("no configuration no-such-config"),
                missing::toString);
        // liveness-lifo is "custom": the manifest does not list its corrections, so no walk can be concretised
        ScenarioCrossCheck.Result custom = cross.run("OLD", old, manifest(old), "NEW", old, manifest(old),
                "liveness-lifo", WALKS, STEPS, tmp.resolve("w2"));
        assertTrue(custom.newOnOld().undecided().orElseThrow().contains("\"custom\""), custom::toString);
        assertEquals(0, custom.newOnOld().walks());
        String text = String.join("\n", ScenarioCrossCheckText.lines(custom));
        assertTrue(text.contains("undecided"), text);
    }

    private static Manifest manifest(Path dir) {
        return new ManifestReader().read(dir.resolve("manifest.json"), dir.resolve("manifest.json").toString());
    }
}
