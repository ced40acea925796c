package org.hfmailbox.refinement.trace;

import com.fasterxml.jackson.databind.JsonNode;

/** The first line of a trace: semantics, the spec constants it fixes and the initial state (every variable but step). */
public record TraceHeader(String semantics, SpecConstants constants, JsonNode init) {
}
