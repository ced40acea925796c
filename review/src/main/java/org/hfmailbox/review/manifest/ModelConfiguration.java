package org.hfmailbox.review.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** One model configuration of spec/manifest.json: a cfg, its shape and semantics, and what TLC must find. */
public record ModelConfiguration(
        @JsonProperty(value = "name", required = true) String name,
        @JsonProperty(value = "cfg", required = true) String cfg,
        @JsonProperty(value = "semantics", required = true) String semantics,
        @JsonProperty(value = "shape", required = true) Shape shape,
        @JsonProperty(value = "ci", required = true) boolean ci,
        @JsonProperty(value = "workers", required = true) int workers,
        @JsonProperty(value = "mode", required = true) RunMode mode,
        @JsonProperty(value = "checks", required = true) String checks,
        @JsonProperty(value = "bounds") String bounds,
        @JsonProperty(value = "verdicts", required = true) Map<String, Verdict> verdicts,
        @JsonProperty(value = "distinct_states") Long distinctStates,
        @JsonProperty(value = "specifications") Map<String, String> specifications) {

    public ModelConfiguration {
        verdicts = Collections.unmodifiableMap(new LinkedHashMap<>(verdicts));
        specifications = specifications == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(specifications));
    }

    /**
     * The behaviour specification a per-property liveness run of {@code property} uses instead of the cfg's, when
     * the manifest names one ("specifications": a fair specification with only the fairness conditions that
     * property needs; sound for a property expected to hold, since the cfg's fairness implies them).
     */
    public Optional<String> specificationOf(String property) {
        return Optional.ofNullable(specifications.get(property));
    }

    /** The declared distinct-state count, when the manifest gives one. */
    public OptionalLong expectedDistinctStates() {
        return distinctStates == null ? OptionalLong.empty() : OptionalLong.of(distinctStates);
    }

    /** What the configuration bounds and what that can miss, when the manifest says. */
    public Optional<String> boundsText() {
        return Optional.ofNullable(bounds);
    }

    /** The expected verdict of one invariant or property. */
    public Verdict expected(String property) {
        Verdict v = verdicts.get(property);
        if (v == null) {
            throw new IllegalArgumentException("no verdict for " + property + " in configuration " + name);
        }
        return v;
    }

    /**
     * The same configuration checking only {@code names}, one TLC run each (per-property mode; no distinct-state
     * count, since a run of one property may stop early). Throws IllegalArgumentException naming an unknown one.
     */
    public ModelConfiguration restrictedTo(List<String> names) {
        Map<String, Verdict> only = new LinkedHashMap<>();
        for (String n : names) {
            Verdict v = verdicts.get(n);
            if (v == null) {
                throw new IllegalArgumentException("configuration " + name + " does not check " + n + " (it checks "
                        + String.join(", ", verdicts.keySet()) + ")");
            }
            only.put(n, v);
        }
        Map<String, String> specs = new LinkedHashMap<>(specifications);
        specs.keySet().retainAll(only.keySet());
        return new ModelConfiguration(name, cfg, semantics, shape, ci, workers, RunMode.PER_PROPERTY, checks, bounds,
                only, null, specs);
    }
}
