package org.hfmailbox.review.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hfmailbox.review.manifest.ModelConfiguration;
import org.hfmailbox.review.manifest.Verdict;
import org.hfmailbox.review.tlc.TlcReport;

/**
 * Decides, from TLC's report of one run, the verdict of each invariant and property the run checked, and whether
 * the distinct-state count agrees with the manifest.
 */
final class RunJudge {
    private RunJudge() {
    }

    /** The judged outcome of a run (parse errors are handled before this: see {@link CheckRunner}). */
    static RunOutcome judge(ModelConfiguration c, PlannedRun plan, List<String> invariants, TlcReport r,
            Duration wall, boolean reused) {
        List<PropertyVerdict> verdicts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> properties = plan.checks().stream().filter(p -> !invariants.contains(p)).toList();
        for (String name : plan.checks()) {
            boolean invariant = invariants.contains(name);
            verdicts.add(new PropertyVerdict(name, invariant, c.expected(name), found(name, invariant, plan, properties, r)));
        }
        switch (r.exitStatus()) {
            case 0:
                c.expectedDistinctStates().ifPresent(expected -> r.distinctStates().ifPresent(found -> {
                    if (found != expected) {
                        problems.add(String.format("%s: TLC found %,d distinct states, the manifest declares %,d"
                                + " (update spec/manifest.json if intended)", label(c, plan), found, expected));
                    }
                }));
                break;
            case 11:
                problems.add(label(c, plan) + ": TLC reached a deadlock (a state with no enabled step)");
                break;
            case 12:
                if (r.violatedInvariant().isEmpty() && r.violatedProperty().isEmpty() && plan.checks().size() != 1) {
                    problems.add(label(c, plan) + ": TLC reports a safety violation it does not attribute");
                }
                break;
            case 13:
                if (properties.size() != 1 && r.violatedProperty().isEmpty()) {
                    problems.add(label(c, plan) + ": a temporal property among " + properties
                            + " is violated and TLC does not say which (use \"mode\": \"per-property\")");
                }
                break;
            default:
                String why = r.errors().isEmpty() ? "no message" : ParseErrorText.oneLine(String.join(" ", r.errors()));
                problems.add(label(c, plan) + ": TLC failed with exit status " + r.exitStatus() + ": " + why);
        }
        return new RunOutcome(plan, r, wall, verdicts, problems, reused);
    }

    private static Optional<Verdict> found(String name, boolean invariant, PlannedRun plan, List<String> properties,
            TlcReport r) {
        switch (r.exitStatus()) {
            case 0:
                return Optional.of(Verdict.HOLDS);
            case 12:
            case 13:
                Optional<String> named = r.violatedInvariant().or(r::violatedProperty);
                if (named.isPresent()) {
                    return named.get().equals(name) ? Optional.of(Verdict.VIOLATED) : Optional.empty();
                }
                if (r.exitStatus() == 12) {
                    return plan.checks().size() == 1 ? Optional.of(Verdict.VIOLATED) : Optional.empty();
                }
                return !invariant && properties.size() == 1 ? Optional.of(Verdict.VIOLATED) : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    private static String label(ModelConfiguration c, PlannedRun plan) {
        return c.name() + (plan.name().equals(c.name()) ? "" : "/" + plan.name());
    }
}
