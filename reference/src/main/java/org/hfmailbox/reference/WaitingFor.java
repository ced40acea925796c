package org.hfmailbox.reference;

/**
 * The ghost {@code waiting_for} of docs/vocabulary.md: what a vCPU's guest asked to wait for (a blocking receive
 * that blocked: {@code message}; a WFI: {@code interrupt}), until it is served. Hafnium has no such field.
 */
public enum WaitingFor {
    NOTHING("nothing"), MESSAGE("message"), INTERRUPT("interrupt");

    private final String jsonName;

    WaitingFor(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static WaitingFor ofJsonName(String name) {
        for (WaitingFor w : values()) {
            if (w.jsonName.equals(name)) {
                return w;
            }
        }
        return null;
    }
}
