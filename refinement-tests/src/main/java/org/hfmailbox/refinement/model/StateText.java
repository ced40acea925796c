package org.hfmailbox.refinement.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical text of a TLC state as TLC prints it ({@code /\ var = value} lines, as in the dot dump's node labels
 * and {@code TLCState.toString()}), so that states printed by two JVMs compare equal: record fields and function
 * entries are sorted (TLC orders record fields by its per-JVM intern order, which also makes its fingerprints
 * differ between JVMs), a function with domain 1..n is written as the tuple it equals. The {@code step} variable is
 * left out (the spec's VIEW excludes it).
 */
public final class StateText {
    private final String s;
    private int i;

    private StateText(String s) {
        this.s = s;
    }

    /** Variable name to canonical value, without {@code step}. */
    public static Map<String, String> canonical(String stateText) {
        Map<String, String> out = new TreeMap<>();
        String[] parts = stateText.split("(?m)^/\\\\ ");
        for (String p : parts) {
            if (p.isBlank()) {
                continue;
            }
            int eq = p.indexOf(" = ");
            String var = p.substring(0, eq).trim();
            if (var.equals("step")) {
                continue;
            }
            StateText t = new StateText(p.substring(eq + 3));
            out.put(var, t.value());
        }
        return out;
    }

    /** The canonical form of one value as TLC prints it. */
    public static String canonicalValue(String valueText) {
        return new StateText(valueText).value();
    }

    /** The dot label's text unescaped (dot escapes quotes, backslashes and newlines). */
    public static String unescapeDot(String label) {
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

    private void ws() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private boolean eat(String tok) {
        ws();
        if (s.startsWith(tok, i)) {
            i += tok.length();
            return true;
        }
        return false;
    }

    private String value() {
        ws();
        if (eat("<<")) {
            List<String> el = new ArrayList<>();
            if (!eat(">>")) {
                do {
                    el.add(value());
                } while (eat(","));
                eat(">>");
            }
            return "<<" + String.join(",", el) + ">>";
        }
        if (eat("[")) {
            Map<String, String> f = new TreeMap<>();
            do {
                ws();
                int start = i;
                while (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_') {
                    i++;
                }
                String name = s.substring(start, i);
                eat("|->");
                f.put(name, value());
            } while (eat(","));
            eat("]");
            return "[" + f + "]";
        }
        if (eat("(")) {
            Map<String, String> f = new TreeMap<>();
            List<String> keys = new ArrayList<>();
            do {
                String k = value();
                eat(":>");
                keys.add(k);
                f.put(k, value());
            } while (eat("@@"));
            eat(")");
            boolean tuple = true;
            for (int n = 1; n <= keys.size(); n++) {
                tuple &= f.containsKey(String.valueOf(n));
            }
            if (tuple) {
                List<String> el = new ArrayList<>();
                for (int n = 1; n <= keys.size(); n++) {
                    el.add(f.get(String.valueOf(n)));
                }
                return "<<" + String.join(",", el) + ">>";
            }
            return "(" + f + ")";
        }
        if (eat("\"")) {
            int start = i;
            while (s.charAt(i) != '"') {
                i++;
            }
            i++;
            return "\"" + s.substring(start, i - 1) + "\"";
        }
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '-')) {
            i++;
        }
        return s.substring(start, i);
    }
}
