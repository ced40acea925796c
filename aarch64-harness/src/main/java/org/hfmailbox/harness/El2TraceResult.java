package org.hfmailbox.harness;

import java.util.List;

/**
 * What the image recorded for one trace: its initial snapshot, its events (in sequence-number order), how it ended
 * (null if it did not) and, free-running, its lock contention counters (null otherwise).
 */
public record El2TraceResult(int traceIndex, long[] initWords, List<El2Event> events, El2TraceEnd end,
                             El2Contention contention) {
    public El2TraceResult {
        initWords = initWords.clone();
        events = List.copyOf(events);
    }

    public El2TraceResult(int traceIndex, long[] initWords, List<El2Event> events, El2TraceEnd end) {
        this(traceIndex, initWords, events, end, null);
    }

    @Override
    public long[] initWords() {
        return initWords.clone();
    }
}
