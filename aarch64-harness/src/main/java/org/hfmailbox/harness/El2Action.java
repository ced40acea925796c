package org.hfmailbox.harness;

/** The action ids the EL2 image writes into its event records (layout.inc A_*), with their vocabulary names. */
public enum El2Action {
    VM_GET_COUNT(1, "vm_get_count"),
    VCPU_GET_COUNT(2, "vcpu_get_count"),
    VCPU_RUN(3, "vcpu_run"),
    VM_CONFIGURE(4, "vm_configure"),
    MAILBOX_SEND(5, "mailbox_send"),
    MAILBOX_SEND_DELIVER(6, "mailbox_send_deliver"),
    MAILBOX_SEND_SWITCH(7, "mailbox_send_switch"),
    MAILBOX_RECEIVE(8, "mailbox_receive"),
    MAILBOX_RECEIVE_WAIT(9, "mailbox_receive_wait"),
    MAILBOX_CLEAR(10, "mailbox_clear"),
    WFI_TRAP(11, "wfi_trap"),
    API_YIELD(12, "api_yield"),
    HVC_UNKNOWN(13, "hvc_unknown"),
    PSCI_VERSION(14, "psci_version"),
    PSCI_MIGRATE_INFO_TYPE(15, "psci_migrate_info_type"),
    PSCI_AFFINITY_INFO(16, "psci_affinity_info"),
    PSCI_CPU_ON(17, "psci_cpu_on"),
    PSCI_CPU_OFF(18, "psci_cpu_off"),
    CPU_MAIN(19, "cpu_main"),
    VCPU_SWITCH(20, "vcpu_switch"),
    INTERRUPT_INJECT(21, "interrupt_inject");

    private final int id;
    private final String jsonName;

    El2Action(int id, String jsonName) {
        this.id = id;
        this.jsonName = jsonName;
    }

    public int id() {
        return id;
    }

    public String jsonName() {
        return jsonName;
    }

    /** The action of an id from an event record, or null for an id the image never writes. */
    public static El2Action ofId(int id) {
        for (El2Action a : values()) {
            if (a.id == id) {
                return a;
            }
        }
        return null;
    }

    /** The action of a vocabulary name, or null. */
    public static El2Action ofName(String name) {
        for (El2Action a : values()) {
            if (a.jsonName.equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** How a replayed step of this action reaches the EL2 code. */
    public StepKind stepKind() {
        return switch (this) {
            case MAILBOX_SEND_DELIVER, MAILBOX_SEND_SWITCH, MAILBOX_RECEIVE_WAIT, CPU_MAIN, VCPU_SWITCH -> StepKind.CONT;
            case WFI_TRAP -> StepKind.WFI;
            case API_YIELD -> StepKind.IRQ;
            default -> StepKind.HVC;
        };
    }
}
