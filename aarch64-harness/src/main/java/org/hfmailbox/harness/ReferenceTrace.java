package org.hfmailbox.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A reference trace as read from NDJSON: the header and the events (Jackson trees, treated as read-only), the
 * file name and each event's line number for reports, and the VMs' memory layout the reference ran with (a trace
 * file does not carry it: the reference's default layout unless a scenario gave one).
 */
public record ReferenceTrace(String file, JsonNode header, List<JsonNode> events, List<Integer> lines,
                             VmLayout layout) {
    public ReferenceTrace {
        events = List.copyOf(events);
        lines = List.copyOf(lines);
    }

    /** A trace run with the reference's default layout. */
    public ReferenceTrace(String file, JsonNode header, List<JsonNode> events, List<Integer> lines) {
        this(file, header, events, lines, VmLayout.defaultFor(
                Math.max(1, header.path("shape").path("vcpu_count").size())));
    }

    /** The same trace, run with another layout. */
    public ReferenceTrace withLayout(VmLayout l) {
        return new ReferenceTrace(file, header, events, lines, l);
    }

    public int cpus() {
        return header.path("shape").path("cpus").asInt();
    }

    public List<Integer> vcpuCount() {
        return java.util.stream.StreamSupport.stream(header.path("shape").path("vcpu_count").spliterator(), false)
                .map(JsonNode::asInt).toList();
    }

    public String semantics() {
        return header.path("semantics").asText();
    }

    public List<String> corrections() {
        return java.util.stream.StreamSupport.stream(header.path("corrections").spliterator(), false)
                .map(JsonNode::asText).toList();
    }
}
