package org.hfmailbox.reference.workload;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hfmailbox.reference.Hypervisor;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.reference.trace.NdjsonTraceWriter;
import org.hfmailbox.reference.trace.TraceSink;

/**
 * The reference benchmark: replays pre-generated workloads of the default shape and measures hypercalls per
 * second with tracing off, and with NDJSON tracing to one file (every workload's trace in sequence).
 */
public final class ReferenceBench {
    /** One timed replay of every workload: hypercalls replayed, steps replayed, and nanoseconds. */
    public record Run(long hypercalls, long steps, long nanos) {
        public double hypercallsPerSecond() {
            return hypercalls * 1e9 / nanos;
        }
    }

    private final List<Workload> workloads;

    private ReferenceBench(List<Workload> workloads) {
        this.workloads = List.copyOf(workloads);
    }

    /** Generates {@code count} distinct workloads of {@code steps} steps (random seeds base, base+1, ...). */
    public static ReferenceBench generate(int count, int steps, long baseSeed, Semantics semantics) {
        List<Workload> ws = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ws.add(WorkloadGenerator.generate(baseSeed + i, SystemShape.defaultShape(), semantics, steps));
        }
        return new ReferenceBench(ws);
    }

    public int workloadCount() {
        return workloads.size();
    }

    public long hypercallsPerPass() {
        long n = 0;
        for (Workload w : workloads) {
            n += w.hypercallCount();
        }
        return n;
    }

    public Run untraced() {
        long hvc = 0;
        long steps = 0;
        long t0 = System.nanoTime();
        for (Workload w : workloads) {
            Hypervisor hv = new Hypervisor(w.shape(), w.semantics(), TraceSink.NONE);
            WorkloadRunner.replay(hv, w);
            hvc += w.hypercallCount();
            steps += w.steps().size();
        }
        return new Run(hvc, steps, System.nanoTime() - t0);
    }

    /** Replays with NDJSON tracing into {@code file} (overwritten). */
    public Run traced(Path file) throws IOException {
        long hvc = 0;
        long steps = 0;
        long t0 = System.nanoTime();
        try (OutputStream raw = Files.newOutputStream(file)) {
            OutputStream shared = new FilterOutputStream(raw) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            for (Workload w : workloads) {
                try (NdjsonTraceWriter sink = new NdjsonTraceWriter(shared)) {
                    WorkloadRunner.replay(new Hypervisor(w.shape(), w.semantics(), sink), w);
                }
                hvc += w.hypercallCount();
                steps += w.steps().size();
            }
        }
        return new Run(hvc, steps, System.nanoTime() - t0);
    }
}
