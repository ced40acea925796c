package org.hfmailbox.reference.scenario;

/** A malformed scenario (an input error): names the file, line and column. */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final int column;

    public ScenarioException(String file, int line, int column, String message) {
        super(file + ":" + line + ":" + column + ": " + message);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** An error about the scenario as a whole (no line): {@code FILE: message}. */
    public ScenarioException(String file, String message) {
        super(file + ": " + message);
        this.file = file;
        this.line = 0;
        this.column = 0;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
