package org.hfmailbox.reference.trace;

/** One abstract argument of an event's {@code args}: a name and an Integer, Boolean or String value. */
public record Arg(String name, Object value) {
    public Arg {
        if (!(value instanceof Integer || value instanceof Boolean || value instanceof String)) {
            throw new IllegalArgumentException("argument " + name + " has unsupported type");
        }
    }
}
