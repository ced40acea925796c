package org.hfmailbox.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.hfmailbox.reference.Fault;
import org.hfmailbox.reference.Faults;
import org.hfmailbox.reference.Hypervisor;
import org.hfmailbox.reference.MemoryLayout;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.reference.trace.InMemoryTrace;
import org.junit.jupiter.api.Test;

/** The harness has teeth: a wrong reference (or a tampered trace) is caught at the first wrong step and field. */
class DivergenceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** VM 1 configures and yields; the primary configures and sends 5 bytes (no waiter: received); VM 1 receives. */
    private static List<String> run(Faults faults, Semantics sem) {
        SystemShape shape = new SystemShape(1, List.of(1, 1));
        InMemoryTrace t = new InMemoryTrace();
        Hypervisor h = new Hypervisor(shape, sem, MemoryLayout.defaultLayout(2), faults, t);
        long p = MemoryLayout.defaultBase(0);
        long s = MemoryLayout.defaultBase(1);
        h.hvc(0, 0xff00, 1, 0, 0);
        h.continueStep(0);
        h.hvc(0, 0xff03, s, s + 0x1000, 0);
        h.irq(0);
        h.continueStep(0);
        h.hvc(0, 0xff03, p, p + 0x1000, 0);
        h.writeGuest(0, p, new byte[] {1, 2, 3, 4, 5});
        h.hvc(0, 0xff04, 1, 5, 0);
        h.continueStep(0);
        h.hvc(0, 0xff00, 1, 0, 0);
        h.continueStep(0);
        h.hvc(0, 0xff05, 0, 0, 0);
        return t.toLines();
    }

    private static ReplayOutcome replay(String name, List<String> lines) throws Exception {
        return TestSupport.replayer().replay(List.of(TraceReader.parse(name, lines))).get(0);
    }

    @Test
    void correctReferenceAgrees() throws Exception {
        ReplayOutcome o = replay("good", run(Faults.none(), Semantics.corrected()));
        assertTrue(o.ok(), o.describe());
    }

    @Test
    void wrongMailboxStateInTheReferenceIsCaught() throws Exception {
        ReplayOutcome o = replay("wrong-state", run(Faults.of(Fault.WRONG_MAILBOX_STATE), Semantics.corrected()));
        assertFalse(o.ok());
        Divergence d = o.divergence();
        assertNotNull(d, o.describe());
        assertEquals(8, d.seq(), o.describe());
        assertEquals("mailbox_state[1]", d.field());
        assertEquals("\"read\"", d.reference());
        assertEquals("\"received\"", d.el2());
    }

    @Test
    void wrongReturnEncodingInTheReferenceIsCaught() throws Exception {
        ReplayOutcome o = replay("wrong-encoding", run(Faults.of(Fault.WRONG_RETURN_ENCODING), Semantics.corrected()));
        assertNotNull(o.divergence(), o.describe());
        assertEquals("ret", o.divergence().field(), o.describe());
    }

    @Test
    void tamperedPayloadIsCaught() throws Exception {
        List<String> lines = new ArrayList<>(run(Faults.none(), Semantics.corrected()));
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"payload\"")) {
                at = i;
            }
        }
        assertTrue(at > 0, "the delivery carries a payload");
        ObjectNode e = (ObjectNode) MAPPER.readTree(lines.get(at));
        // the guest writes these bytes; the trace claims others arrived
        List<String> expected = new ArrayList<>(lines);
        e.put("payload", "0102030406");
        expected.set(at, MAPPER.writeValueAsString(e));
        ReplayInput in = TraceTranslator.translate(TraceReader.parse("real", lines));
        Replayer.RawRun raw = TestSupport.replayer().run(List.of(in));
        Divergence d = TraceComparator.compare(TraceReader.parse("tampered", expected), raw.output().traces().get(0));
        assertNotNull(d);
        assertTrue(d.field().startsWith("delivered bytes"), d.describe());
    }

    @Test
    void inputErrorsNameFileLineAndField() {
        HarnessInputException e = org.junit.jupiter.api.Assertions.assertThrows(HarnessInputException.class,
                () -> TraceReader.parse("t.ndjson", List.of(run(Faults.none(), Semantics.corrected()).get(0),
                        "{\"seq\":1,\"cpu\":5,\"actor\":{\"vm\":0,\"vcpu\":0},\"action\":\"vm_get_count\"}")));
        assertEquals("t.ndjson:2: cpu: CPU 5 is outside the shape (cpus 1)", e.getMessage());
        HarnessInputException json = org.junit.jupiter.api.Assertions.assertThrows(HarnessInputException.class,
                () -> TraceReader.parse("u.ndjson", List.of("{\"format\": \"hafnium-mailbox-trace\",")));
        assertTrue(json.getMessage().startsWith("u.ndjson:1: not valid JSON"), json.getMessage());
    }
}
