package org.hfmailbox.refinement.value;

/** Text that is not a value as TLC prints it; {@link #offset()} is where the parser stopped (0-based). */
public final class ValueSyntaxException extends IllegalArgumentException {
    private final int offset;

    public ValueSyntaxException(int offset, String message) {
        super("at character " + (offset + 1) + ": " + message);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
