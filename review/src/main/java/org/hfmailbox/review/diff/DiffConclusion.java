package org.hfmailbox.review.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hfmailbox.review.check.ConfigurationOutcome;

/**
 * What diff-spec concludes, from every difference it measured: behaviour (a verdict that changed, a revision that
 * does not refine the other, a walk the other revision rejects), counts (distinct states of a configuration, or of
 * the walks' state graphs), what it could not decide, and the declarations whose text changed. "No behavioural
 * difference" is said only when the first three are empty.
 */
public record DiffConclusion(List<String> behaviour, List<String> counts, List<String> undecided,
        List<String> declarations, List<String> measured) {
    public DiffConclusion {
        measured = List.copyOf(measured);
        behaviour = List.copyOf(behaviour);
        counts = List.copyOf(counts);
        undecided = List.copyOf(undecided);
        declarations = List.copyOf(declarations);
    }

    public static DiffConclusion of(SpecDiffRunner.Result r) {
        List<String> behaviour = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        for (SpecDiffRunner.ConfigDiff c : r.configs()) {
            if (c.old().isPresent() && c.now().isPresent()) {
                outcomes(c.name(), c.old().get(), c.now().get(), behaviour, counts);
            }
            refinement(c.name(), c.newRefinesOld(), behaviour, undecided);
            refinement(c.name(), c.oldRefinesNew(), behaviour, undecided);
            undecided.addAll(c.undecided());
        }
        r.scenarios().ifPresent(s -> walks(s, behaviour, counts, undecided));
        List<String> measured = new ArrayList<>();
        if (r.configs().stream().anyMatch(c -> c.old().isPresent())) {
            measured.add("distinct states and verdicts");
        }
        if (r.configs().stream().anyMatch(c -> c.newRefinesOld().isPresent() || c.oldRefinesNew().isPresent())) {
            measured.add("refinement both ways");
        }
        r.scenarios().ifPresent(s -> measured.add("the " + s.config() + " walks both ways"));
        return new DiffConclusion(behaviour, counts, undecided, r.outline().isEmpty() ? List.of() : r.outline().lines(),
                measured);
    }

    private static void outcomes(String config, ConfigurationOutcome o, ConfigurationOutcome n, List<String> behaviour,
            List<String> counts) {
        String a = SpecDiffRunner.distinct(o);
        String b = SpecDiffRunner.distinct(n);
        if (!a.equals(b)) {
            counts.add(config + ": distinct states " + a + " (OLD), " + b + " (NEW)");
        }
        for (String p : SpecDiffRunner.names(o, n)) {
            String va = SpecDiffRunner.verdict(o, p);
            String vb = SpecDiffRunner.verdict(n, p);
            if (!va.equals(vb)) {
                behaviour.add(config + ": " + p + " " + va + " (OLD), " + vb + " (NEW)");
            }
        }
    }

    private static void refinement(String config, Optional<RefinementCheck.Result> r, List<String> behaviour,
            List<String> undecided) {
        if (r.isEmpty() || r.get().refines()) {
            return;
        }
        RefinementCheck.Result x = r.get();
        if (x.brokenAtStep()) {
            behaviour.add(config + ": " + x.implementation() + " does not refine " + x.abstraction() + " (a behaviour of "
                    + x.report().trace().size() + " states)");
        } else {
            undecided.add(config + ": whether " + x.implementation() + " refines " + x.abstraction() + " (TLC exit status "
                    + x.report().exitStatus() + ")");
        }
    }

    private static void walks(ScenarioCrossCheck.Result s, List<String> behaviour, List<String> counts,
            List<String> undecided) {
        for (WalkCheck w : List.of(s.oldOnNew(), s.newOnOld())) {
            String who = s.config() + " walks: " + w.walksOf() + "'s on " + w.checkedBy();
            if (w.undecided().isPresent()) {
                undecided.add(who + " (" + w.undecided().get() + ")");
            } else if (w.first().isPresent()) {
                behaviour.add(who + ": " + w.checkedBy() + " rejects " + (w.walks() - w.walksAccepted()) + " of "
                        + w.walks() + " walks, first at step " + w.first().get().step() + " of "
                        + w.first().get().walk() + " (" + w.first().get().action() + ")");
            }
        }
        Optional<DerivedWalks> a = s.oldOnNew().graph();
        Optional<DerivedWalks> b = s.newOnOld().graph();
        if (a.isPresent() && b.isPresent() && (a.get().graphStates() != b.get().graphStates()
                || a.get().graphEdges() != b.get().graphEdges())) {
            counts.add(s.config() + " state graph: " + String.format("%,d states and %,d edges (%s), %,d states and %,d"
                    + " edges (%s)", a.get().graphStates(), a.get().graphEdges(), a.get().revision(),
                    b.get().graphStates(), b.get().graphEdges(), b.get().revision()));
        }
    }

    /** Whether anything measured differs or could not be decided (diff-spec's exit status 1). */
    public boolean anyDifference() {
        return !behaviour.isEmpty() || !counts.isEmpty() || !undecided.isEmpty();
    }

    /** The conclusion as lines: every difference named, then one verdict line. */
    public List<String> lines(List<String> configs) {
        List<String> out = new ArrayList<>();
        String what = measured.isEmpty() ? "nothing was compared" : "compared: " + String.join(", ", measured)
                + " (configurations " + String.join(", ", configs) + ")";
        if (!anyDifference()) {
            out.add("no behavioural difference found; " + what + (declarations.isEmpty() ? ""
                    : "; the declarations' text differs: " + String.join("; ", declarations)));
            return out;
        }
        int n = behaviour.size() + counts.size() + undecided.size();
        out.add(n + " difference" + (n == 1 ? "" : "s") + " measured; " + what + ":");
        behaviour.forEach(d -> out.add("  behaviour: " + d));
        counts.forEach(d -> out.add("  count:     " + d));
        undecided.forEach(d -> out.add("  undecided: " + d));
        declarations.forEach(d -> out.add("  text:      " + d));
        if (!behaviour.isEmpty()) {
            out.add("the behaviour DIFFERS");
        } else if (!undecided.isEmpty()) {
            out.add("UNDECIDED: no behavioural difference was found, but not everything could be checked");
        } else {
            out.add("no behavioural difference where compared, but the state counts DIFFER");
        }
        return out;
    }
}
