package org.hfmailbox.reference.workload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.hfmailbox.reference.abi.HfAbi;

/**
 * Reduces a failing workload while the failure persists: delta debugging (ddmin) over its steps, then each register
 * of each remaining HVC to 0, then each forced mapping failure dropped, then each payload to the shortest
 * {@code seq} pattern (bytes 0, 1, 2, ...; the original bytes, truncated, when the failure needs them) by binary
 * search over its length, with the send's size register following the payload when it matched it (a payload on a
 * step that is no longer a send is first dropped: a scenario can only write payloads with sends).
 */
public final class Shrinker {
    private Shrinker() {
    }

    /** The smallest workload found for which {@code fails} still holds ({@code fails} must hold for {@code w}). */
    public static Workload shrink(Workload w, Predicate<Workload> fails) {
        List<WorkloadStep> steps = ddmin(w, fails);
        steps = zeroRegisters(w, steps, fails);
        steps = dropMapFailures(w, steps, fails);
        steps = shrinkPayloads(w, steps, fails);
        return w.withSteps(steps);
    }

    private static List<WorkloadStep> ddmin(Workload w, Predicate<Workload> fails) {
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
        return steps;
    }

    private static List<WorkloadStep> zeroRegisters(Workload w, List<WorkloadStep> steps,
                                                    Predicate<Workload> fails) {
        for (int i = 0; i < steps.size(); i++) {
            for (int reg = 0; reg < 4; reg++) {
                WorkloadStep s = steps.get(i);
                long[] x = {s.x0(), s.x1(), s.x2(), s.x3()};
                if (x[reg] == 0 || s.kind() != WorkloadStep.Kind.HVC) {
                    continue;
                }
                x[reg] = 0;
                steps = tryReplace(w, steps, i, s.withRegs(x[0], x[1], x[2], x[3]), fails);
            }
        }
        return steps;
    }

    private static List<WorkloadStep> dropMapFailures(Workload w, List<WorkloadStep> steps,
                                                      Predicate<Workload> fails) {
        for (int i = 0; i < steps.size(); i++) {
            WorkloadStep s = steps.get(i);
            if (s.mapFailure() != null) {
                steps = tryReplace(w, steps, i, s.withMapFailure(null), fails);
            }
        }
        return steps;
    }

    private static List<WorkloadStep> shrinkPayloads(Workload w, List<WorkloadStep> steps,
                                                     Predicate<Workload> fails) {
        for (int i = 0; i < steps.size(); i++) {
            WorkloadStep s = steps.get(i);
            byte[] original = s.payloadUnsafe();
            if (original == null) {
                continue;
            }
            if (HfAbi.functionId(s.x0()) != HfAbi.HF_MAILBOX_SEND) { // a write of the send page without a send
                steps = tryReplace(w, steps, i, s.withPayload(null), fails);
                if (steps.get(i).payloadUnsafe() == null) {
                    continue;
                }
            }
            int len = original.length;
            boolean sizeFollows = s.x2() == len;
            IntFunction<byte[]> contents = n -> Arrays.copyOf(original, n);
            if (!Arrays.equals(original, Payloads.seq(len))
                    && fails.test(w.withSteps(with(steps, i, sized(s, Payloads.seq(len), sizeFollows))))) {
                contents = Payloads::seq;
            }
            int lo = 0;
            int hi = len; // hi: the shortest length known to fail
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (fails.test(w.withSteps(with(steps, i, sized(s, contents.apply(mid), sizeFollows))))) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            WorkloadStep shrunk = sized(s, contents.apply(hi), sizeFollows);
            if (hi < len || !Arrays.equals(shrunk.payloadUnsafe(), original)) {
                steps = tryReplace(w, steps, i, shrunk, fails);
            }
        }
        return steps;
    }

    /** The step with payload {@code p}, and with its size register set to p's length when it followed it. */
    private static WorkloadStep sized(WorkloadStep s, byte[] p, boolean sizeFollows) {
        WorkloadStep t = s.withPayload(p);
        return sizeFollows ? t.withRegs(s.x0(), s.x1(), p.length, s.x3()) : t;
    }

    private static List<WorkloadStep> with(List<WorkloadStep> steps, int i, WorkloadStep s) {
        List<WorkloadStep> trial = new ArrayList<>(steps);
        trial.set(i, s);
        return trial;
    }

    private static List<WorkloadStep> tryReplace(Workload w, List<WorkloadStep> steps, int i, WorkloadStep s,
                                                 Predicate<Workload> fails) {
        List<WorkloadStep> trial = with(steps, i, s);
        return fails.test(w.withSteps(trial)) ? trial : steps;
    }
}
