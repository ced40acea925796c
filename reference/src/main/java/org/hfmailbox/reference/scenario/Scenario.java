package org.hfmailbox.reference.scenario;

import java.util.List;
import org.hfmailbox.reference.MemoryLayout;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;

/**
 * A parsed scenario: its file name, shape, declared semantics, the semantics names its expectations are valid
 * for (empty: any), memory layout and steps. Immutable.
 */
public record Scenario(String file, SystemShape shape, Semantics semantics, List<String> validFor,
                       MemoryLayout layout, List<ScenarioStep> steps) {
    public Scenario {
        validFor = List.copyOf(validFor);
        steps = List.copyOf(steps);
    }

    /** Whether the scenario's expectations hold for {@code s} (by its name: corrected, aa039b39 or custom). */
    public boolean isValidFor(Semantics s) {
        return validFor.isEmpty() || validFor.contains(s.name());
    }
}
