package org.hfmailbox.review.check;

import java.time.Duration;
import java.util.List;
import org.hfmailbox.review.manifest.ModelConfiguration;

/** Every run of one configuration. */
public record ConfigurationOutcome(ModelConfiguration configuration, List<RunOutcome> runs) {
    public ConfigurationOutcome {
        runs = List.copyOf(runs);
    }

    public List<PropertyVerdict> verdicts() {
        return runs.stream().flatMap(r -> r.verdicts().stream()).toList();
    }

    public List<String> problems() {
        return runs.stream().flatMap(r -> r.problems().stream()).toList();
    }

    /** Every verdict matches the manifest and no run had a problem. */
    public boolean passed() {
        return problems().isEmpty() && verdicts().stream().allMatch(PropertyVerdict::matches);
    }

    public Duration wallTime() {
        return runs.stream().map(RunOutcome::wallTime).reduce(Duration.ZERO, Duration::plus);
    }
}
