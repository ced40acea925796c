package org.hfmailbox.harness;

import java.util.List;

/** What the image recorded for one trace: its initial snapshot, its events, and how it ended (null if it did not). */
public record El2TraceResult(int traceIndex, long[] initWords, List<El2Event> events, El2TraceEnd end) {
    public El2TraceResult {
        initWords = initWords.clone();
        events = List.copyOf(events);
    }

    @Override
    public long[] initWords() {
        return initWords.clone();
    }
}
