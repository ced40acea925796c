package org.hfmailbox.review.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.OptionalInt;
import org.hfmailbox.review.tlc.TraceState;
import org.hfmailbox.refinement.value.TlaValue;
import org.hfmailbox.refinement.value.ValueDiff;

/**
 * A counterexample as a table: one row per step with its CPU, acting VM/vCPU, action, arguments, return value and
 * the variables it changed (each changed place as {@code name = new value}); the initial state is listed first.
 * For a liveness counterexample the row the behaviour loops back to is marked and the last line says how it loops.
 */
public final class StepTable {
    private static final String[] HEADERS = {"", "step", "CPU", "VM/vCPU", "action", "arguments", "returns",
        "changed variables"};

    private StepTable() {
    }

    /**
     * @param trace      the counterexample's states, in order
     * @param loopBackTo the state a liveness counterexample returns to, if any
     * @param stuttering whether a liveness counterexample ends by stuttering
     */
    public static List<String> render(List<TraceState> trace, OptionalInt loopBackTo, boolean stuttering) {
        return render(trace, loopBackTo, Optional.empty(), stuttering);
    }

    /**
     * As above; a liveness counterexample gets a last row for the step that closes the loop, from the last state
     * back to {@code loopBackTo}: the action TLC names ({@code loopAction}) and the places it changes.
     */
    public static List<String> render(List<TraceState> trace, OptionalInt loopBackTo, Optional<String> loopAction,
            boolean stuttering) {
        List<String> out = new ArrayList<>();
        if (trace.isEmpty()) {
            return out;
        }
        TraceState init = trace.get(0);
        out.add("initial state (state " + init.number() + "):");
        for (Map.Entry<String, TlaValue> e : init.variables().entrySet()) {
            if (!e.getKey().equals(StepDescription.STEP_VARIABLE)) {
                out.add("  " + e.getKey() + " = " + e.getValue().render());
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < trace.size(); i++) {
            TraceState before = trace.get(i - 1);
            TraceState after = trace.get(i);
            StepDescription d = StepDescription.of(after);
            List<String> changes = changes(before, after);
            String marker = loopBackTo.isPresent() && loopBackTo.getAsInt() == after.number() ? ">" : "";
            rows.add(new String[] {marker, Integer.toString(after.number()), d.cpu(), d.actor(), d.action(),
                d.args(), d.ret(), changes.isEmpty() ? "(none)" : changes.get(0)});
            for (int c = 1; c < changes.size(); c++) {
                rows.add(new String[] {"", "", "", "", "", "", "", changes.get(c)});
            }
        }
        Optional<TraceState> target = loopBackTo.isPresent() ? trace.stream()
                .filter(t -> t.number() == loopBackTo.getAsInt()).findFirst() : Optional.empty();
        if (target.isPresent()) {
            List<String> closing = changes(trace.get(trace.size() - 1), target.get());
            rows.add(new String[] {"<", "->" + loopBackTo.getAsInt(), "", "", loopAction.orElse("?"), "", "",
                closing.isEmpty() ? "(none)" : closing.get(0)});
            for (int c = 1; c < closing.size(); c++) {
                rows.add(new String[] {"", "", "", "", "", "", "", closing.get(c)});
            }
        }
        int[] width = new int[HEADERS.length];
        for (int c = 0; c < HEADERS.length; c++) {
            width[c] = HEADERS[c].length();
            for (String[] row : rows) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        out.add(format(HEADERS, width));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < HEADERS.length; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(Math.max(1, width[c])));
        }
        out.add(rule.toString().stripTrailing());
        for (String[] row : rows) {
            out.add(format(row, width));
        }
        TraceState last = trace.get(trace.size() - 1);
        if (loopBackTo.isPresent()) {
            out.add("loop: the step after state " + last.number() + " (row <" + loopAction.map(a -> ", a " + a
                    + " step as TLC names it; TLC prints neither its CPU nor its arguments").orElse("") + ") returns"
                    + " to state " + loopBackTo.getAsInt() + " (marked >), and states " + loopBackTo.getAsInt() + " to "
                    + last.number() + " repeat forever");
        } else if (stuttering) {
            out.add("loop: after state " + last.number() + " the behaviour stutters forever (no step is taken)");
        }
        return out;
    }

    private static List<String> changes(TraceState before, TraceState after) {
        return ValueDiff.changes(before.variables(), after.variables(), Set.of(StepDescription.STEP_VARIABLE))
                .stream().map(ValueDiff.Change::render).toList();
    }

    private static String format(String[] cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                b.append("  ");
            }
            b.append(cells[c]);
            if (c < cells.length - 1) {
                b.append(" ".repeat(width[c] - cells[c].length()));
            }
        }
        return b.toString().stripTrailing();
    }
}
