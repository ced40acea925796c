package org.hfmailbox.reference.scenario;

import java.util.Map;

/**
 * The numbers of a scenario line (docs/scenario-format.md): decimal, {@code 0x} hex (with {@code _} separators),
 * {@code 2^K}, {@code page(VM,N)}, the index names of enclosing {@code repeat} blocks, and {@code +}, {@code -},
 * {@code *} and parentheses over those, in 64-bit two's complement (registers are raw 64-bit values).
 */
final class NumberExpression {
    /** What {@code page(VM,N)} means: the address of the N-th page of VM's first memory range. */
    interface Pages {
        /** The address, or throws {@link IllegalArgumentException} naming why VM or N is not allowed. */
        long page(long vm, long n);
    }

    /** Text that is not a number or expression; {@code offset} is where reading stopped (0-based). */
    static final class Error extends Exception {
        private static final long serialVersionUID = 1L;
        private final int offset;

        Error(int offset, String message) {
            super(message);
            this.offset = offset;
        }

        int offset() {
            return offset;
        }
    }

    private final String s;
    private final Map<String, Long> names;
    private final Pages pages;
    private int pos;

    private NumberExpression(String s, Map<String, Long> names, Pages pages) {
        this.s = s;
        this.names = names;
        this.pages = pages;
    }

    /** The value of {@code text}; {@code pages} may be null where {@code page(...)} is not allowed. */
    static long eval(String text, Map<String, Long> names, Pages pages) throws Error {
        NumberExpression e = new NumberExpression(text, names, pages);
        if (text.isEmpty()) {
            throw new Error(0, "missing number");
        }
        long v = e.sum();
        if (e.pos != text.length()) {
            throw new Error(e.pos, "unexpected '" + text.substring(e.pos) + "'");
        }
        return v;
    }

    private long sum() throws Error {
        long v = product();
        while (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
            char op = s.charAt(pos++);
            long w = product();
            v = op == '+' ? v + w : v - w;
        }
        return v;
    }

    private long product() throws Error {
        long v = factor();
        while (pos < s.length() && s.charAt(pos) == '*') {
            pos++;
            v *= factor();
        }
        return v;
    }

    private long factor() throws Error {
        if (pos >= s.length()) {
            throw new Error(pos, "a number expected at the end");
        }
        char c = s.charAt(pos);
        if (c == '-') {
            pos++;
            return -factor();
        }
        if (c == '(') {
            pos++;
            long v = sum();
            expect(')');
            return v;
        }
        if (Character.isDigit(c)) {
            return literal();
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            String name = s.substring(start, pos);
            if (name.equals("page") && pos < s.length() && s.charAt(pos) == '(') {
                return page(start);
            }
            Long v = names.get(name);
            if (v == null) {
                throw new Error(start, "unknown name '" + name + "'" + (names.isEmpty()
                        ? " (names are the indices of enclosing repeat blocks; there is none here)"
                        : " (the indices of the enclosing repeat blocks are " + String.join(", ", names.keySet()) + ")"));
            }
            return v;
        }
        throw new Error(pos, "a number expected at '" + s.substring(pos) + "'");
    }

    private long page(int start) throws Error {
        if (pages == null) {
            throw new Error(start, "page(VM,N) is not allowed here");
        }
        pos++;
        long vm = sum();
        expect(',');
        long n = sum();
        expect(')');
        try {
            return pages.page(vm, n);
        } catch (IllegalArgumentException e) {
            throw new Error(start, e.getMessage());
        }
    }

    private long literal() throws Error {
        int start = pos;
        if (s.startsWith("2^", pos)) {
            pos += 2;
            int k = (int) decimal(start);
            if (k > 63) {
                throw new Error(start, "2^K needs K in 0..63");
            }
            return 1L << k;
        }
        if (s.startsWith("0x", pos) || s.startsWith("0X", pos)) {
            pos += 2;
            int digits = pos;
            while (pos < s.length() && (Character.digit(s.charAt(pos), 16) >= 0 || s.charAt(pos) == '_')) {
                pos++;
            }
            String hex = s.substring(digits, pos).replace("_", "");
            if (hex.isEmpty() || hex.length() > 16) {
                throw new Error(start, "a hex number needs 1..16 digits after 0x");
            }
            return Long.parseUnsignedLong(hex, 16);
        }
        return decimal(start);
    }

    private long decimal(int start) throws Error {
        int from = pos;
        while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
            pos++;
        }
        String digits = s.substring(from, pos).replace("_", "");
        if (digits.isEmpty()) {
            throw new Error(start, "digits expected");
        }
        if (pos < s.length() && Character.isLetter(s.charAt(pos))) {
            throw new Error(start, "not a number: '" + s.substring(start, pos + 1) + "...'");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new Error(start, "decimal number out of range (write large values in hex): " + digits);
        }
    }

    private void expect(char c) throws Error {
        if (pos >= s.length() || s.charAt(pos) != c) {
            throw new Error(pos, "'" + c + "' expected" + (pos < s.length() ? " at '" + s.substring(pos) + "'" : " at the end"));
        }
        pos++;
    }
}
