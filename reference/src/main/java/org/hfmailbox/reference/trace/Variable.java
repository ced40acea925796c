package org.hfmailbox.reference.trace;

/**
 * The state variables of docs/vocabulary.md in the order of its variable table (the order of {@code changes}); the
 * last three are the ghosts of what guests asked for and were handed (issue 10), which the EL2 harness does not hold.
 */
public enum Variable {
    VCPU_STATE, SAVED_X0, REGS_AVAILABLE, RECV_PENDING, MAILBOX_STATE, RECV_FROM_ID, RECV_BYTES, SEND_CONFIGURED,
    RECV_CONFIGURED, RECV_WAITER, CURRENT, IS_ON, CPU_OP, DELIVERED, WAITING_FOR, WANTS_SEND_TO;

    private static final Variable[] ALL = values();
    private final String jsonName = name().toLowerCase(java.util.Locale.ROOT);

    public String jsonName() {
        return jsonName;
    }

    public int bit() {
        return 1 << ordinal();
    }

    public static Variable ofOrdinal(int i) {
        return ALL[i];
    }

    public static int count() {
        return ALL.length;
    }

    public static Variable ofJsonName(String name) {
        for (Variable v : ALL) {
            if (v.jsonName.equals(name)) {
                return v;
            }
        }
        return null;
    }
}
