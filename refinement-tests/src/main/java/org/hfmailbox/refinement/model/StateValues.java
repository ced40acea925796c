package org.hfmailbox.refinement.model;

import org.hfmailbox.refinement.tlc.LoadedSpec;
import tlc2.tool.TLCState;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import util.UniqueString;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a state as TLC prints it ({@code /\ var = value} lines: the dot dump's node labels) back into a TLC state,
 * so that TLC can evaluate the spec's VIEW on it. Values: integers, strings, booleans, tuples, records, functions
 * written {@code (k :> v @@ ...)} and sets.
 */
final class StateValues {
    private final String s;
    private int i;

    private StateValues(String s) {
        this.s = s;
    }

    /** The printed state as a TLC state of the loaded spec (variables the text lacks stay unbound). */
    static TLCState read(LoadedSpec spec, String stateText) {
        TLCState st = spec.emptyState();
        for (String p : stateText.split("(?m)^/\\\\ ")) {
            if (p.isBlank()) {
                continue;
            }
            int eq = p.indexOf(" = ");
            String var = p.substring(0, eq).trim();
            st.bind(UniqueString.uniqueStringOf(var), new StateValues(p.substring(eq + 3)).value());
        }
        return st;
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

    private Value value() {
        ws();
        if (eat("<<")) {
            List<Value> el = new ArrayList<>();
            if (!eat(">>")) {
                do {
                    el.add(value());
                } while (eat(","));
                eat(">>");
            }
            return new TupleValue(el.toArray(new Value[0]));
        }
        if (eat("{")) {
            List<Value> el = new ArrayList<>();
            if (!eat("}")) {
                do {
                    el.add(value());
                } while (eat(","));
                eat("}");
            }
            return new SetEnumValue(el.toArray(new Value[0]), false).normalize();
        }
        if (eat("[")) {
            List<UniqueString> names = new ArrayList<>();
            List<Value> vals = new ArrayList<>();
            do {
                ws();
                int start = i;
                while (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_') {
                    i++;
                }
                names.add(UniqueString.uniqueStringOf(s.substring(start, i)));
                eat("|->");
                vals.add(value());
            } while (eat(","));
            eat("]");
            return new RecordValue(names.toArray(new UniqueString[0]), vals.toArray(new Value[0]), false)
                    .normalize();
        }
        if (eat("(")) {
            List<Value> keys = new ArrayList<>();
            List<Value> vals = new ArrayList<>();
            do {
                keys.add(value());
                eat(":>");
                vals.add(value());
            } while (eat("@@"));
            eat(")");
            return new FcnRcdValue(keys.toArray(new Value[0]), vals.toArray(new Value[0]), false).normalize();
        }
        if (eat("\"")) {
            int start = i;
            while (s.charAt(i) != '"') {
                i++;
            }
            i++;
            return new StringValue(s.substring(start, i - 1));
        }
        if (eat("TRUE")) {
            return BoolValue.ValTrue;
        }
        if (eat("FALSE")) {
            return BoolValue.ValFalse;
        }
        int start = i;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '-')) {
            i++;
        }
        return IntValue.gen(Integer.parseInt(s.substring(start, i)));
    }
}
