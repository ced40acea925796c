package org.hfmailbox.review.check;

import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.hfmailbox.review.PathDisplay;
import org.hfmailbox.review.manifest.ModelConfiguration;

/**
 * The summary printed after a configuration's runs: configuration, semantics, distinct states, depth, wall time,
 * and every invariant and property with its verdict and whether it matches the manifest.
 */
final class CheckSummary {
    private CheckSummary() {
    }

    static void print(ConfigurationOutcome o, PathDisplay display, PrintWriter out) {
        ModelConfiguration c = o.configuration();
        out.printf("== summary of %s ==%n", c.name());
        out.printf("  configuration    %s (%s, mode %s)%n", c.name(), c.cfg(), c.mode().text());
        out.printf("  semantics        %s%n", c.semantics());
        out.printf("  shape            %s%n", c.shape().display());
        out.printf("  distinct states  %s%n", distinct(o));
        out.printf("  depth            %s%n", depth(o));
        long reused = o.runs().stream().filter(RunOutcome::reused).count();
        out.printf("  wall time        %s%s%n", Durations.seconds(o.wallTime()), reused == 0 ? ""
                : String.format(" (%d of %d run%s reused from earlier runs: spec, cfg and jar unchanged)", reused,
                        o.runs().size(), o.runs().size() == 1 ? "" : "s"));
        List<PropertyVerdict> vs = o.verdicts();
        int nameWidth = vs.stream().mapToInt(v -> v.name().length()).max().orElse(4);
        for (PropertyVerdict v : vs) {
            out.printf("  %-9s  %-" + nameWidth + "s  %-11s  expected %-8s  %s%n", v.invariant() ? "invariant" : "property",
                    v.name(), v.foundText(), v.expected().display(), v.matches() ? "ok" : v.found().isEmpty() ? "UNDECIDED" : "MISMATCH");
        }
        for (String p : o.problems()) {
            out.println("  problem: " + p);
        }
        out.printf("  result: %s%n", o.passed() ? "PASS (every verdict matches the manifest)"
                : "FAIL (see the MISMATCH, UNDECIDED and problem lines above)");
        out.flush();
    }

    private static String distinct(ConfigurationOutcome o) {
        TreeSet<Long> complete = new TreeSet<>();
        for (RunOutcome r : o.runs()) {
            if (r.report().complete()) {
                r.report().distinctStates().ifPresent(complete::add);
            }
        }
        String expected = o.configuration().expectedDistinctStates().isPresent()
                ? String.format("%,d", o.configuration().expectedDistinctStates().getAsLong()) : "not declared";
        if (complete.isEmpty()) {
            return "no run explored the whole space (manifest: " + expected + ")";
        }
        StringBuilder b = new StringBuilder();
        for (Long n : complete) {
            b.append(b.length() == 0 ? "" : " / ").append(String.format("%,d", n));
        }
        return b + " (manifest: " + expected + ")";
    }

    private static String depth(ConfigurationOutcome o) {
        OptionalInt max = o.runs().stream().map(r -> r.report().depth()).filter(OptionalInt::isPresent)
                .mapToInt(OptionalInt::getAsInt).max();
        return max.isPresent() ? Integer.toString(max.getAsInt()) : "-";
    }
}
