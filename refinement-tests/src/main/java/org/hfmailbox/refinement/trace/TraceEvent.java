package org.hfmailbox.refinement.trace;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One trace event (one spec step). {@code actor}, {@code args}, {@code ret} and {@code changes} are the JSON as read
 * (never modified after parsing); {@code regs} holds x0..x3 of a hypercall or trap (null when absent); the
 * {@code payload} is not kept: the spec does not see it.
 *
 * <p>In the observable form (docs/trace-format.md) {@code changes} is null, {@code args} may be null (the validator
 * derives them from the registers), {@code ret} is {@code {"hex": ...}} or {@code {"kind": "none"}},
 * {@code running} is the vCPU current on the CPU after the step ({@code [k, i]} or {@code []}) and {@code copied}
 * the message a delivery copied ({@code {"to", "from", "size"}}, null when it copied none). Both are null in the
 * full form.
 */
public record TraceEvent(int line, long seq, int cpu, JsonNode actor, String action, Regs regs, JsonNode args,
                         JsonNode ret, JsonNode changes, JsonNode running, JsonNode copied) {

    /** A full-form event. */
    public TraceEvent(int line, long seq, int cpu, JsonNode actor, String action, Regs regs, JsonNode args,
                      JsonNode ret, JsonNode changes) {
        this(line, seq, cpu, actor, action, regs, args, ret, changes, null, null);
    }

    /** The raw registers of a hypercall: 64-bit values. */
    public record Regs(long x0, long x1, long x2, long x3) {
    }
}
