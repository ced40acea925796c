package org.hfmailbox.refinement.trace;

import java.util.List;

/** The correction names of docs/corrections.md, in their canonical order. */
public final class Corrections {
    public static final List<String> ALL = List.of(
            "save-before-publish",
            "retval-before-publish",
            "message-reports-sender",
            "block-on-mailbox",
            "wfi-wake-on-interrupt",
            "secondary-vcpu-on",
            "fifo-waiters",
            "block-only-when-deliverable");

    private Corrections() {
    }

    /**
     * Whether a header's semantics label fits its corrections: {@code aa039b39} exactly when none is enabled,
     * otherwise {@code corrected} (every correction the writer knows) or {@code custom}. The validator does not
     * insist on which of the two: the spec's constants come from the corrections list alone.
     */
    public static boolean semanticsFits(String semantics, List<String> enabled) {
        if (enabled.isEmpty()) {
            return semantics.equals("aa039b39");
        }
        return semantics.equals("corrected") || semantics.equals("custom");
    }
}
