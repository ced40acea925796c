package org.hfmailbox.reference;

/** What a physical CPU can do next, read from its {@code is_on} and {@code cpu_op}. */
public enum NextStep {
    /** Powered off: nothing (another CPU's PSCI CPU_ON can start it). */
    OFF,
    /** A guest runs: the next step is a hypercall, a trap (WFI, secondaries only) or an IRQ (secondaries only). */
    GUEST,
    CPU_MAIN, MAILBOX_SEND_DELIVER, MAILBOX_SEND_SWITCH, MAILBOX_RECEIVE_WAIT, VCPU_SWITCH;

    public boolean isContinuation() {
        return this != OFF && this != GUEST;
    }
}
