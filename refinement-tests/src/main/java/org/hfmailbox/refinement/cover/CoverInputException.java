package org.hfmailbox.refinement.cover;

/** Bad input to a covering run (an unknown configuration, one whose semantics the run cannot name): exit 2. */
public final class CoverInputException extends Exception {
    public CoverInputException(String message) {
        super(message);
    }
}
