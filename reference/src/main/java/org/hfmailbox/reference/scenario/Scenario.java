package org.hfmailbox.reference.scenario;

import java.util.List;
import org.hfmailbox.reference.MemoryLayout;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;

/**
 * A parsed scenario: its file name, shape, the semantics its header selects ({@code runs}: one, or corrected and
 * aa039b39 in turn; {@code semantics} is the first), the semantics names its expectations are valid for (empty:
 * any), memory layout and steps. Immutable.
 */
public record Scenario(String file, SystemShape shape, List<Semantics> runs, List<String> validFor,
                       MemoryLayout layout, List<ScenarioStep> steps) {
    public Scenario {
        runs = List.copyOf(runs);
        validFor = List.copyOf(validFor);
        steps = List.copyOf(steps);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a scenario runs under at least one semantics");
        }
    }

    /** The first semantics the header selects (the only one unless the header selects both). */
    public Semantics semantics() {
        return runs.get(0);
    }

    /**
     * The semantics to run the scenario under: those of {@code requested} (a command's {@code --semantics}) the
     * scenario is valid for, when {@code requested} is not empty; else the header's {@link #runs}. Refuses a request
     * that leaves none, naming the valid-for line.
     */
    public List<Semantics> semanticsToRun(List<Semantics> requested) throws ScenarioException {
        if (requested.isEmpty()) {
            return runs;
        }
        List<Semantics> valid = requested.stream().filter(this::isValidFor).toList();
        if (valid.isEmpty()) {
            throw new ScenarioException(file, "the scenario is valid only for " + String.join(" ", validFor)
                    + " (its valid-for line), not " + String.join(" ", requested.stream().map(Semantics::name)
                    .toList()) + " (--semantics)");
        }
        return valid;
    }

    /** Whether the scenario's expectations hold for {@code s} (by its name: corrected, aa039b39 or custom). */
    public boolean isValidFor(Semantics s) {
        return validFor.isEmpty() || validFor.contains(s.name());
    }
}
