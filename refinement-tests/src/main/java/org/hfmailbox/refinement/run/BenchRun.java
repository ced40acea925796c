package org.hfmailbox.refinement.run;

import org.hfmailbox.reference.Faults;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.reference.workload.Workload;
import org.hfmailbox.reference.workload.WorkloadGenerator;
import org.hfmailbox.refinement.perprocess.PerProcessValidator;
import org.hfmailbox.refinement.perprocess.ProcessVerdict;
import org.hfmailbox.refinement.tlc.SpecLoadException;
import org.hfmailbox.refinement.tlc.SpecSource;
import org.hfmailbox.refinement.trace.ObservableProjection;
import org.hfmailbox.refinement.trace.TraceFormatException;
import org.hfmailbox.refinement.validate.Validator;
import org.hfmailbox.refinement.validate.Verdict;
import org.hfmailbox.refinement.workload.WorkloadTraces;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ./mailbox bench validate}: generates distinct traces of the default shape with the reference's generator
 * (corrected semantics; each with at least {@code minSteps} events; message sizes mostly uniform in 0..4096, as the
 * generator draws them), writes them as files, then validates them in one run both ways: a sample, one TLC process
 * per trace (spec/TraceMailbox.tla), and all of them in process (read, parse, validate; {@code threads} threads),
 * and prints traces/s and steps/s side by side with their ratio. Both ways must accept every trace they see.
 */
public final class BenchRun {
    /** The bench's parameters. */
    public record Options(int traces, int minSteps, int sample, int threads, long randomSeed) {
    }

    /** The measured figures (per second rates over wall time). */
    public record Result(int traces, long steps, double fastSeconds, double fastWarmSeconds, double loadSeconds,
                         int sampleTraces, long sampleSteps, double perProcessSeconds, boolean allAccepted,
                         Observable observable) {
        public double fastTracesPerSecond() {
            return traces / fastSeconds;
        }

        public double fastStepsPerSecond() {
            return steps / fastSeconds;
        }

        public double perProcessTracesPerSecond() {
            return sampleTraces / perProcessSeconds;
        }

        public double perProcessStepsPerSecond() {
            return sampleSteps / perProcessSeconds;
        }

        public double ratio() {
            return fastTracesPerSecond() / perProcessTracesPerSecond();
        }

        public double warmRatio() {
            return traces / fastWarmSeconds / perProcessTracesPerSecond();
        }
    }

    /**
     * The same traces in observable-only form, validated through the frontier (docs/refinement.md): first and warm
     * pass, the largest frontier, its mean over all events, and the most spec steps consistent with one event
     * before merging.
     */
    public record Observable(double seconds, double warmSeconds, int frontierMax, double frontierMean,
                             int mostSteps) {
    }

    private final Path projectRoot;
    private final Path workDir;
    private final PrintStream out;

    public BenchRun(Path projectRoot, Path workDir, PrintStream out) {
        this.projectRoot = projectRoot;
        this.workDir = workDir;
        this.out = out;
    }

    public Result run(Options o) throws SpecLoadException, TraceFormatException {
        List<Path> files = generate(o);
        long steps = 0;
        for (Path f : files) {
            steps += lines(f) - 1;
        }
        out.printf("bench: %d distinct traces of shape %s, corrected, %d steps (min %d per trace)%n", files.size(),
                SystemShape.defaultShape(), steps, o.minSteps());

        List<Path> sample = files.subList(0, Math.min(o.sample(), files.size()));
        PerProcessValidator pp = new PerProcessValidator(projectRoot.resolve("spec"), workDir.resolve("per-process"));
        long sampleSteps = 0;
        boolean allAccepted = true;
        long p0 = System.nanoTime();
        for (Path f : sample) {
            ProcessVerdict v = pp.validate(f);
            sampleSteps += lines(f) - 1;
            allAccepted &= v.accepted();
            if (!v.accepted()) {
                out.println("per-process path REJECTED " + f + " at event " + v.rejectedSeq());
            }
        }
        double perProcess = (System.nanoTime() - p0) / 1e9;

        long l0 = System.nanoTime();
        Validator fast = new Validator(SpecSource.mailbox(projectRoot, workDir.resolve("tlc")), o.threads());
        fast.forConstants(new org.hfmailbox.refinement.trace.TraceReader().read(files.get(0)).header().constants());
        double load = (System.nanoTime() - l0) / 1e9;
        long f0 = System.nanoTime();
        List<Verdict> verdicts = fast.validateFiles(files);
        double fastSeconds = (System.nanoTime() - f0) / 1e9;
        long w0 = System.nanoTime();
        fast.validateFiles(files);
        double warm = (System.nanoTime() - w0) / 1e9;
        for (Verdict v : verdicts) {
            if (!v.accepted()) {
                allAccepted = false;
                out.println("in-process path REJECTED " + v.rejection().orElseThrow().describe());
            }
        }
        List<Path> observableFiles = project(files);
        long o0 = System.nanoTime();
        List<Verdict> obs = fast.validateFiles(observableFiles);
        double obsSeconds = (System.nanoTime() - o0) / 1e9;
        long o1 = System.nanoTime();
        fast.validateFiles(observableFiles);
        double obsWarm = (System.nanoTime() - o1) / 1e9;
        int frontierMax = 0;
        int mostSteps = 0;
        long frontierTotal = 0;
        long frontierEvents = 0;
        for (Verdict v : obs) {
            if (!v.accepted()) {
                allAccepted = false;
                out.println("observable-only form REJECTED " + v.rejection().orElseThrow().describe());
            }
            frontierMax = Math.max(frontierMax, v.frontier().max());
            mostSteps = Math.max(mostSteps, v.frontier().maxSteps());
            frontierTotal += v.frontier().total();
            frontierEvents += v.frontier().events();
        }
        Observable ob = new Observable(obsSeconds, obsWarm, frontierMax,
                frontierEvents == 0 ? 0 : (double) frontierTotal / frontierEvents, mostSteps);
        Result r = new Result(files.size(), steps, fastSeconds, warm, load, sample.size(), sampleSteps, perProcess,
                allAccepted, ob);
        print(r, o);
        return r;
    }

    private void print(Result r, Options o) {
        out.printf("%-34s %10s %10s %12s %12s%n", "way", "traces", "seconds", "traces/s", "steps/s");
        out.printf("%-34s %10d %10.2f %12.2f %12.0f%n", "one TLC process per trace (sample)", r.sampleTraces(),
                r.perProcessSeconds(), r.perProcessTracesPerSecond(), r.perProcessStepsPerSecond());
        out.printf("%-34s %10d %10.2f %12.1f %12.0f%n", "in process, " + o.threads() + " thread(s), first pass",
                r.traces(), r.fastSeconds(), r.fastTracesPerSecond(), r.fastStepsPerSecond());
        out.printf("%-34s %10d %10.2f %12.1f %12.0f%n", "in process, second pass (warm JIT)", r.traces(),
                r.fastWarmSeconds(), r.traces() / r.fastWarmSeconds(), r.steps() / r.fastWarmSeconds());
        Observable ob = r.observable();
        out.printf("%-34s %10d %10.2f %12.1f %12.0f%n", "observable-only (frontier), first", r.traces(),
                ob.seconds(), r.traces() / ob.seconds(), r.steps() / ob.seconds());
        out.printf("%-34s %10d %10.2f %12.1f %12.0f%n", "observable-only (frontier), warm", r.traces(),
                ob.warmSeconds(), r.traces() / ob.warmSeconds(), r.steps() / ob.warmSeconds());
        out.printf("observable-only against full-state, same traces: %.2fx the time first pass, %.2fx warm; frontier "
                        + "at most %d state(s), mean %.3f; at most %d spec step(s) consistent with one event before "
                        + "merging states equal but for step%n", ob.seconds() / r.fastSeconds(),
                ob.warmSeconds() / r.fastWarmSeconds(), ob.frontierMax(), ob.frontierMean(), ob.mostSteps());
        out.printf("spec load (once per set of constants): %.2f s, not included above%n", r.loadSeconds());
        out.printf("ratio over the per-process way: %.0fx first pass, %.0fx warm; targets >= 500x and >= 25000 "
                + "steps/s%n", r.ratio(), r.warmRatio());
        out.println(r.allAccepted() ? "all traces accepted by every way" : "SOME TRACE WAS REJECTED");
    }

    /** The observable-only form of every trace, written beside them (not timed). */
    private List<Path> project(List<Path> files) {
        Path dir = workDir.resolve("traces-observable");
        try {
            Files.createDirectories(dir);
            List<Path> out = new ArrayList<>(files.size());
            for (Path f : files) {
                Path g = dir.resolve(f.getFileName());
                Files.write(g, ObservableProjection.project(Files.readAllLines(f)));
                out.add(g);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> generate(Options o) {
        Path dir = workDir.resolve("traces");
        try {
            Files.createDirectories(dir);
            try (var old = Files.list(dir)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            List<Path> files = new ArrayList<>();
            Set<Integer> seen = new HashSet<>();
            long seed = o.randomSeed();
            while (files.size() < o.traces()) {
                Workload w = WorkloadGenerator.generate(seed++, SystemShape.defaultShape(), Semantics.corrected(),
                        o.minSteps() + o.minSteps() / 4);
                List<String> lines = WorkloadTraces.trace(w, Faults.none());
                if (lines.size() - 1 < o.minSteps() || !seen.add(lines.hashCode())) {
                    continue;
                }
                Path f = dir.resolve(String.format("trace-%05d.ndjson", files.size()));
                Files.write(f, lines);
                files.add(f);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lines(Path f) {
        try (var s = Files.lines(f)) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
