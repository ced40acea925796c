package org.hfmailbox.refinement.validate;

import java.util.Optional;

/** The outcome of validating one trace: how many events TLC accepted and, if it stopped, why. */
public record Verdict(String source, int eventsAccepted, int events, Optional<Rejection> rejection) {
    public boolean accepted() {
        return rejection.isEmpty();
    }

    public static Verdict accept(String source, int events) {
        return new Verdict(source, events, events, Optional.empty());
    }

    public static Verdict reject(String source, int accepted, int events, Rejection r) {
        return new Verdict(source, accepted, events, Optional.of(r));
    }
}
