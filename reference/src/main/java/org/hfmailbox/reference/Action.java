package org.hfmailbox.reference;

/** The spec's actions (docs/vocabulary.md), one per atomic step kind; {@link #jsonName()} is the trace name. */
public enum Action {
    VM_GET_COUNT, VCPU_GET_COUNT, VCPU_RUN, VM_CONFIGURE, MAILBOX_SEND, MAILBOX_SEND_DELIVER, MAILBOX_SEND_SWITCH,
    MAILBOX_RECEIVE, MAILBOX_RECEIVE_WAIT, MAILBOX_CLEAR, WFI_TRAP, API_YIELD, HVC_UNKNOWN, PSCI_VERSION,
    PSCI_MIGRATE_INFO_TYPE, PSCI_AFFINITY_INFO, PSCI_CPU_ON, PSCI_CPU_OFF, INTERRUPT_INJECT, CPU_MAIN, VCPU_SWITCH;

    private final String jsonName = name().toLowerCase(java.util.Locale.ROOT);

    public String jsonName() {
        return jsonName;
    }

    /** True for the CPU-level steps whose actor is {@code [cpu |-> c]}. */
    public boolean isCpuLevel() {
        return this == CPU_MAIN || this == VCPU_SWITCH;
    }

    public static Action ofJsonName(String name) {
        for (Action a : values()) {
            if (a.jsonName.equals(name)) {
                return a;
            }
        }
        return null;
    }
}
