package org.hfmailbox.reference;

/** {@code enum mailbox_state} of Hafnium; {@link #jsonName()} is the vocabulary's string. */
public enum MailboxState {
    EMPTY("empty"), RECEIVED("received"), READ("read");

    private final String jsonName;

    MailboxState(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static MailboxState ofJsonName(String name) {
        for (MailboxState s : values()) {
            if (s.jsonName.equals(name)) {
                return s;
            }
        }
        return null;
    }
}
