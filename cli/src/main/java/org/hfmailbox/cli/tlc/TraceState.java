package org.hfmailbox.cli.tlc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hfmailbox.cli.value.TlaValue;
import org.hfmailbox.cli.value.TlaValueParser;

/**
 * One state of a counterexample printed by TLC.
 *
 * @param number    TLC's state number (1 is the initial state)
 * @param label     TLC's label: {@code <Initial predicate>} or {@code <Action line ..., col ... of module M>}
 * @param variables every variable's value, in TLC's order
 */
public record TraceState(int number, String label, Map<String, TlaValue> variables) {
    private static final Pattern HEADER = Pattern.compile("^(\\d+): (.*)$");

    public TraceState {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /** Parses the body of a TLC state message ({@code N: <label>} then {@code /\ var = value} lines). */
    public static TraceState parse(String body) {
        String[] lines = body.split("\n", -1);
        Matcher m = HEADER.matcher(lines[0].strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a TLC state: " + lines[0]);
        }
        Map<String, TlaValue> vars = new LinkedHashMap<>();
        StringBuilder current = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("/\\ ")) {
                if (current != null) {
                    put(vars, current.toString());
                }
                current = new StringBuilder(line.substring(3));
            } else if (current != null) {
                current.append('\n').append(line);
            } else if (!line.isBlank()) {
                current = new StringBuilder(line);
            }
        }
        if (current != null) {
            put(vars, current.toString());
        }
        return new TraceState(Integer.parseInt(m.group(1)), m.group(2).strip(), vars);
    }

    private static void put(Map<String, TlaValue> vars, String assignment) {
        int eq = assignment.indexOf(" = ");
        if (eq < 0) {
            return;
        }
        vars.put(assignment.substring(0, eq).strip(), TlaValueParser.parse(assignment.substring(eq + 3)));
    }

    /** The action name of the label: {@code Inc} for {@code <Inc line 8, col 11 ...>}, {@code init} initially. */
    public String labelAction() {
        String l = label.startsWith("<") && label.endsWith(">") ? label.substring(1, label.length() - 1) : label;
        if (l.startsWith("Initial predicate")) {
            return "init";
        }
        int sp = l.indexOf(' ');
        return sp < 0 ? l : l.substring(0, sp);
    }
}
