package org.hfmailbox.review.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The verdict of one invariant or temporal property, as the manifest declares it and as TLC finds it. */
public enum Verdict {
    @JsonProperty("holds")
    HOLDS("holds"),
    @JsonProperty("violated")
    VIOLATED("VIOLATED");

    private final String display;

    Verdict(String display) {
        this.display = display;
    }

    /** How summaries print it: {@code holds} or {@code VIOLATED}. */
    public String display() {
        return display;
    }
}
