package org.hfmailbox.harness;

/** Bad input to the harness (a malformed trace, a shape the image cannot hold): names file, line and field. */
public final class HarnessInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public HarnessInputException(String file, int line, String field, String message) {
        super(file + ":" + line + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + message);
    }

    public HarnessInputException(String message) {
        super(message);
    }
}
