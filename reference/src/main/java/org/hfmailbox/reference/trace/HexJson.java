package org.hfmailbox.reference.trace;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Writes hex JSON strings straight as UTF-8 bytes (no per-character escaping: hex digits never need it): 64-bit
 * values as {@code "0x"} and 16 lower-case digits, and payloads as two lower-case digits per byte. One scratch
 * buffer per instance, grown on demand; not thread-safe (one per generator).
 */
final class HexJson {
    private static final byte[] DIGITS = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e',
        'f'};

    private static final char[] CHARS = "0123456789abcdef".toCharArray();

    private byte[] buf = new byte[64];
    /** {@code {"x0":"0x...","x1":"0x...","x2":"0x...","x3":"0x..."}} with the digits filled in per call. */
    private final char[] regs = "{\"x0\":\"0x0000000000000000\",\"x1\":\"0x0000000000000000\",\"x2\":\"0x0000000000000000\",\"x3\":\"0x0000000000000000\"}".toCharArray();

    /** The {@code regs} object of an event, as one raw value (the same bytes as writing it field by field). */
    void writeRegs(JsonGenerator g, Regs r) throws IOException {
        fill(r.x0(), 9);
        fill(r.x1(), 35);
        fill(r.x2(), 61);
        fill(r.x3(), 87);
        g.writeRawValue(regs, 0, regs.length);
    }

    /** Writes 16 hex digits of {@code value} into {@link #regs} at {@code at}. */
    private void fill(long value, int at) {
        for (int i = 0; i < 16; i++) {
            regs[at + 15 - i] = CHARS[(int) (value >>> (4 * i)) & 0xf];
        }
    }

    /** {@code "0x%016x"} as a JSON string value. */
    void writeX64(JsonGenerator g, long value) throws IOException {
        byte[] b = buf;
        b[0] = '0';
        b[1] = 'x';
        for (int i = 0; i < 16; i++) {
            b[17 - i] = DIGITS[(int) (value >>> (4 * i)) & 0xf];
        }
        g.writeRawUTF8String(b, 0, 18);
    }

    /** The first {@code n} bytes of {@code bytes} as a JSON string of lower-case hex digit pairs. */
    void writeBytes(JsonGenerator g, byte[] bytes, int n) throws IOException {
        if (buf.length < 2 * n) {
            buf = new byte[Math.max(2 * n, 2 * buf.length)];
        }
        byte[] b = buf;
        for (int i = 0; i < n; i++) {
            int x = bytes[i];
            b[2 * i] = DIGITS[(x >> 4) & 0xf];
            b[2 * i + 1] = DIGITS[x & 0xf];
        }
        g.writeRawUTF8String(b, 0, 2 * n);
    }
}
