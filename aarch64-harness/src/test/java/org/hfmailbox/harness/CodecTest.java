package org.hfmailbox.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The driver's encodings without QEMU: input table layout, record decoding, snapshot words and their names. */
class CodecTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void inputTableMatchesTheImagesLayout() {
        List<Integer> shape = List.of(2, 1);
        ReplayInput in = new ReplayInput("t", 2, shape, 0b101, List.of(7L, 8L, 9L), List.of(
                new ReplayStep(1, StepKind.HVC, 0xff04, 1, 3, 4, El2Layout.RECV_MAP_FAILS, new byte[] {9, 8, 7})));
        ByteBuffer b = ByteBuffer.wrap(InputTableWriter.encode(List.of(in), "/tmp/x", 2)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(El2Layout.MAGIC, b.getLong(0));
        assertEquals(1, b.getLong(8));
        assertEquals(2, b.getLong(24));
        assertEquals(0, b.getLong(32), "replay mode");
        int t = (int) b.getLong(64);
        assertEquals(0, t % 64);
        assertEquals(2, b.getLong(t));
        assertEquals(2, b.getLong(t + 8));
        assertEquals(0b101, b.getLong(t + 16));
        assertEquals(1, b.getLong(t + 24));
        int step = (int) b.getLong(t + 32);
        assertEquals(1, b.get(step));
        assertEquals(StepKind.HVC.code(), b.get(step + 1));
        assertEquals(El2Layout.RECV_MAP_FAILS, b.get(step + 2));
        assertEquals(0xff04, b.getLong(step + 8));
        assertEquals(4, b.getLong(step + 32));
        int payload = (int) b.getLong(step + 40);
        assertEquals(3, b.getLong(step + 48));
        assertEquals(8, b.get(payload + 1));
        int init = (int) b.getLong(t + 40);
        assertEquals(9, b.getLong(init + 16));
        assertEquals(1, b.getLong(t + 64 + 8));
    }

    @Test
    void shapesBeyondTheImageAreRejected() {
        assertEquals("vcpu_count[0] is 1 but the primary has one vCPU per CPU (2)",
                ReplayInput.shapeProblem(2, List.of(1, 1)));
        assertEquals("vcpu_count[1] = 9 is outside the EL2 image's 1..8", ReplayInput.shapeProblem(1, List.of(1, 9)));
        assertNull(ReplayInput.shapeProblem(8, List.of(8, 8)));
        assertThrows(IllegalArgumentException.class, () -> new ReplayInput("t", 1, List.of(1), 0, List.of(0L),
                List.of(ReplayStep.cont(1))));
    }

    @Test
    void recordsDecodeLosslessly() {
        ByteBuffer b = ByteBuffer.allocate(8 * (5 + 15 + 9)).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(1 | 5 << 8).putLong(0).putLong(2).putLong(0x11).putLong(0x22);
        b.putLong(2 | 15 << 8).putLong(1).putLong(1 | 3 << 8 | 9L << 16 | 0x101L << 24 | 20L << 48)
                .putLong(0x80000001L).putLong(-1).putLong(0).putLong(0xff00).putLong(2).putLong(0).putLong(0)
                .putLong(0x101).putLong(1 | 2 << 8 | 1 << 16 | 5L << 32).putLong(1).putLong(0x33).putLong(-1);
        b.putLong(3 | 9 << 8).putLong(0).putLong(0).putLong(1).putLong(0).putLong(0).putLong(0).putLong(0).putLong(0);
        El2Output out = El2Output.decode(b.array());
        assertNull(out.problem());
        El2TraceResult r = out.traces().get(0);
        assertEquals(0x22, r.initWords()[1]);
        El2Event e = r.events().get(0);
        assertEquals(El2Action.VCPU_RUN, e.action());
        assertEquals(1, e.mpidrCpu());
        assertEquals(1, e.actorVm());
        assertEquals(0xff00, e.reg(0));
        assertEquals(20, e.guestCheck(), "the guest's check byte");
        assertEquals("<<1, 0>>", El2Snapshot.vcpuRefText(e.runningRef()));
        assertTrue(e.hasCopy());
        assertEquals(2, e.copiedTo());
        assertEquals(1, e.copiedFrom());
        assertEquals(5, e.copiedSize());
        long[] words = r.initWords();
        e.applyTo(words);
        assertEquals(0x33, words[1]);
        assertEquals(El2TraceEnd.OK, r.end().status());
        assertNull(r.contention());
    }

    /** An EVENT record: seq, cpu, action, no ret/aux, no regs, nothing running or copied, then the fields. */
    private static void event(ByteBuffer b, long seq, int cpu, long... fields) {
        b.putLong(2 | (12L + fields.length) << 8).putLong(seq).putLong(cpu | 1 << 8).putLong(cpu).putLong(0)
                .putLong(0).putLong(0).putLong(0).putLong(0).putLong(0).putLong(0).putLong(0);
        for (long f : fields) {
            b.putLong(f);
        }
    }

    @Test
    void contendedRecordsAreOrderedBySequenceNumberAndApplyOnlyTheirMaskedBits() {
        ByteBuffer b = ByteBuffer.allocate(8 * (4 + 15 + 18 + 15 + 9 + 9)).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(1 | 4 << 8).putLong(0).putLong(1).putLong(0x0000_0000_0000_0101L);
        // CPU 1's buffer first (seq 2), then CPU 0's (seq 1, 3): the file groups records by CPU
        event(b, 2, 1, 0, 0x0400, 0xff00, 0, 0x4000_0000L, 0xff00_0000L);
        event(b, 1, 0, 0, 0x02, 0xff);
        event(b, 3, 0, 0, 0x01, 0xff);
        b.putLong(5 | 9 << 8).putLong(0).putLong(3).putLong(4).putLong(0).putLong(0).putLong(1).putLong(2)
                .putLong(0);
        b.putLong(3 | 9 << 8).putLong(0).putLong(0).putLong(3).putLong(0).putLong(0).putLong(0).putLong(0).putLong(0);
        El2Output out = El2Output.decode(b.array());
        assertNull(out.problem());
        El2TraceResult r = out.traces().get(0);
        assertEquals(List.of(1L, 2L, 3L), r.events().stream().map(El2Event::seq).toList());
        long[] w = r.initWords();
        r.events().get(0).applyTo(w);
        assertEquals(0x0102L, w[0], "seq 1 wrote bits 0..7 only");
        r.events().get(1).applyTo(w);
        assertEquals(0x4000_0402L, w[0], "seq 2 wrote bits 8..15 and 24..31 only, keeping seq 1's bits");
        r.events().get(2).applyTo(w);
        assertEquals(0x4000_0401L, w[0]);
        assertEquals(new El2Contention(3, 4, 0, 0, 1, 2, false), r.contention());
        assertEquals(8, r.contention().hafniumLockContention());
    }

    @Test
    void aMissingSequenceNumberIsReportedNotReproduced() {
        ByteBuffer b = ByteBuffer.allocate(8 * (4 + 12 + 12 + 9)).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(1 | 4 << 8).putLong(0).putLong(1).putLong(0);
        event(b, 1, 0);
        event(b, 3, 0);
        b.putLong(3 | 9 << 8).putLong(0).putLong(0).putLong(2).putLong(0).putLong(0).putLong(0).putLong(0).putLong(0);
        El2TraceResult r = El2Output.decode(b.array()).traces().get(0);
        ReplayInput in = ReplayInput.freeRunning("gap", 1, List.of(1), 0, 1, 2);
        FreeRunner.Outcome o = FreeRunner.reproduce(in, r);
        assertFalse(o.ok());
        assertTrue(o.failure().contains("missing 2"), o.failure());
    }

    @Test
    void onlyHypervisorStateCountsAsAChangeOnAnErrorReturn() {
        El2Snapshot s = new El2Snapshot(1, List.of(1, 1));
        int cpuWord = 3 * 2 + 3 * 2;
        assertTrue(s.changesHypervisorState(0, 1, 2), "a vCPU's state");
        assertTrue(s.changesHypervisorState(6, 0, 1), "a VM's mailbox");
        assertFalse(s.changesHypervisorState(cpuWord, 3L << 32, 2L << 32), "cpu_op only");
        assertTrue(s.changesHypervisorState(cpuWord, 1L << 24, 0), "is_on");
        assertFalse(s.changesHypervisorState(cpuWord + 1, 0, 5), "cpu_op's fields");
        assertFalse(s.changesHypervisorState(0, 7, 7));
    }

    @Test
    void snapshotWordsCarryTheVocabularysFields() throws Exception {
        El2Snapshot s = new El2Snapshot(1, List.of(1, 2));
        JsonNode state = MAPPER.readTree("{\"vcpu_state\":[[\"ready\"],[\"running\",\"off\"]],"
                + "\"saved_x0\":[[{\"kind\":\"none\"}],[{\"hex\":\"0x0000000000000001\",\"kind\":\"run\"},"
                + "{\"hex\":\"0x0000000000000000\",\"kind\":\"int\"}]],\"recv_waiter\":[[],[1,0]],"
                + "\"cpu_op\":[{\"op\":\"vcpu_switch\",\"next\":[1,0],\"user_ret\":{\"kind\":\"none\"}}]}");
        long[] w = s.encode(state);
        assertEquals(3 * 3 + 2 * 3 + 3, w.length);
        assertEquals(1, w[0]);
        assertEquals(2 | 1L << 24, w[3]);
        assertEquals(1, w[4]);
        assertEquals(2 | 1 << 8, w[15 - 3 + 2]);
        assertEquals(6L << 32, w[15] & ~0xffffffL);
        assertEquals(1 | 1 << 8, w[16]);
        long[] other = w.clone();
        other[3] = 4 | 1L << 24;
        El2Snapshot.FieldDifference d = s.explain(3, w[3], other[3]).get(0);
        assertEquals("vcpu_state[1][0]", d.field());
        assertEquals("\"running\"", d.reference());
        assertEquals("\"blocked_interrupt\"", d.el2());
    }
}
