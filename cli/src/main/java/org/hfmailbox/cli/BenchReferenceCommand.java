package org.hfmailbox.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hfmailbox.cli.bench.RateStats;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.reference.workload.ReferenceBench;
import org.hfmailbox.review.InputError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./mailbox bench reference}: hypercalls per second of the Java reference, untraced and traced. */
@Command(name = "reference", mixinStandardHelpOptions = true,
        description = "Replay generated workloads of the default shape (2 CPUs, vcpu_count [2, 2, 1]) on the Java"
                + " reference; print hypercalls/s with tracing off and with NDJSON tracing to a file (min, median).")
public final class BenchReferenceCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--workloads", defaultValue = "1000", description = "distinct workloads (default ${DEFAULT-VALUE})")
    private int workloads;

    @Option(names = "--steps", defaultValue = "60", description = "steps per workload (default ${DEFAULT-VALUE})")
    private int steps;

    @Option(names = "--runs", defaultValue = "7", description = "timed runs of each kind (default ${DEFAULT-VALUE})")
    private int runs;

    @Option(names = "--warm-up", defaultValue = "10",
            description = "untimed passes of each kind before timing, for the JIT (default ${DEFAULT-VALUE})")
    private int warmUp;

    @Option(names = "--random-seed", defaultValue = "1", description = "base random seed (default ${DEFAULT-VALUE})")
    private long randomSeed;

    @Option(names = "--semantics", defaultValue = "corrected", description = "corrected or aa039b39")
    private String semantics;

    @Override
    public Integer call() throws IOException {
        if (workloads < 1 || steps < 1 || runs < 1 || warmUp < 0) {
            throw new InputError("--workloads, --steps and --runs must be positive, --warm-up not negative");
        }
        Semantics sem;
        try {
            sem = Semantics.parse(semantics);
        } catch (IllegalArgumentException e) {
            throw new InputError("--semantics: " + e.getMessage());
        }
        if (steps < 50 || workloads < 1000) {
            spec.commandLine().getErr().printf("bench reference: note: below the issue's minimum of 1,000 workloads"
                    + " of >= 50 steps%n");
        }
        PrintWriter out = spec.commandLine().getOut();
        long g0 = System.nanoTime();
        ReferenceBench bench = ReferenceBench.generate(workloads, steps, randomSeed, sem);
        long genMillis = (System.nanoTime() - g0) / 1_000_000;
        int[] sizes = bench.payloadSizes();
        out.printf("bench reference: %d distinct workloads x %d steps, shape default %s, %s, --random-seed %d..%d%n",
                bench.distinctWorkloads(), steps, SystemShape.defaultShape(), sem, randomSeed,
                randomSeed + workloads - 1);
        out.printf("  generated first, not timed (%,d ms): %,d steps per pass, of which %,d hypercalls (HVC steps);"
                + " %,d sends carry a payload, sizes %d..%d (mean %.0f)%n", genMillis, bench.stepsPerPass(),
                bench.hypercallsPerPass(), sizes.length, min(sizes), max(sizes), mean(sizes));
        out.printf("  timed: one pass = for each workload, Hypervisor.reset() then replay of every step (guest payload"
                + " writes into the send page included); traced passes also encode NDJSON and write it to a temporary"
                + " file (open, write, close inside the timed part)%n");
        out.printf("  rate = hypercalls per pass / wall-clock time of the pass; 'cpu' = the same over the replaying"
                + " thread's CPU time. %d warm-up passes, then %d timed passes of each kind.%n", warmUp, runs);
        for (int i = 0; i < warmUp; i++) {
            bench.untraced();
        }
        List<ReferenceBench.Run> untraced = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            untraced.add(bench.untraced());
        }
        Path file = Files.createTempFile("mailbox-bench-", ".ndjson");
        List<ReferenceBench.Run> traced = new ArrayList<>();
        long bytes;
        try {
            for (int i = 0; i < warmUp; i++) {
                bench.traced(file);
            }
            for (int i = 0; i < runs; i++) {
                traced.add(bench.traced(file));
            }
            bytes = Files.size(file);
        } finally {
            Files.deleteIfExists(file);
        }
        print(out, "tracing off:   ", untraced, "target 2,000,000");
        print(out, "NDJSON tracing:", traced, String.format("target 200,000; %,d bytes per pass", bytes));
        out.printf("  (wall-clock rates depend on the machine's load: compare the cpu rates when it is shared)%n");
        return ExitCode.OK;
    }

    private static void print(PrintWriter out, String label, List<ReferenceBench.Run> runs, String target) {
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (ReferenceBench.Run r : runs) {
            wall.add(r.hypercallsPerSecond());
            cpu.add(r.hypercallsPerCpuSecond());
        }
        RateStats w = RateStats.of(wall);
        RateStats c = RateStats.of(cpu);
        out.printf("%s min %,.0f  median %,.0f hypercalls/s   (cpu: min %,.0f  median %,.0f)   (%s)%n", label,
                w.min(), w.median(), c.min(), c.median(), target);
    }

    private static int min(int[] a) {
        int m = Integer.MAX_VALUE;
        for (int x : a) {
            m = Math.min(m, x);
        }
        return a.length == 0 ? 0 : m;
    }

    private static int max(int[] a) {
        int m = 0;
        for (int x : a) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static double mean(int[] a) {
        long sum = 0;
        for (int x : a) {
            sum += x;
        }
        return a.length == 0 ? 0 : sum / (double) a.length;
    }
}
