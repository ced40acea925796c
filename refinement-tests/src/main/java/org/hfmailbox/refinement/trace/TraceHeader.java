package org.hfmailbox.refinement.trace;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The first line of a trace: semantics, the spec constants it fixes, its form and, in the full form, the initial
 * state (every variable but step; null in the observable form, whose validation starts from the spec's Init).
 */
public record TraceHeader(String semantics, SpecConstants constants, JsonNode init, TraceForm form) {
    /** A full-form header. */
    public TraceHeader(String semantics, SpecConstants constants, JsonNode init) {
        this(semantics, constants, init, TraceForm.FULL);
    }

    public boolean observable() {
        return form == TraceForm.OBSERVABLE;
    }
}
