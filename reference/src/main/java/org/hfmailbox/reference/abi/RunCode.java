package org.hfmailbox.reference.abi;

/** The 8-bit code of HF_VCPU_RUN_RESPONSE (semantics page §1.6), in the order of their values. */
public enum RunCode {
    YIELD(0), WAIT_FOR_INTERRUPT(1), WAKE_UP(2), MESSAGE(3);

    private final int value;

    RunCode(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** The code for a value, or null for an 8-bit value Hafnium never produces. */
    public static RunCode ofValue(int value) {
        RunCode[] all = values();
        return value >= 0 && value < all.length ? all[value] : null;
    }
}
