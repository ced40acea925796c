package org.hfmailbox.refinement.trace;

/** A malformed trace or scenario input: names the file, the line (1-based) and the field at fault. */
public final class TraceFormatException extends Exception {
    private final String file;
    private final int line;
    private final String field;

    public TraceFormatException(String file, int line, String field, String message) {
        super(file + ":" + line + ": field '" + field + "': " + message);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }
}
