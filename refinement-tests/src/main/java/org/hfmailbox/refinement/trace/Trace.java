package org.hfmailbox.refinement.trace;

import java.util.List;

/** A parsed trace: where it came from (a file name or a label), its header and its events in order. */
public record Trace(String source, TraceHeader header, List<TraceEvent> events) {
    public Trace {
        events = List.copyOf(events);
    }
}
