package org.hfmailbox.harness;

/** The 64-bit FNV-1a hash the image computes over delivered bytes (mailbox_copy.S fnv1a64). */
public final class Fnv {
    private Fnv() {
    }

    public static long hash(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
