package org.hfmailbox.review.tlc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hfmailbox.refinement.value.TlaValue;
import org.hfmailbox.refinement.value.TlcValueParser;

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

    /**
     * Parses the body of a TLC state message ({@code N: <label>} then {@code /\ var = value} lines); a value that
     * does not parse is kept as printed ({@link TlcValueParser#parseOrText}).
     */
    public static TraceState parse(String body) {
        int nl = body.indexOf('\n');
        String first = nl < 0 ? body : body.substring(0, nl);
        Matcher m = HEADER.matcher(first.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a TLC state: " + first);
        }
        Map<String, TlaValue> vars = new LinkedHashMap<>();
        TlcValueParser.assignments(nl < 0 ? "" : body.substring(nl + 1))
                .forEach((name, text) -> vars.put(name, TlcValueParser.parseOrText(text)));
        return new TraceState(Integer.parseInt(m.group(1)), m.group(2).strip(), vars);
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
