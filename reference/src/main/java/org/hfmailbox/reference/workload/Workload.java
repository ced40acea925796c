package org.hfmailbox.reference.workload;

import java.util.List;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;

/** A generated workload: shape, semantics, the random seed that made it, and its steps. Immutable. */
public record Workload(SystemShape shape, Semantics semantics, long randomSeed, List<WorkloadStep> steps) {
    public Workload {
        steps = List.copyOf(steps);
    }

    public Workload withSteps(List<WorkloadStep> s) {
        return new Workload(shape, semantics, randomSeed, s);
    }

    public int hypercallCount() {
        int n = 0;
        for (WorkloadStep s : steps) {
            n += s.kind() == WorkloadStep.Kind.HVC ? 1 : 0;
        }
        return n;
    }
}
