package org.hfmailbox.review;

/**
 * A user error in the input of a verb: a file that is missing or malformed, a name that does not exist. The message
 * is one line that names the file and, where known, the line and the field. {@link MailboxCli} prints it without a
 * stack trace and exits with {@link ExitCode#INPUT_ERROR}.
 */
public final class InputError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputError(String message) {
        super(message);
    }

    public InputError(String message, Throwable cause) {
        super(message, cause);
    }
}
