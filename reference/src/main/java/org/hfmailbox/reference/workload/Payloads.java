package org.hfmailbox.reference.workload;

/** The payload patterns of docs/scenario-format.md ({@code pattern=seq:N}, {@code pattern=fill:N}). */
final class Payloads {
    /** The byte of {@code fill:N}. */
    static final byte FILL = (byte) 0xa5;

    private Payloads() {
    }

    /** {@code seq:N}: N bytes 0, 1, 2, ... (mod 256). */
    static byte[] seq(int n) {
        byte[] b = new byte[n];
        for (int j = 0; j < n; j++) {
            b[j] = (byte) j;
        }
        return b;
    }

    /** {@code fill:N}: N bytes 0xa5. */
    static byte[] fill(int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, FILL);
        return b;
    }
}
