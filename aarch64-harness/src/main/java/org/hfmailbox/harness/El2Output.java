package org.hfmailbox.harness;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the image's event file (events.S): a sequence of records, each starting with a word
 * {@code type | words << 8}; TRACE_BEGIN (trace index, snapshot), EVENT, TRACE_END, FATAL. Lossless: every field
 * the image wrote is kept.
 */
public final class El2Output {
    /** Header words of an EVENT record (layout.inc REC_HEADER). */
    static final int HEADER = 12;

    private final List<El2TraceResult> traces;
    private final El2Fatal fatal;
    private final String problem;

    private El2Output(List<El2TraceResult> traces, El2Fatal fatal, String problem) {
        this.traces = List.copyOf(traces);
        this.fatal = fatal;
        this.problem = problem;
    }

    public List<El2TraceResult> traces() {
        return traces;
    }

    /** The exception taken at EL2, if the run ended with one. */
    public El2Fatal fatal() {
        return fatal;
    }

    /** A malformed record stream (truncated file, unknown type), or null. */
    public String problem() {
        return problem;
    }

    public static El2Output decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int words = bytes.length / 8;
        List<El2TraceResult> traces = new ArrayList<>();
        El2Fatal fatal = null;
        String problem = bytes.length % 8 != 0 ? "event file length " + bytes.length + " is not a whole word count"
                : null;
        int traceIndex = -1;
        long[] init = null;
        List<El2Event> events = new ArrayList<>();
        El2Contention contention = null;
        String malformed = null;
        int i = 0;
        while (i < words) {
            long head = b.getLong(8 * i);
            int type = (int) (head & 0xff);
            int n = (int) (head >>> 8);
            if (n < 1 || i + n > words) {
                problem = "truncated or malformed record at word " + i;
                break;
            }
            switch (type) {
                case 1 -> {
                    if (init != null) {
                        traces.add(new El2TraceResult(traceIndex, init, bySeq(events), null, contention));
                    }
                    contention = null;
                    traceIndex = (int) b.getLong(8 * (i + 1));
                    int count = (int) b.getLong(8 * (i + 2));
                    init = new long[count];
                    for (int k = 0; k < count; k++) {
                        init[k] = b.getLong(8 * (i + 3 + k));
                    }
                    events = new ArrayList<>();
                }
                case 2 -> {
                    long w2 = b.getLong(8 * (i + 2));
                    if (n < HEADER || (n - HEADER) % 3 != 0) {
                        malformed = "EVENT record of " + n + " words at word " + i;
                        break;
                    }
                    int changes = (n - HEADER) / 3;
                    int[] idx = new int[changes];
                    long[] val = new long[changes];
                    long[] mask = new long[changes];
                    for (int k = 0; k < changes; k++) {
                        idx[k] = (int) b.getLong(8 * (i + HEADER + 3 * k));
                        val[k] = b.getLong(8 * (i + HEADER + 1 + 3 * k));
                        mask[k] = b.getLong(8 * (i + HEADER + 2 + 3 * k));
                    }
                    long[] regs = new long[4];
                    for (int k = 0; k < 4; k++) {
                        regs[k] = b.getLong(8 * (i + 6 + k));
                    }
                    int actionId = (int) ((w2 >>> 8) & 0xff);
                    int flags = (int) ((w2 >>> 16) & 0xff);
                    events.add(new El2Event(b.getLong(8 * (i + 1)), (int) (w2 & 0xff), El2Action.ofId(actionId),
                            actionId, (flags & 1) != 0, (flags & 2) != 0, (int) ((w2 >>> 24) & 0xffffff),
                            b.getLong(8 * (i + 3)), b.getLong(8 * (i + 4)), b.getLong(8 * (i + 5)), regs, idx,
                            val, mask, (int) ((w2 >>> 48) & 0xff), (int) b.getLong(8 * (i + 10)),
                            b.getLong(8 * (i + 11))));
                }
                case 3 -> {
                    El2TraceEnd end = new El2TraceEnd((int) b.getLong(8 * (i + 1)), (int) b.getLong(8 * (i + 2)),
                            b.getLong(8 * (i + 3)), b.getLong(8 * (i + 4)), b.getLong(8 * (i + 5)),
                            b.getLong(8 * (i + 6)), b.getLong(8 * (i + 7)), b.getLong(8 * (i + 8)));
                    traces.add(new El2TraceResult(traceIndex, init == null ? new long[0] : init, bySeq(events), end,
                            contention));
                    init = null;
                    contention = null;
                    events = new ArrayList<>();
                }
                case 5 -> {
                    if (n < 9) {
                        malformed = "CONTENTION record of " + n + " words at word " + i;
                        break;
                    }
                    contention = new El2Contention(b.getLong(8 * (i + 2)), b.getLong(8 * (i + 3)),
                            b.getLong(8 * (i + 4)), b.getLong(8 * (i + 5)), b.getLong(8 * (i + 6)),
                            b.getLong(8 * (i + 7)), b.getLong(8 * (i + 8)) != 0);
                }
                case 4 -> fatal = new El2Fatal(b.getLong(8 * (i + 1)), b.getLong(8 * (i + 2)), b.getLong(8 * (i + 3)),
                        b.getLong(8 * (i + 4)), (int) b.getLong(8 * (i + 5)));
                default -> malformed = "unknown record type " + type + " at word " + i;
            }
            if (malformed != null) {
                problem = malformed;
                break;
            }
            i += n;
        }
        if (init != null) {
            traces.add(new El2TraceResult(traceIndex, init, bySeq(events), null, contention));
        }
        return new El2Output(traces, fatal, problem);
    }

    /**
     * The events in sequence-number order: contended free-running writes each CPU's records to its own buffer, so
     * the file holds them grouped by CPU; replay already writes them in order (a stable sort keeps it).
     */
    private static List<El2Event> bySeq(List<El2Event> events) {
        List<El2Event> sorted = new ArrayList<>(events);
        sorted.sort(java.util.Comparator.comparingLong(El2Event::seq));
        return sorted;
    }
}
