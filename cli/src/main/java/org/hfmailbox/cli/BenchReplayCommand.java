package org.hfmailbox.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hfmailbox.cli.bench.RateStats;
import org.hfmailbox.harness.HarnessInputException;
import org.hfmailbox.harness.HarnessRunException;
import org.hfmailbox.harness.RandomWorkload;
import org.hfmailbox.harness.ReferenceTrace;
import org.hfmailbox.harness.ReplayOutcome;
import org.hfmailbox.harness.Replayer;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.review.InputError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./mailbox bench replay}: trace steps per second replayed at EL2 and compared, QEMU boot included. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Generate distinct random workloads (shape: --smp CPUs, vcpu_count [N, 2, 1]; default 2) on",
            "the reference, then replay them all at EL2 under QEMU (one boot per pass) and compare every step;",
            "print trace steps per second replayed and compared, boot included (min and median over the runs)."})
public final class BenchReplayCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--traces", defaultValue = "1000", description = "distinct traces (default ${DEFAULT-VALUE})")
    private int count;

    @Option(names = "--steps", defaultValue = "60", description = "steps per trace, at least 50 (default ${DEFAULT-VALUE})")
    private int steps;

    @Option(names = "--runs", defaultValue = "3", description = "timed passes (default ${DEFAULT-VALUE})")
    private int runs;

    @Option(names = "--random-seed", defaultValue = "1", description = "first random seed (default ${DEFAULT-VALUE})")
    private long randomSeed;

    @Option(names = "--semantics", defaultValue = "corrected", description = "corrected or aa039b39")
    private String semantics;

    @Option(names = "--smp", paramLabel = "N", defaultValue = "2",
            description = "the workloads' CPUs (QEMU -smp), 1..8: shape N CPUs, vcpu_count [N, 2, 1] (default 2)")
    private int smp;

    @Override
    public Integer call() {
        if (count < 1 || steps < 50 || runs < 1) {
            throw new InputError("--traces and --runs must be positive and --steps at least 50");
        }
        if (smp < 1 || smp > org.hfmailbox.harness.El2Layout.MAX_CPUS) {
            throw new InputError("--smp must be 1.." + org.hfmailbox.harness.El2Layout.MAX_CPUS + ", not " + smp);
        }
        SystemShape shape = new SystemShape(smp, List.of(smp, 2, 1));
        Semantics sem;
        try {
            sem = Semantics.parse(semantics);
        } catch (IllegalArgumentException e) {
            throw new InputError("--semantics: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        long g0 = System.nanoTime();
        List<ReferenceTrace> traces = new ArrayList<>(count);
        long total = 0;
        for (long s = randomSeed; s < randomSeed + count; s++) {
            ReferenceTrace t = RandomWorkload.referenceTrace(shape, sem, s, steps, false);
            traces.add(t);
            total += t.events().size();
        }
        out.printf("bench replay: %d traces, %d steps (%d CPUs, vcpu_count %s, %s, --random-seed %d), generated on "
                + "the reference in %.2f s%n", count, total, smp, shape.vcpuCount(), sem.name(), randomSeed,
                (System.nanoTime() - g0) / 1e9);
        Replayer replayer;
        try {
            replayer = Replayer.create();
        } catch (HarnessRunException e) {
            throw new InputError("bench replay: " + e.getMessage());
        }
        List<Double> rates = new ArrayList<>();
        int bad = 0;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            List<ReplayOutcome> outcomes;
            try {
                outcomes = replayer.replay(traces);
            } catch (HarnessInputException | HarnessRunException e) {
                throw new InputError("bench replay: " + e.getMessage());
            }
            double sec = (System.nanoTime() - t0) / 1e9;
            bad = (int) outcomes.stream().filter(o -> !o.ok()).count();
            rates.add(total / sec);
            out.printf("  pass %d: %.2f s, %.0f steps/s, %d of %d traces agree%n", r + 1, sec, total / sec,
                    outcomes.size() - bad, outcomes.size());
            if (bad > 0) {
                outcomes.stream().filter(o -> !o.ok()).limit(3).forEach(o -> out.println("    " + o.describe()));
            }
        }
        RateStats stats = RateStats.of(rates);
        out.printf("bench replay: %.0f steps/s min, %.0f steps/s median (replayed at EL2 and compared, boot "
                + "included; target 20000)%n", stats.min(), stats.median());
        return bad == 0 ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }
}
