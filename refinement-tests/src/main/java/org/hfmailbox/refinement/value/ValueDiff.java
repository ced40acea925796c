package org.hfmailbox.refinement.value;

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

    /** One changed place: a path such as {@code recv_waiter[1]}, its old value (null if new) and its new value. */
    public record Change(String path, TlaValue before, TlaValue value) {
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

    /**
     * The changes from one state to the next, variable by variable in the order of {@code after}, leaving out the
     * variables named in {@code ignored} (such as the ghost {@code step}); a variable {@code before} lacks is one
     * change with no old value.
     */
    public static List<Change> changes(Map<String, TlaValue> before, Map<String, TlaValue> after,
                                       java.util.Set<String> ignored) {
        List<Change> out = new ArrayList<>();
        for (Map.Entry<String, TlaValue> e : after.entrySet()) {
            if (ignored.contains(e.getKey())) {
                continue;
            }
            TlaValue old = before.get(e.getKey());
            if (old == null) {
                out.add(new Change(e.getKey(), null, e.getValue()));
            } else {
                walk(e.getKey(), old, e.getValue(), out);
            }
        }
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
            out.add(new Change(path, before, after));
        }
    }
}
