package org.hfmailbox.harness;

/** The harness could not run at all: no EL2 image, no QEMU, an I/O failure around the QEMU run. */
public final class HarnessRunException extends Exception {
    private static final long serialVersionUID = 1L;

    public HarnessRunException(String message) {
        super(message);
    }

    public HarnessRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
