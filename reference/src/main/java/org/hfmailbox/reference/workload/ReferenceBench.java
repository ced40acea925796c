package org.hfmailbox.reference.workload;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hfmailbox.reference.Hypervisor;
import org.hfmailbox.reference.MapFailure;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.reference.trace.NdjsonTraceWriter;
import org.hfmailbox.reference.trace.TraceSink;

/**
 * The reference benchmark. Workloads are generated first (not timed); a timed pass replays every workload on one
 * hypervisor, {@link Hypervisor#reset() reset} to its boot state before each workload, and counts the hypercalls
 * (HVC steps) replayed. Untraced: {@link TraceSink#NONE}. Traced: one NDJSON file holding every workload's trace in
 * sequence (header, then events); opening, writing and closing the file are inside the timed part.
 */
public final class ReferenceBench {
    /** One timed pass: hypercalls and steps replayed, wall-clock and thread CPU nanoseconds. */
    public record Run(long hypercalls, long steps, long nanos, long cpuNanos) {
        public double hypercallsPerSecond() {
            return hypercalls * 1e9 / nanos;
        }

        /** Hypercalls per second of the replaying thread's CPU time (less sensitive to other load). */
        public double hypercallsPerCpuSecond() {
            return cpuNanos <= 0 ? Double.NaN : hypercalls * 1e9 / cpuNanos;
        }
    }

    private final List<Workload> workloads;
    private final SystemShape shape;
    private final Semantics semantics;
    private final long hypercalls;
    private final long steps;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private ReferenceBench(List<Workload> workloads, SystemShape shape, Semantics semantics) {
        this.workloads = List.copyOf(workloads);
        this.shape = shape;
        this.semantics = semantics;
        long h = 0;
        long s = 0;
        for (Workload w : workloads) {
            h += w.hypercallCount();
            s += w.steps().size();
        }
        this.hypercalls = h;
        this.steps = s;
    }

    /**
     * Generates {@code count} workloads of {@code steps} steps on the default shape (random seeds base, base+1,
     * ...); IllegalStateException if two of them are equal.
     */
    public static ReferenceBench generate(int count, int steps, long baseSeed, Semantics semantics) {
        SystemShape shape = SystemShape.defaultShape();
        List<Workload> ws = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ws.add(WorkloadGenerator.generate(baseSeed + i, shape, semantics, steps));
        }
        ReferenceBench b = new ReferenceBench(ws, shape, semantics);
        if (b.distinctWorkloads() != count) {
            throw new IllegalStateException("the generated workloads are not all distinct");
        }
        return b;
    }

    public int workloadCount() {
        return workloads.size();
    }

    /** The number of workloads that differ from each other in some step (cpu, kind, registers, payload bytes). */
    public int distinctWorkloads() {
        Set<List<StepKey>> seen = new HashSet<>();
        for (Workload w : workloads) {
            List<StepKey> keys = new ArrayList<>(w.steps().size());
            for (WorkloadStep s : w.steps()) {
                keys.add(StepKey.of(s));
            }
            seen.add(keys);
        }
        return seen.size();
    }

    public long hypercallsPerPass() {
        return hypercalls;
    }

    public long stepsPerPass() {
        return steps;
    }

    /** Sizes (x2) of the generated sends with a payload, for reporting their distribution. */
    public int[] payloadSizes() {
        List<Integer> sizes = new ArrayList<>();
        for (Workload w : workloads) {
            for (WorkloadStep s : w.steps()) {
                if (s.payloadUnsafe() != null) {
                    sizes.add(s.payloadUnsafe().length);
                }
            }
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** One timed pass with tracing off. */
    public Run untraced() {
        Hypervisor hv = new Hypervisor(shape, semantics, TraceSink.NONE);
        long c0 = cpuTime();
        long t0 = System.nanoTime();
        for (Workload w : workloads) {
            hv.reset();
            WorkloadRunner.replay(hv, w);
        }
        long t1 = System.nanoTime();
        return new Run(hypercalls, steps, t1 - t0, cpuTime() - c0);
    }

    /** One timed pass with NDJSON tracing into {@code file} (overwritten). */
    public Run traced(Path file) throws IOException {
        long c0 = cpuTime();
        long t0 = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(file);
             NdjsonTraceWriter sink = new NdjsonTraceWriter(out)) {
            Hypervisor hv = new Hypervisor(shape, semantics, sink);
            boolean first = true;
            for (Workload w : workloads) {
                if (!first) {
                    hv.reset();
                }
                first = false;
                WorkloadRunner.replay(hv, w);
            }
        }
        long t1 = System.nanoTime();
        return new Run(hypercalls, steps, t1 - t0, cpuTime() - c0);
    }

    private long cpuTime() {
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    }

    /** A step's identity for the distinctness check (payload compared by content). */
    private record StepKey(int cpu, WorkloadStep.Kind kind, long x0, long x1, long x2, long x3, byte[] payload,
                           MapFailure mapFailure) {
        static StepKey of(WorkloadStep s) {
            return new StepKey(s.cpu(), s.kind(), s.x0(), s.x1(), s.x2(), s.x3(), s.payloadUnsafe(), s.mapFailure());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StepKey k && k.cpu == cpu && k.kind == kind && k.x0 == x0 && k.x1 == x1
                    && k.x2 == x2 && k.x3 == x3 && Arrays.equals(k.payload, payload) && k.mapFailure == mapFailure;
        }

        @Override
        public int hashCode() {
            return Objects.hash(cpu, kind, x0, x1, x2, x3, Arrays.hashCode(payload), mapFailure);
        }
    }
}
