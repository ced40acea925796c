package org.hfmailbox.harness;

/**
 * The verdict on one replayed trace: agreement, the first divergence, or a run failure (the image never finished
 * the trace: exception at EL2, QEMU timeout). Immutable.
 */
public record ReplayOutcome(String name, int steps, Divergence divergence, String failure) {
    public boolean ok() {
        return divergence == null && failure == null;
    }

    public String describe() {
        if (failure != null) {
            return name + ": EL2 run failed: " + failure;
        }
        if (divergence != null) {
            return name + ": divergence at " + divergence.describe();
        }
        return name + ": " + steps + " steps agree";
    }
}
