package org.hfmailbox.harness;

/**
 * The first point where the image disagrees with the reference trace: the step (sequence number, 0 for the initial
 * state), its line in the trace file, the field, and both values.
 */
public record Divergence(long seq, int line, String field, String reference, String el2) {
    public String describe() {
        return "step " + seq + (line > 0 ? " (line " + line + ")" : "") + ": " + field + ": reference " + reference
                + ", EL2 " + el2;
    }
}
