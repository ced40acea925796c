package org.hfmailbox.review.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hfmailbox.review.SpecCopy;
import org.hfmailbox.review.check.StepDescription;
import org.hfmailbox.review.tlc.TraceState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** diff-spec's behavioural comparison: TLC decides refinement in both directions. */
class RefinementCheckTest {
    private static final String TINY_AA039B39 = SpecCopy.TINY_CFG.replace("Corrections <- Corrected",
            "Corrections <- AA039B39");

    @Test
    void enablingOneCorrectionGivesAFirstDifferingStep(@TempDir Path tmp) throws Exception {
        Path old = SpecCopy.copy(tmp.resolve("old"));
        Path edited = SpecCopy.copy(tmp.resolve("new"));
        Files.writeString(old.resolve("tiny.cfg"), TINY_AA039B39, StandardCharsets.UTF_8);
        Files.writeString(edited.resolve("tiny.cfg"), TINY_AA039B39, StandardCharsets.UTF_8);
        SpecCopy.replace(edited.resolve("Mailbox.tla"), "IF Fixed(\"message-reports-sender\") THEN f ELSE 0",
                "IF TRUE THEN f ELSE 0");

        RefinementCheck.Result newRefinesOld = RefinementCheck.run("NEW", edited, "OLD", old, "MCMailbox", "tiny.cfg",
                Map.of(), tmp.resolve("w1"));
        RefinementCheck.Result oldRefinesNew = RefinementCheck.run("OLD", old, "NEW", edited, "MCMailbox", "tiny.cfg",
                Map.of(), tmp.resolve("w2"));

        for (RefinementCheck.Result r : List.of(newRefinesOld, oldRefinesNew)) {
            assertFalse(r.refines(), () -> r.implementation() + " must not refine " + r.abstraction());
            assertTrue(r.brokenAtStep(), () -> "exit " + r.report().exitStatus() + " " + r.report().errors());
            List<TraceState> trace = r.report().trace();
            TraceState last = trace.get(trace.size() - 1);
            // the first differing step is the delivery that computes the MESSAGE response for the primary
            assertEquals("mailbox_send_deliver", StepDescription.of(last).action(), () -> "trace " + trace);
            assertTrue(last.variables().get("cpu_op").render().contains("MESSAGE"), () -> last.variables().toString());
        }
        String newVmId = lastCpuOp(newRefinesOld);
        String oldVmId = lastCpuOp(oldRefinesNew);
        assertTrue(newVmId.contains("vm_id |-> 1"), newVmId);
        assertTrue(oldVmId.contains("vm_id |-> 0"), oldVmId);
    }

    @Test
    void anUnchangedSpecRefinesItself(@TempDir Path tmp) throws Exception {
        Path a = SpecCopy.copy(tmp.resolve("a"));
        Files.writeString(a.resolve("tiny.cfg"), SpecCopy.TINY_CFG, StandardCharsets.UTF_8);
        RefinementCheck.Result r = RefinementCheck.run("NEW", a, "OLD", a, "MCMailbox", "tiny.cfg", Map.of(),
                tmp.resolve("w"));
        assertTrue(r.refines(), () -> "exit " + r.report().exitStatus() + " " + r.report().errors());
        assertTrue(r.report().distinctStates().orElse(0) > 100, () -> r.report().distinctStates().toString());
    }

    private static String lastCpuOp(RefinementCheck.Result r) {
        List<TraceState> trace = r.report().trace();
        return trace.get(trace.size() - 1).variables().get("cpu_op").render();
    }
}
