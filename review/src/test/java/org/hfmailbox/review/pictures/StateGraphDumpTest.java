package org.hfmailbox.review.pictures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hfmailbox.review.SpecCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state-machine pictures come from TLC's state graph: removing an action from the spec removes its edges. */
class StateGraphDumpTest {
    private static final List<Projection> PROJECTIONS = List.of(Projection.vcpu(1, 0), Projection.mailbox(1));

    @Test
    void removingAnActionRemovesItsEdgeFromThePicture(@TempDir Path tmp) throws Exception {
        Path original = SpecCopy.copy(tmp.resolve("original"));
        Files.writeString(original.resolve("tiny.cfg"), SpecCopy.TINY_CFG, StandardCharsets.UTF_8);
        Path edited = SpecCopy.copy(tmp.resolve("edited"));
        Files.writeString(edited.resolve("tiny.cfg"), SpecCopy.TINY_CFG, StandardCharsets.UTF_8);
        SpecCopy.replace(edited.resolve("Mailbox.tla"), "    \\/ mailbox_clear(c)\n", "");

        List<StateMachine> before = StateGraphDump.run(original, "MCMailbox", original.resolve("tiny.cfg"),
                tmp.resolve("out-original"), PROJECTIONS, false).machines();
        List<StateMachine> after = StateGraphDump.run(edited, "MCMailbox", edited.resolve("tiny.cfg"),
                tmp.resolve("out-edited"), PROJECTIONS, false).machines();

        StateMachine mailboxBefore = before.get(1);
        StateMachine mailboxAfter = after.get(1);
        assertTrue(mailboxBefore.hasEdge("read", "empty", "mailbox_clear"), () -> "edges: " + mailboxBefore.edges());
        assertFalse(mailboxAfter.actions().contains("mailbox_clear"), () -> "edges: " + mailboxAfter.edges());
        assertTrue(mailboxBefore.hasEdge("empty", "received", "mailbox_send_deliver"));
        assertEquals(List.of(), before.get(0).initial().stream().filter(v -> !v.equals("ready")).toList());
        assertTrue(before.get(0).hasEdge("ready", "running", "vcpu_run"), () -> "edges: " + before.get(0).edges());

        String svgBefore = StateMachineSvg.render(mailboxBefore);
        String svgAfter = StateMachineSvg.render(mailboxAfter);
        assertTrue(svgBefore.contains(">mailbox_clear</text>"), svgBefore);
        assertFalse(svgAfter.contains("mailbox_clear"), svgAfter);
        assertTrue(svgAfter.contains("data-from=\"empty\" data-to=\"received\""), svgAfter);
    }
}
