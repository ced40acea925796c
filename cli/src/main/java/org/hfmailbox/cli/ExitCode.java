package org.hfmailbox.cli;

/** The exit statuses every verb uses, so that scripts can trust them. */
public final class ExitCode {
    /** Everything asked for was done and every check matched its expectation. */
    public static final int OK = 0;
    /** A check failed: a verdict or a distinct-state count differs from what the manifest declares. */
    public static final int CHECK_FAILED = 1;
    /** Bad usage or bad input (a malformed manifest, cfg, spec, scenario or trace); nothing was checked. */
    public static final int INPUT_ERROR = 2;
    /** A defect of the tool itself (an unexpected exception); the message says where. */
    public static final int INTERNAL_ERROR = 3;

    private ExitCode() {
    }
}
