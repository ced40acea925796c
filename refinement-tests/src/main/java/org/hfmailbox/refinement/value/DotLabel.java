package org.hfmailbox.refinement.value;

/** The text inside a node label of TLC's {@code -dump dot} file: dot escapes quotes, backslashes and newlines. */
public final class DotLabel {
    private DotLabel() {
    }

    /** The label's text unescaped ({@code \n} becomes a newline, {@code \x} becomes {@code x}). */
    public static String unescape(String label) {
        StringBuilder b = new StringBuilder(label.length());
        for (int k = 0; k < label.length(); k++) {
            char c = label.charAt(k);
            if (c == '\\' && k + 1 < label.length()) {
                char n = label.charAt(++k);
                b.append(n == 'n' ? '\n' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
