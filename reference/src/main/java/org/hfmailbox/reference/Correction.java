package org.hfmailbox.reference;

/** The corrections of docs/corrections.md, in their canonical order, with their names verbatim. */
public enum Correction {
    SAVE_BEFORE_PUBLISH("save-before-publish"),
    RETVAL_BEFORE_PUBLISH("retval-before-publish"),
    MESSAGE_REPORTS_SENDER("message-reports-sender"),
    BLOCK_ON_MAILBOX("block-on-mailbox"),
    WFI_WAKE_ON_INTERRUPT("wfi-wake-on-interrupt"),
    SECONDARY_VCPU_ON("secondary-vcpu-on"),
    FIFO_WAITERS("fifo-waiters"),
    BLOCK_ONLY_WHEN_DELIVERABLE("block-only-when-deliverable");

    private final String jsonName;

    Correction(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static Correction ofJsonName(String name) {
        for (Correction c : values()) {
            if (c.jsonName.equals(name)) {
                return c;
            }
        }
        return null;
    }
}
