package org.hfmailbox.reference.trace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A trace kept in memory as immutable records, for in-process consumers (the validator, tests). */
public final class InMemoryTrace implements TraceSink {
    private TraceHeader header;
    private final List<TraceEvent> events = new ArrayList<>();

    public boolean enabled() {
        return true;
    }

    public void header(TraceHeader h) {
        this.header = h;
    }

    public void event(TraceEvent e) {
        events.add(e);
    }

    public TraceHeader header() {
        return header;
    }

    public List<TraceEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** The last event, or null. */
    public TraceEvent last() {
        return events.isEmpty() ? null : events.get(events.size() - 1);
    }

    /** Every line as a Jackson tree: the header first, then the events. */
    public List<ObjectNode> toNodes() {
        List<ObjectNode> out = new ArrayList<>(events.size() + 1);
        out.add(TraceJson.headerNode(header));
        for (TraceEvent e : events) {
            out.add(TraceJson.eventNode(e));
        }
        return out;
    }

    /** Every line as NDJSON text. */
    public List<String> toLines() {
        List<String> out = new ArrayList<>(events.size() + 1);
        out.add(TraceJson.headerLine(header));
        for (TraceEvent e : events) {
            out.add(TraceJson.eventLine(e));
        }
        return out;
    }
}
