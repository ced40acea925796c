package org.hfmailbox.refinement.run;

import org.hfmailbox.reference.Faults;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.reference.workload.Workload;
import org.hfmailbox.reference.workload.WorkloadGenerator;
import org.hfmailbox.refinement.tlc.SpecLoadException;
import org.hfmailbox.refinement.tlc.SpecSource;
import org.hfmailbox.refinement.trace.Trace;
import org.hfmailbox.refinement.validate.Validator;
import org.hfmailbox.refinement.validate.Verdict;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./mailbox fuzz}: generates workloads with the reference's seeded generator (workload i uses random seed
 * {@code S + i}; the default shape, or a random shape per workload), runs them on the reference, validates every
 * trace in process (batched by constants), prints progress and a summary, and saves every rejected workload, shrunk,
 * as a reproducing scenario file.
 */
public final class FuzzRun {
    /** The campaign's parameters. */
    public record Options(int traces, int steps, long randomSeed, List<Semantics> semantics, boolean randomShapes,
                          Path failureDir, String coverageName) {
    }

    /** The campaign's result. */
    public record Summary(long traces, long steps, long rejected, List<Path> reproducers, double seconds) {
    }

    private static final int BATCH = 200;

    private final Path projectRoot;
    private final PrintStream out;

    public FuzzRun(Path projectRoot, PrintStream out) {
        this.projectRoot = projectRoot;
        this.out = out;
    }

    public Summary run(Options o) throws SpecLoadException {
        Validator validator = new Validator(SpecSource.mailbox(projectRoot, ValidateRun.workDir(projectRoot)));
        WorkloadValidation wv = new WorkloadValidation(validator, Faults.none());
        long t0 = System.nanoTime();
        long lastReport = t0;
        long traces = 0;
        long steps = 0;
        long rejected = 0;
        List<Path> repro = new ArrayList<>();
        int total = o.traces() * o.semantics().size();
        for (int start = 0; start < o.traces(); start += BATCH) {
            int end = Math.min(o.traces(), start + BATCH);
            for (Semantics sem : o.semantics()) {
                List<Workload> batch = new ArrayList<>();
                List<Trace> batchTraces = new ArrayList<>();
                for (int i = start; i < end; i++) {
                    long seed = o.randomSeed() + i;
                    Workload w = o.randomShapes() ? WorkloadGenerator.generateRandomShape(seed, sem, o.steps())
                            : WorkloadGenerator.generate(seed, SystemShape.defaultShape(), sem, o.steps());
                    batch.add(w);
                    batchTraces.add(wv.trace(w));
                }
                List<Verdict> verdicts = validator.validateAll(batchTraces);
                for (int j = 0; j < verdicts.size(); j++) {
                    Verdict v = verdicts.get(j);
                    traces++;
                    steps += v.eventsAccepted();
                    if (!v.accepted()) {
                        rejected++;
                        out.println("REJECTED " + v.rejection().orElseThrow().describe());
                        Path f = wv.reproduce(batch.get(j), v, o.failureDir());
                        repro.add(f);
                        out.println("  reproducer: " + f);
                    }
                }
                long now = System.nanoTime();
                if (now - lastReport > 5_000_000_000L || traces == total) {
                    lastReport = now;
                    double s = (now - t0) / 1e9;
                    out.printf("progress: %d/%d traces, %d steps, %d rejected, %.1f s%n", traces, total, steps,
                            rejected, s);
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf("fuzz: %d traces, %d steps validated, %d rejected, %.1f s (%.0f steps/s, incl. generation)%n",
                traces, steps, rejected, seconds, steps / Math.max(seconds, 1e-9));
        try {
            Path cov = ValidateRun.defaultCoverageFile(projectRoot);
            validator.coverage().mergeInto(cov, o.coverageName());
            out.println("coverage: " + cov);
        } catch (IOException e) {
            out.println("warning: cannot write coverage: " + e.getMessage());
        }
        return new Summary(traces, steps, rejected, repro, seconds);
    }
}
