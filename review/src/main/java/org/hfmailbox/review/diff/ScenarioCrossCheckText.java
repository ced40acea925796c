package org.hfmailbox.review.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.hfmailbox.review.check.StepTable;
import org.hfmailbox.review.tlc.TraceState;

/** The scenario cross-check for the terminal: per direction the figures, then the first rejected step's table. */
public final class ScenarioCrossCheckText {
    /** Step tables longer than this show only their last steps on the terminal (the HTML section has them all). */
    static final int MAX_TERMINAL_STEPS = 16;

    private ScenarioCrossCheckText() {
    }

    /** The section's heading line. */
    public static String heading(String config, int walks, int steps) {
        return "== model-derived scenarios: walks of each revision's " + config + " state graph validated against the"
                + " other (at most " + walks + " walks of " + steps + " steps) ==";
    }

    /** Per direction: the walks' figures, the other revision's verdict, the first rejected step and its table. */
    public static List<String> lines(ScenarioCrossCheck.Result r) {
        List<String> out = new ArrayList<>();
        for (WalkCheck c : List.of(r.oldOnNew(), r.newOnOld())) {
            out.addAll(direction(c));
        }
        return out;
    }

    /** One line of figures about the walks of a direction (also used by the HTML section). */
    static String walksSummary(WalkCheck c) {
        if (c.graph().isEmpty()) {
            return c.walksOf() + "'s walks: none";
        }
        DerivedWalks d = c.graph().get();
        return String.format("%s's walks: %d walks, %,d steps, from %s's state graph (%,d states, %,d edges; %,d edges"
                + " and %d actions taken)%s", c.walksOf(), d.walks().size(), d.steps(), c.walksOf(), d.graphStates(),
                d.graphEdges(), d.edgesTaken(), d.actions().size(), d.reusedFrom().isPresent()
                ? "; the walks derived for " + d.reusedFrom().get() + " (the files are identical)"
                : String.format("; derived in %.1f s", d.time().toMillis() / 1000.0));
    }

    /** What the other revision said, in one line. */
    static String verdict(WalkCheck c) {
        if (c.undecided().isPresent()) {
            return c.walksOf() + "'s walks on " + c.checkedBy() + ": undecided: " + c.undecided().get();
        }
        return String.format("%s's walks on %s: %s accepts %d of %d walks, %,d of %,d steps (%.1f s)", c.walksOf(),
                c.checkedBy(), c.checkedBy(), c.walksAccepted(), c.walks(), c.stepsAccepted(), c.steps(),
                c.time().toMillis() / 1000.0);
    }

    /** The first rejection in one line. */
    static String rejection(WalkCheck c, WalkCheck.FirstRejection f) {
        return "first step " + c.checkedBy() + " rejects: " + f.walk() + " step " + f.step() + ", " + f.call()
                + (f.variables().isEmpty() ? "" : ", differs in " + String.join(", ", f.variables())) + "; "
                + f.detail();
    }

    private static List<String> direction(WalkCheck c) {
        List<String> out = new ArrayList<>();
        out.add("  " + walksSummary(c));
        out.add("  " + verdict(c));
        c.first().ifPresent(f -> {
            out.add("  " + rejection(c, f));
            out.add("  the walk as a trace: " + f.traceFile() + "; its steps up to the rejected one (the last row):");
            for (String line : table(f.prefix())) {
                out.add("    " + line);
            }
        });
        return out;
    }

    /** The step table of a prefix; a long one keeps its last {@link #MAX_TERMINAL_STEPS} steps. */
    static List<String> table(List<TraceState> prefix) {
        if (prefix.size() - 1 <= MAX_TERMINAL_STEPS) {
            return StepTable.render(prefix, OptionalInt.empty(), false);
        }
        List<TraceState> window = prefix.subList(prefix.size() - 1 - MAX_TERMINAL_STEPS, prefix.size());
        List<String> all = StepTable.render(window, OptionalInt.empty(), false);
        int initialBlock = 1 + (int) window.get(0).variables().keySet().stream()
                .filter(v -> !v.equals(org.hfmailbox.review.check.StepDescription.STEP_VARIABLE)).count();
        List<String> out = new ArrayList<>();
        out.add("(steps 1.." + window.get(0).number() + " not shown here: the HTML section has every step)");
        out.addAll(all.subList(initialBlock, all.size()));
        return out;
    }
}
