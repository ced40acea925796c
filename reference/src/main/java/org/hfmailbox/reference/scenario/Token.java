package org.hfmailbox.reference.scenario;

import java.util.ArrayList;
import java.util.List;

/** A word of a scenario line with its 1-based column; double quotes group words (the quotes are dropped). */
record Token(String text, int column) {

    static List<Token> split(String line) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char ch = line.charAt(i);
            if (ch == '#') {
                break;
            }
            if (Character.isWhitespace(ch)) {
                i++;
                continue;
            }
            int start = i;
            StringBuilder sb = new StringBuilder();
            boolean quoted = false;
            while (i < n && (quoted || !Character.isWhitespace(line.charAt(i)))) {
                char c = line.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else {
                    sb.append(c);
                }
                i++;
            }
            out.add(new Token(sb.toString(), start + 1));
        }
        return out;
    }

    /** Where the line's comment starts (a '#' that begins a word, outside quotes), or -1. */
    static int commentStart(String line) {
        boolean quoted = false;
        boolean wordStart = true;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (!quoted && wordStart && c == '#') {
                return i;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            wordStart = !quoted && Character.isWhitespace(c);
        }
        return -1;
    }
}
