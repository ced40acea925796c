package org.hfmailbox.cli.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a value in the syntax TLC uses to print states. Text it cannot parse becomes one {@link TlaValue.Atom}
 * holding the text with its white space normalised, so that comparisons still work.
 */
public final class TlaValueParser {
    private final String s;
    private int pos;

    private TlaValueParser(String s) {
        this.s = s;
    }

    /** Parses {@code text}; never throws. */
    public static TlaValue parse(String text) {
        String trimmed = text.strip();
        try {
            TlaValueParser p = new TlaValueParser(trimmed);
            TlaValue v = p.value();
            p.skipSpace();
            if (p.pos != trimmed.length()) {
                throw new IllegalArgumentException("trailing text at " + p.pos);
            }
            return v;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return new TlaValue.Atom(trimmed.replaceAll("\\s+", " "));
        }
    }

    private TlaValue value() {
        skipSpace();
        if (s.startsWith("<<", pos)) {
            pos += 2;
            return new TlaValue.Tuple(list(">>"));
        }
        char c = s.charAt(pos);
        if (c == '[') {
            return record();
        }
        if (c == '{') {
            pos++;
            return new TlaValue.SetOf(list("}"));
        }
        if (c == '(') {
            return function();
        }
        if (c == '"') {
            return string();
        }
        return atom();
    }

    private List<TlaValue> list(String close) {
        List<TlaValue> items = new ArrayList<>();
        skipSpace();
        if (s.startsWith(close, pos)) {
            pos += close.length();
            return items;
        }
        while (true) {
            items.add(value());
            skipSpace();
            if (s.startsWith(close, pos)) {
                pos += close.length();
                return items;
            }
            expect(",");
        }
    }

    private TlaValue record() {
        expect("[");
        Map<String, TlaValue> fields = new LinkedHashMap<>();
        skipSpace();
        if (s.startsWith("]", pos)) {
            pos++;
            return new TlaValue.Rec(fields);
        }
        while (true) {
            skipSpace();
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalArgumentException("field name expected at " + pos);
            }
            String name = s.substring(start, pos);
            expect("|->");
            fields.put(name, value());
            skipSpace();
            if (s.startsWith("]", pos)) {
                pos++;
                return new TlaValue.Rec(fields);
            }
            expect(",");
        }
    }

    private TlaValue function() {
        expect("(");
        Map<TlaValue, TlaValue> mapping = new LinkedHashMap<>();
        while (true) {
            TlaValue key = value();
            expect(":>");
            mapping.put(key, value());
            skipSpace();
            if (s.startsWith(")", pos)) {
                pos++;
                return new TlaValue.Fun(mapping);
            }
            expect("@@");
        }
    }

    private TlaValue string() {
        int start = pos;
        pos++;
        while (s.charAt(pos) != '"') {
            pos += s.charAt(pos) == '\\' ? 2 : 1;
        }
        pos++;
        return new TlaValue.Atom(s.substring(start, pos));
    }

    private TlaValue atom() {
        int start = pos;
        if (s.charAt(pos) == '-') {
            pos++;
        }
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
                || (s.startsWith("..", pos)))) {
            pos += s.startsWith("..", pos) ? 2 : 1;
        }
        if (start == pos) {
            throw new IllegalArgumentException("value expected at " + pos);
        }
        return new TlaValue.Atom(s.substring(start, pos));
    }

    private void expect(String token) {
        skipSpace();
        if (!s.startsWith(token, pos)) {
            throw new IllegalArgumentException("'" + token + "' expected at " + pos);
        }
        pos += token.length();
    }

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }
}
