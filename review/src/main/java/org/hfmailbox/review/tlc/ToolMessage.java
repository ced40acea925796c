package org.hfmailbox.review.tlc;

/**
 * One message of TLC's {@code -tool} output: its code (see {@code tlc2.output.EC}), severity and text.
 *
 * @param code     the message code
 * @param severity 0 info, 1 error, 2 TLA+ error, 3 warning, 4 state
 * @param body     the text between the start and end markers, without trailing new line
 */
public record ToolMessage(int code, int severity, String body) {
    public static final int SEVERITY_ERROR = 1;
    public static final int SEVERITY_TLA_ERROR = 2;

    public boolean isError() {
        return severity == SEVERITY_ERROR || severity == SEVERITY_TLA_ERROR;
    }
}
