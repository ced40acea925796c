package org.hfmailbox.reference;

/**
 * A deliberate defect for teeth tests (test-only): the hypervisor behaves wrongly while its trace header still
 * claims the configured semantics. See {@link Faults}.
 */
public enum Fault {
    /** Returned x0 values of kind run/recv have a reserved bit set (bit 8 resp. 16), so {@code hex} != fields. */
    WRONG_RETURN_ENCODING,
    /** A delivery to a VM with waiters wakes the head waiter but leaves it on the waiter stack. */
    SKIP_WAITER_POP,
    /** A delivery to a secondary without waiters leaves the mailbox {@code read} instead of {@code received}. */
    WRONG_MAILBOX_STATE,
    /** vcpu_run resumes a ready vCPU whose registers are not yet saved, even under save-before-publish. */
    PUBLISH_READY_WITHOUT_SAVE,
    /** A failed delivery (S2) does not raise the sender's ghost wants_send_to: the guest's wish is lost. */
    FORGET_WISH
}
