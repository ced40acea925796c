package org.hfmailbox.review.simulate;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How much simulation one check gets: behaviours (traces) of at most {@code depth} steps, until {@code traces}
 * behaviours have been explored or {@code time} has passed, whichever comes first (at least one of the two is set).
 *
 * @param depth      the length of each behaviour, in steps (TLC's {@code -depth})
 * @param traces     the number of behaviours to explore, when bounded
 * @param time       the wall-clock time to spend, when bounded
 * @param randomSeed the random seed of the first batch; batch k uses {@code randomSeed + k - 1}
 */
public record SimulationBudget(int depth, OptionalLong traces, Optional<Duration> time, long randomSeed) {
    public SimulationBudget {
        if (depth < 1) {
            throw new IllegalArgumentException("the depth must be at least 1, got " + depth);
        }
        if (traces.isEmpty() && time.isEmpty()) {
            throw new IllegalArgumentException("a simulation needs a number of traces or a time");
        }
        if (traces.isPresent() && traces.getAsLong() < 1) {
            throw new IllegalArgumentException("the number of traces must be at least 1, got " + traces.getAsLong());
        }
        if (time.isPresent() && time.get().toMillis() < 1000) {
            throw new IllegalArgumentException("the time must be at least 1 s, got " + time.get().toMillis() + " ms");
        }
    }

    /** How the budget reads in progress lines: {@code depth 100, 5,000 traces or 60 s}. */
    public String display() {
        String n = traces.isPresent() ? String.format("%,d traces", traces.getAsLong()) : "";
        String t = time.map(d -> d.toSeconds() + " s").orElse("");
        return "depth " + depth + ", " + (n.isEmpty() ? t : t.isEmpty() ? n : n + " or " + t) + ", random seed "
                + randomSeed;
    }
}
