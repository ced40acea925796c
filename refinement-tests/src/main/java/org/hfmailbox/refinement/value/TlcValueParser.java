package org.hfmailbox.refinement.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's one reader of values as TLC prints them (error traces, {@code -dump} labels,
 * {@code TLCState.toString()}): records {@code [f |-> v]}, functions {@code (k :> v @@ ...)}, tuples
 * {@code <<...>>}, sets {@code {...}}, intervals {@code a..b}, strings, integers, booleans and model values.
 *
 * <p>TLC itself has no reader from this text to its values ({@code tlc2.value} only reads its binary form; text is
 * parsed by SANY as part of a module, about a second per module), so this small parser yields {@link TlaValue}s,
 * and {@link org.hfmailbox.refinement.tlc.TlcValueBridge} turns them into TLC values where TLC must evaluate.
 */
public final class TlcValueParser {
    private final String s;
    private int pos;

    private TlcValueParser(String s) {
        this.s = s;
    }

    /** Parses one value; throws {@link ValueSyntaxException} on text that is not one. */
    public static TlaValue parse(String text) {
        TlcValueParser p = new TlcValueParser(text);
        TlaValue v = p.value();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw new ValueSyntaxException(p.pos, "text after the value: '" + p.rest() + "'");
        }
        return v;
    }

    /**
     * Parses one value, or keeps text that is not one as a single {@link TlaValue.Atom} (white space normalised),
     * for displays that must show whatever TLC printed.
     */
    public static TlaValue parseOrText(String text) {
        try {
            return parse(text);
        } catch (ValueSyntaxException e) {
            return new TlaValue.Atom(text.strip().replaceAll("\\s+", " "));
        }
    }

    /**
     * The variables of a state as TLC prints it: {@code /\ var = value} lines (a value may span lines), or a single
     * {@code var = value}. Order as printed. Throws {@link ValueSyntaxException} naming the variable whose value
     * does not parse.
     */
    public static Map<String, TlaValue> variables(String stateText) {
        Map<String, TlaValue> out = new LinkedHashMap<>();
        assignments(stateText).forEach((name, text) -> {
            try {
                out.put(name, parse(text));
            } catch (ValueSyntaxException e) {
                throw new ValueSyntaxException(e.offset(), "variable " + name + ": " + e.getMessage());
            }
        });
        return out;
    }

    /** The variables of a state, each value's text as printed (not parsed). */
    public static Map<String, String> assignments(String stateText) {
        Map<String, String> out = new LinkedHashMap<>();
        StringBuilder current = null;
        for (String line : stateText.split("\n", -1)) {
            if (line.startsWith("/\\ ")) {
                put(out, current);
                current = new StringBuilder(line.substring(3));
            } else if (current != null) {
                current.append('\n').append(line);
            } else if (!line.isBlank()) {
                current = new StringBuilder(line);
            }
        }
        put(out, current);
        return out;
    }

    private static void put(Map<String, String> out, StringBuilder assignment) {
        if (assignment == null) {
            return;
        }
        int eq = assignment.indexOf(" = ");
        if (eq < 0) {
            throw new ValueSyntaxException(0, "not a '/\\ variable = value' line: '" + assignment + "'");
        }
        out.put(assignment.substring(0, eq).strip(), assignment.substring(eq + 3));
    }

    private TlaValue value() {
        skipSpace();
        if (pos >= s.length()) {
            throw new ValueSyntaxException(pos, "a value expected, the text ended");
        }
        if (s.startsWith("<<", pos)) {
            pos += 2;
            return new TlaValue.Tuple(list(">>"));
        }
        char c = s.charAt(pos);
        return switch (c) {
            case '[' -> record();
            case '{' -> {
                pos++;
                yield new TlaValue.SetOf(new LinkedHashSet<>(list("}")));
            }
            case '(' -> function();
            case '"' -> string();
            default -> atom();
        };
    }

    private List<TlaValue> list(String close) {
        List<TlaValue> items = new ArrayList<>();
        if (eat(close)) {
            return items;
        }
        do {
            items.add(value());
        } while (eat(","));
        expect(close);
        return items;
    }

    private TlaValue record() {
        expect("[");
        Map<String, TlaValue> fields = new LinkedHashMap<>();
        if (eat("]")) {
            return new TlaValue.Rec(fields);
        }
        do {
            skipSpace();
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                throw new ValueSyntaxException(pos, "a field name expected, found '" + rest() + "'");
            }
            String name = s.substring(start, pos);
            expect("|->");
            fields.put(name, value());
        } while (eat(","));
        expect("]");
        return new TlaValue.Rec(fields);
    }

    private TlaValue function() {
        expect("(");
        Map<TlaValue, TlaValue> mapping = new LinkedHashMap<>();
        do {
            TlaValue key = value();
            expect(":>");
            mapping.put(key, value());
        } while (eat("@@"));
        expect(")");
        return asTupleIfSequence(mapping);
    }

    /** A function with domain 1..n is the tuple of its values (TLA+ defines tuples so). */
    private static TlaValue asTupleIfSequence(Map<TlaValue, TlaValue> mapping) {
        List<TlaValue> elements = new ArrayList<>();
        for (int n = 1; n <= mapping.size(); n++) {
            TlaValue v = mapping.get(TlaValue.Atom.of(n));
            if (v == null) {
                return new TlaValue.Fun(mapping);
            }
            elements.add(v);
        }
        return new TlaValue.Tuple(elements);
    }

    private TlaValue string() {
        int start = pos;
        pos++;
        while (pos < s.length() && s.charAt(pos) != '"') {
            pos += s.charAt(pos) == '\\' ? 2 : 1;
        }
        if (pos >= s.length()) {
            throw new ValueSyntaxException(start, "a string that never ends");
        }
        pos++;
        return new TlaValue.Atom(s.substring(start, pos));
    }

    private TlaValue atom() {
        int start = pos;
        if (pos < s.length() && s.charAt(pos) == '-') {
            pos++;
        }
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos || s.charAt(pos - 1) == '-') {
            throw new ValueSyntaxException(start, "a value expected, found '" + rest() + "'");
        }
        String text = s.substring(start, pos);
        if (s.startsWith("..", pos)) {
            pos += 2;
            TlaValue high = atom();
            return interval(start, text, high);
        }
        return new TlaValue.Atom(text);
    }

    private static TlaValue interval(int at, String lowText, TlaValue high) {
        if (!(high instanceof TlaValue.Atom h) || h.intValue().isEmpty()
                || new TlaValue.Atom(lowText).intValue().isEmpty()) {
            throw new ValueSyntaxException(at, "an interval of integers expected: " + lowText + ".." + high.render());
        }
        Set<TlaValue> elements = new LinkedHashSet<>();
        for (int n = Integer.parseInt(lowText); n <= h.intValue().get(); n++) {
            elements.add(TlaValue.Atom.of(n));
        }
        return new TlaValue.SetOf(elements);
    }

    private boolean eat(String token) {
        skipSpace();
        if (s.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!eat(token)) {
            throw new ValueSyntaxException(pos, "'" + token + "' expected, found '" + rest() + "'");
        }
    }

    private String rest() {
        String r = s.substring(Math.min(pos, s.length())).strip();
        return r.isEmpty() ? "the end" : r.length() > 20 ? r.substring(0, 20) + "..." : r;
    }

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }
}
