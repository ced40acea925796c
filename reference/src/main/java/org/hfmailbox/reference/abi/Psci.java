package org.hfmailbox.reference.abi;

/** PSCI function ids (SMC32 forms; bit 30 is masked before comparing) and return codes (semantics page §1.9). */
public final class Psci {
    private Psci() {
    }

    public static final int PSCI_VERSION = 0x84000000;
    public static final int PSCI_CPU_OFF = 0x84000002;
    public static final int PSCI_CPU_ON = 0x84000003;
    public static final int PSCI_AFFINITY_INFO = 0x84000004;
    public static final int PSCI_MIGRATE_INFO_TYPE = 0x84000006;
    public static final int PSCI_SYSTEM_OFF = 0x84000008;
    public static final int PSCI_SYSTEM_RESET = 0x84000009;

    public static final int SUCCESS = 0;
    public static final int NOT_SUPPORTED = -1;
    public static final int INVALID_PARAMETERS = -2;
    public static final int ALREADY_ON = -4;
    public static final int INTERNAL_FAILURE = -6;

    /** Version 0.2, as PSCI_VERSION returns it. */
    public static final int VERSION_0_2 = 2;
    /** MIGRATE_INFO_TYPE's answer: 2 (trusted OS not present / migration not required). */
    public static final int MIGRATE_INFO_TYPE_NONE = 2;
    /** AFFINITY_INFO's answers. */
    public static final int AFFINITY_ON = 0;
    public static final int AFFINITY_OFF = 1;
}
