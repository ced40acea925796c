package org.hfmailbox.reference.trace;

/** The raw registers x0..x3 of a hypercall, as the event's {@code regs}. Immutable. */
public record Regs(long x0, long x1, long x2, long x3) {
}
