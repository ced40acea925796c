package org.hfmailbox.refinement.tlc;

/** TLC could not parse or load the spec for a set of constants. */
public final class SpecLoadException extends Exception {
    public SpecLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
