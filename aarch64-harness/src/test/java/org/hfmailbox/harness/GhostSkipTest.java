package org.hfmailbox.harness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.hfmailbox.reference.Hypervisor;
import org.hfmailbox.reference.MemoryLayout;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.reference.trace.InMemoryTrace;
import org.junit.jupiter.api.Test;

/**
 * Without QEMU: the comparison with the reference skips the ghosts the EL2 code does not compute (delivered,
 * waiting_for, wants_send_to): they add no snapshot word, and a change to them changes none.
 */
class GhostSkipTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> GHOSTS = List.of("delivered", "waiting_for", "wants_send_to");

    @Test
    void ghostsNeitherAddNorChangeSnapshotWords() throws Exception {
        SystemShape shape = new SystemShape(1, List.of(1, 1));
        InMemoryTrace t = new InMemoryTrace();
        Hypervisor h = new Hypervisor(shape, Semantics.corrected(), t);
        long p = MemoryLayout.defaultBase(0);
        h.hvc(0, 0xff03, p, p + 0x1000, 0);
        h.hvc(0, 0xff04, 1, 5, 0); // VM 1 has no receive page: S2 raises wants_send_to[0]
        h.continueStep(0);
        h.hvc(0, 0xff00, 1, 0, 0);
        h.continueStep(0);
        h.wfiTrap(0); // waiting_for[1][0] = interrupt
        List<String> lines = t.toLines();
        El2Snapshot layout = new El2Snapshot(1, List.of(1, 1));
        ObjectNode init = (ObjectNode) MAPPER.readTree(lines.get(0)).path("init");
        ObjectNode bare = init.deepCopy();
        bare.remove(GHOSTS);
        long[] withGhosts = layout.encode(init);
        assertArrayEquals(layout.encode(bare), withGhosts);
        int ghostChanges = 0;
        for (String line : lines.subList(1, lines.size())) {
            JsonNode changes = MAPPER.readTree(line).path("changes");
            for (String g : GHOSTS) {
                if (changes.has(g)) {
                    ghostChanges++;
                    long[] w = withGhosts.clone();
                    layout.apply(g, changes.path(g), w);
                    assertArrayEquals(withGhosts, w, g + " must not reach a snapshot word");
                }
            }
        }
        assertTrue(ghostChanges >= 2, "the run changes wants_send_to and waiting_for");
    }
}
