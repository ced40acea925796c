package org.hfmailbox.refinement.trace;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One trace event (one spec step). {@code actor}, {@code args}, {@code ret} and {@code changes} are the JSON as read
 * (never modified after parsing); {@code regs} holds x0..x3 of a hypercall or trap (empty when absent); the
 * {@code payload} is not kept: the spec does not see it.
 */
public record TraceEvent(int line, long seq, int cpu, JsonNode actor, String action, Regs regs, JsonNode args,
                         JsonNode ret, JsonNode changes) {

    /** The raw registers of a hypercall: 64-bit values. */
    public record Regs(long x0, long x1, long x2, long x3) {
    }
}
