package org.hfmailbox.reference.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reduces a failing workload by delta debugging (ddmin) over its steps, then simplifies arguments (each register
 * of each remaining step to 0, then payloads to empty) while the failure persists.
 */
public final class Shrinker {
    private Shrinker() {
    }

    /** The smallest workload found for which {@code fails} still holds ({@code fails} must hold for {@code w}). */
    public static Workload shrink(Workload w, Predicate<Workload> fails) {
        List<WorkloadStep> steps = new ArrayList<>(w.steps());
        int n = 2;
        while (steps.size() >= 2) {
            int chunk = (int) Math.ceil(steps.size() / (double) n);
            boolean reduced = false;
            for (int start = 0; start < steps.size(); start += chunk) {
                List<WorkloadStep> complement = new ArrayList<>(steps.subList(0, start));
                complement.addAll(steps.subList(Math.min(steps.size(), start + chunk), steps.size()));
                if (!complement.isEmpty() && fails.test(w.withSteps(complement))) {
                    steps = complement;
                    n = Math.max(n - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (n >= steps.size()) {
                    break;
                }
                n = Math.min(steps.size(), 2 * n);
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            for (int reg = 0; reg < 4; reg++) {
                WorkloadStep s = steps.get(i);
                long[] x = {s.x0(), s.x1(), s.x2(), s.x3()};
                if (x[reg] == 0 || s.kind() != WorkloadStep.Kind.HVC) {
                    continue;
                }
                x[reg] = 0;
                List<WorkloadStep> trial = new ArrayList<>(steps);
                trial.set(i, s.withRegs(x[0], x[1], x[2], x[3]));
                if (fails.test(w.withSteps(trial))) {
                    steps = trial;
                }
            }
        }
        return w.withSteps(steps);
    }
}
