package org.hfmailbox.cli.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The smallest readable description of how a variable changed: the places inside its functions whose value
 * differs, each with its new value ({@code vcpu_state[1][0] = "ready"}). Records and tuples are values of their own
 * (a return record, a vCPU pair {@code <<1, 0>>}, a waiter stack) and are given whole, as is a function whose
 * domain changed.
 */
public final class ValueDiff {
    private ValueDiff() {
    }

    /** One changed place: a path such as {@code recv_waiter[1]} and the new value there. */
    public record Change(String path, TlaValue value) {
        public String render() {
            return path + " = " + value.render();
        }
    }

    /** The changes from {@code before} to {@code after} of the variable {@code name}; empty when equal. */
    public static List<Change> changes(String name, TlaValue before, TlaValue after) {
        List<Change> out = new ArrayList<>();
        walk(name, before, after, out);
        return out;
    }

    private static void walk(String path, TlaValue before, TlaValue after, List<Change> out) {
        if (before.equals(after)) {
            return;
        }
        if (before instanceof TlaValue.Fun b && after instanceof TlaValue.Fun a
                && b.mapping().keySet().equals(a.mapping().keySet())) {
            for (Map.Entry<TlaValue, TlaValue> e : a.mapping().entrySet()) {
                walk(path + "[" + e.getKey().render() + "]", b.mapping().get(e.getKey()), e.getValue(), out);
            }
        } else {
            out.add(new Change(path, after));
        }
    }
}
