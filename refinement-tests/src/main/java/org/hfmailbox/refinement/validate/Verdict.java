package org.hfmailbox.refinement.validate;

import java.util.Optional;

/**
 * The outcome of validating one trace: how many events TLC accepted and, if it stopped, why. For an observable-only
 * trace, {@code frontier} gives the sizes of the sets of spec states the validator kept (null for a full-state
 * trace, which binds one state per event).
 */
public record Verdict(String source, int eventsAccepted, int events, Optional<Rejection> rejection,
                      FrontierSize frontier) {
    /**
     * Frontier sizes over one observable-only trace: the largest (states, after merging states equal but for
     * {@code step}), their sum over events (for a mean), the events, and the most spec steps (pre-state, successor)
     * consistent with one event before merging.
     */
    public record FrontierSize(int max, long total, int events, int maxSteps) {
        public double mean() {
            return events == 0 ? 0 : (double) total / events;
        }
    }

    public boolean accepted() {
        return rejection.isEmpty();
    }

    public static Verdict accept(String source, int events) {
        return new Verdict(source, events, events, Optional.empty(), null);
    }

    public static Verdict reject(String source, int accepted, int events, Rejection r) {
        return new Verdict(source, accepted, events, Optional.of(r), null);
    }

    /** The same verdict with the frontier sizes of an observable-only validation. */
    public Verdict withFrontier(FrontierSize f) {
        return new Verdict(source, eventsAccepted, events, rejection, f);
    }
}
