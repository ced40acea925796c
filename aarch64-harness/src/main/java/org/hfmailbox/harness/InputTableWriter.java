package org.hfmailbox.harness;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes traces into the binary input table the EL2 image reads at {@link El2Layout#INPUT_BASE} (layout.inc:
 * IN_*, TR_*, ST_*): a header (magic, trace count, output file name, -smp count, mode, flags), a table of trace
 * offsets, and per trace its shape, corrections, step array, initial x0 values, memory layout and payload bytes.
 * Little-endian words.
 */
public final class InputTableWriter {
    private InputTableWriter() {
    }

    /**
     * @param outputFile the host file the image writes its event records to (semihosting)
     * @param physicalCpus the -smp count QEMU runs with (at least the largest trace's cpus)
     */
    public static byte[] encode(List<ReplayInput> traces, String outputFile, int physicalCpus) {
        return encode(traces, outputFile, physicalCpus, 0);
    }

    /**
     * @param sabotage self-test only (RegisterTeethTest): {@link El2Layout}'s SAB_* bits, which make the image
     *                 break its own register handling in one way each
     */
    public static byte[] encode(List<ReplayInput> traces, String outputFile, int physicalCpus, int sabotage) {
        byte[] name = (outputFile + "\0").getBytes(StandardCharsets.UTF_8);
        long size = 64 + 8L * traces.size() + align(name.length, 8);
        for (ReplayInput t : traces) {
            size = align(size, 64) + El2Layout.TRACE_HEADER_SIZE;
            for (ReplayStep s : t.steps()) {
                size += s.payloadLength();
            }
            size = align(size, 64) + (long) El2Layout.STEP_SIZE * t.steps().size() + 8L * t.initX0().size()
                    + 8L * t.layout().words().length;
        }
        if (size > El2Layout.INPUT_LIMIT) {
            throw new IllegalArgumentException("input table of " + size + " bytes exceeds the image's "
                    + El2Layout.INPUT_LIMIT + "; replay fewer traces per boot");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, El2Layout.MAGIC);
        b.putLong(8, traces.size());
        int namePos = 64 + 8 * traces.size();
        b.putLong(16, namePos);
        b.putLong(24, physicalCpus);
        int mode = traces.isEmpty() ? El2Layout.MODE_REPLAY : traces.get(0).mode();
        for (ReplayInput t : traces) {
            if (t.mode() != mode) {
                throw new IllegalArgumentException("one boot replays traces, free-runs serialised or free-runs "
                        + "contended, never a mix");
            }
        }
        b.putLong(32, mode);
        b.putLong(40, mode == El2Layout.MODE_CONTENDED ? El2Layout.CONTENDED_HOLD_SPIN : 0);
        boolean aim = !traces.isEmpty() && traces.get(0).aimWindows() && mode == El2Layout.MODE_CONTENDED;
        b.putLong(48, aim ? El2Layout.IF_AIM_WINDOWS : 0);
        b.putLong(56, sabotage);
        b.position(namePos);
        b.put(name);
        int pos = (int) align(b.position(), 8);
        for (int t = 0; t < traces.size(); t++) {
            ReplayInput in = traces.get(t);
            pos = (int) align(pos, 64);
            int header = pos;
            b.putLong(64 + 8 * t, header);
            pos += El2Layout.TRACE_HEADER_SIZE;
            int[] payloadAt = new int[in.steps().size()];
            for (int i = 0; i < in.steps().size(); i++) {
                ReplayStep s = in.steps().get(i);
                payloadAt[i] = pos;
                b.position(pos);
                b.put(s.payloadRaw());
                pos += s.payloadLength();
            }
            pos = (int) align(pos, 64);
            int steps = pos;
            for (int i = 0; i < in.steps().size(); i++) {
                ReplayStep s = in.steps().get(i);
                int at = steps + i * El2Layout.STEP_SIZE;
                b.put(at, (byte) s.cpu());
                b.put(at + 1, (byte) s.kind().code());
                b.put(at + 2, (byte) s.flags());
                b.putLong(at + 8, s.x0());
                b.putLong(at + 16, s.x1());
                b.putLong(at + 24, s.x2());
                b.putLong(at + 32, s.x3());
                b.putLong(at + 40, payloadAt[i]);
                b.putLong(at + 48, s.payloadLength());
                b.putLong(at + 56, s.payloadDest());
            }
            pos = steps + El2Layout.STEP_SIZE * in.steps().size();
            int init = pos;
            for (long x0 : in.initX0()) {
                b.putLong(pos, x0);
                pos += 8;
            }
            int layout = pos;
            for (long w : in.layout().words()) {
                b.putLong(pos, w);
                pos += 8;
            }
            b.putLong(header, in.cpus());
            b.putLong(header + 8, in.vcpuCount().size());
            b.putLong(header + 16, in.corrections());
            b.putLong(header + 24, in.isFreeRunning() ? in.freeSteps() : in.steps().size());
            b.putLong(header + 48, in.randomSeed());
            b.putLong(header + 32, steps);
            b.putLong(header + 40, init);
            b.putLong(header + 56, layout);
            for (int k = 0; k < in.vcpuCount().size(); k++) {
                b.putLong(header + 64 + 8 * k, in.vcpuCount().get(k));
            }
        }
        return b.array();
    }

    private static long align(long v, int a) {
        return (v + a - 1) / a * a;
    }
}
