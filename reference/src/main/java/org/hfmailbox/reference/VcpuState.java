package org.hfmailbox.reference;

/** {@code enum vcpu_state} of Hafnium, in declaration order; {@link #jsonName()} is the vocabulary's string. */
public enum VcpuState {
    OFF("off"), READY("ready"), RUNNING("running"), BLOCKED_MAILBOX("blocked_mailbox"),
    BLOCKED_INTERRUPT("blocked_interrupt");

    private final String jsonName;

    VcpuState(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static VcpuState ofJsonName(String name) {
        for (VcpuState s : values()) {
            if (s.jsonName.equals(name)) {
                return s;
            }
        }
        return null;
    }
}
