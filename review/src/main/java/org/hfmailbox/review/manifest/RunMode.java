package org.hfmailbox.review.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a configuration is checked: one TLC run of the cfg as written, or one run per invariant and property. */
public enum RunMode {
    @JsonProperty("single")
    SINGLE("single"),
    @JsonProperty("per-property")
    PER_PROPERTY("per-property");

    private final String text;

    RunMode(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
