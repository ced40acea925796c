package org.hfmailbox.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hfmailbox.harness.El2Contention;
import org.hfmailbox.harness.El2Layout;
import org.hfmailbox.harness.FreeRunner;
import org.hfmailbox.harness.HarnessInputException;
import org.hfmailbox.harness.ReplayInput;
import org.hfmailbox.harness.HarnessRunException;
import org.hfmailbox.harness.QemuRunner;
import org.hfmailbox.harness.ReferenceTrace;
import org.hfmailbox.harness.ReplayOutcome;
import org.hfmailbox.harness.ReplaySources;
import org.hfmailbox.harness.Replayer;
import org.hfmailbox.harness.ImageLocator;
import org.hfmailbox.harness.ScenarioTraces;
import org.hfmailbox.harness.TraceReader;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.refinement.tlc.SpecLoadException;
import org.hfmailbox.refinement.tlc.SpecSource;
import org.hfmailbox.refinement.trace.Trace;
import org.hfmailbox.refinement.trace.TraceFormatException;
import org.hfmailbox.refinement.validate.Validator;
import org.hfmailbox.refinement.validate.Verdict;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.review.InputError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./mailbox replay FILE...}: traces or scenarios replayed on the EL2 harness under QEMU, step by step. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay NDJSON traces, or scenarios (.scn, run on the Java reference first), on the EL2",
            "harness under QEMU (real HVCs from EL1 guests, real context switches, stage 2 per VM), comparing every",
            "step's return value and changed state with the trace; report the first divergence per trace.",
            "With --free-running N: N workloads whose CPUs run their guests concurrently (calls chosen at EL2),",
            "contending for Hafnium's locks, each step numbered inside the lock region that makes it take effect;",
            "each run is reproduced step for step by the reference and the reference's trace validated against",
            "spec/Mailbox.tla (TLC, in process), and the image's own trace, written from its records in the",
            "observable-only form (no spec variable), through the frontier validator; --trace-dir also writes both",
            "(NAME.ndjson, NAME.el2.ndjson); --serialised runs one step at",
            "a time under a global lock instead (the baseline: no contention). Secondaries are preempted by real",
            "IRQs (SGIs between CPUs); register saves are delayed to aim at aa039b39's windows (the windows hit,",
            "deliveries per trace and error returns are printed; traces that hit one must be rejected by the",
            "corrected spec).",
            "A scenario runs under the semantics its header selects (its 'semantics' line, else those of corrected",
            "and aa039b39 its 'valid-for' line names, else corrected), exactly as 'run' does.",
            "Exit 0 when every trace agrees at EL2 and the reference met every expectation of every scenario;",
            "1 when the reference failed an expectation (its trace is still replayed up to that step), on a",
            "divergence, or on an EL2 failure; 2 on bad input (a missing or malformed file, a --semantics no",
            "scenario is valid for, no EL2 image)."})
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "trace files (NDJSON) or scenario files (.scn)")
    private List<Path> files = new ArrayList<>();

    @Option(names = "--free-running", paramLabel = "N", defaultValue = "0",
            description = "run N free-running workloads of the default shape instead of replaying files")
    private int freeRunning;

    @Option(names = "--steps", defaultValue = "200", description = "free-running: steps per workload (default ${DEFAULT-VALUE})")
    private int steps;

    @Option(names = "--random-seed", defaultValue = "1", description = "free-running: first random seed (default ${DEFAULT-VALUE})")
    private long randomSeed;

    @Option(names = "--serialised",
            description = "free-running: one step at a time under a global step lock (no lock is ever contended)")
    private boolean serialised;

    @Option(names = "--no-validate", description = "free-running: do not validate the traces with TLC")
    private boolean noValidate;

    @Option(names = "--trace-dir", paramLabel = "DIR",
            description = "free-running: write the reference's trace of each workload here (NDJSON)")
    private Path traceDir;

    @Option(names = "--semantics", paramLabel = "S",
            description = {"corrected, aa039b39, both, or correction names separated by commas. Scenarios: default the"
                + " semantics their header selects, as 'run' does (docs/scenario-format.md); with this option, those"
                + " of S each scenario is valid for. Traces name their own. --free-running: default corrected."})
    private String semantics;

    @Option(names = "--parallel-cpus",
            description = "run QEMU's CPUs on parallel host threads (MTTCG) instead of one thread")
    private boolean parallel;

    @Option(names = "--smp", paramLabel = "N",
            description = {"QEMU's CPU count, 1..8. Free-running: the workloads' shape is N CPUs, vcpu_count [N, 2, 1]"
                + " (default 2). Replay: at least every trace's own CPU count (default: the largest of them)."})
    private Integer smp;

    @Option(names = "--no-aim-windows",
            description = "free-running: do not delay register saves to aim at aa039b39's windows")
    private boolean noAim;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (freeRunning > 0) {
            return freeRun(out, semanticsList(List.of(Semantics.corrected())));
        }
        if (files.isEmpty()) {
            throw new InputError("replay: name trace or scenario files, or --free-running N");
        }
        List<ReplaySources.Source> sources;
        try {
            sources = ReplaySources.load(files, semanticsList(List.of()));
        } catch (HarnessInputException e) {
            throw new InputError(e.getMessage());
        } catch (IOException e) {
            throw new InputError("replay: " + e.getMessage());
        }
        int cpus = checkedSmp(1);
        for (ReplaySources.Source src : sources) {
            if (src.trace().cpus() > cpus && smp != null) {
                throw new InputError("--smp " + smp + ": " + src.trace().file() + " needs " + src.trace().cpus()
                        + " CPUs");
            }
        }
        Replayer replayer;
        try {
            replayer = new Replayer(ImageLocator.locate(), new QemuRunner(
                    System.getProperty("hfmailbox.qemu", "qemu-system-aarch64"),
                    parallel ? QemuRunner.MULTI_THREAD : QemuRunner.SINGLE_THREAD), cpus);
        } catch (HarnessRunException e) {
            throw new InputError("replay: " + e.getMessage());
        }
        long start = System.nanoTime();
        List<ReplayOutcome> outcomes;
        try {
            outcomes = replayer.replay(sources.stream().map(ReplaySources.Source::trace).toList());
        } catch (HarnessInputException e) {
            throw new InputError(e.getMessage());
        } catch (HarnessRunException e) {
            throw new InputError("replay: " + e.getMessage());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long steps = 0;
        int diverged = 0;
        int referenceFailed = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            ReplayOutcome o = outcomes.get(i);
            out.println(o.describe());
            ReplaySources.Source source = sources.get(i);
            if (!source.referencePassed()) {
                referenceFailed++;
                out.println("  the reference failed an expectation of the scenario (" + source.referenceFailure()
                        + "): its trace was replayed up to that step");
            }
            steps += o.steps();
            diverged += o.ok() ? 0 : 1;
        }
        out.printf("replay: %d traces, %d steps replayed and compared in %.2f s (%.0f steps/s, boot included): "
                + "%d agree, %d diverge; %d failed an expectation on the reference%n", outcomes.size(), steps,
                seconds, steps / seconds, outcomes.size() - diverged, diverged, referenceFailed);
        return diverged == 0 && referenceFailed == 0 ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    private int freeRun(PrintWriter out, List<Semantics> sems) {
        if (steps < 1 || steps > ReplayInput.MAX_FREE_STEPS) {
            throw new InputError("--steps must be 1.." + ReplayInput.MAX_FREE_STEPS);
        }
        List<ReplayInput> runs = new ArrayList<>();
        int cpus = checkedSmp(SystemShape.defaultShape().cpus());
        SystemShape shape = new SystemShape(cpus, List.of(cpus, 2, 1));
        for (Semantics s : sems) {
            long bits = El2Layout.correctionBits(s.names());
            if (bits < 0) {
                throw new InputError("--semantics: the EL2 image does not know every correction of " + s.names());
            }
            for (long seed = randomSeed; seed < randomSeed + freeRunning; seed++) {
                String name = "free-" + s.name() + "-random-seed-" + seed;
                runs.add(serialised
                        ? ReplayInput.freeRunningSerialised(name, shape.cpus(), shape.vcpuCount(), bits, seed, steps)
                        : ReplayInput.freeRunning(name, shape.cpus(), shape.vcpuCount(), bits, seed, steps)
                                .aimingWindows(!noAim));
            }
        }
        List<FreeRunner.Outcome> outcomes;
        long start = System.nanoTime();
        try {
            outcomes = new FreeRunner(new Replayer(ImageLocator.locate(), new QemuRunner(
                    System.getProperty("hfmailbox.qemu", "qemu-system-aarch64"), QemuRunner.MULTI_THREAD)))
                    .run(runs);
        } catch (HarnessRunException e) {
            throw new InputError("replay: " + e.getMessage());
        }
        double runSeconds = (System.nanoTime() - start) / 1e9;
        int bad = 0;
        long total = 0;
        El2Contention contention = El2Contention.none();
        List<Trace> traces = new ArrayList<>();
        List<Trace> el2Traces = new ArrayList<>();
        for (FreeRunner.Outcome o : outcomes) {
            out.println(o.describe() + " (" + o.contention().describe() + ")");
            bad += o.ok() ? 0 : 1;
            total += o.steps();
            contention = contention.plus(o.contention());
            if (o.traceLines().isEmpty()) {
                continue;
            }
            if (traceDir != null) {
                try {
                    Files.createDirectories(traceDir);
                    Files.write(traceDir.resolve(o.name() + ".ndjson"), o.traceLines());
                    Files.write(traceDir.resolve(o.name() + ".el2.ndjson"), o.el2Lines());
                } catch (IOException e) {
                    throw new InputError(traceDir + ": " + e.getMessage());
                }
            }
            try {
                traces.add(new org.hfmailbox.refinement.trace.TraceReader().parse(o.name(), o.traceLines()));
                el2Traces.add(new org.hfmailbox.refinement.trace.TraceReader().parse(o.name() + " (EL2, observable)",
                        o.el2Lines()));
            } catch (TraceFormatException e) {
                out.println(o.name() + ": the reference's trace is malformed: " + e.getMessage());
                bad++;
            }
        }
        out.printf("replay --free-running: %d workloads, %d steps (%d CPUs, %s), %.2f s: %d reproduced by the "
                + "reference, %d not%s%n", outcomes.size(), total, shape.cpus(),
                serialised ? "serialised" : "concurrent", runSeconds, outcomes.size() - bad, bad,
                traceDir == null ? "" : "; traces in " + traceDir);
        out.println("replay --free-running: " + contention.describe());
        WindowReport windows = WindowReport.of(outcomes);
        windows.print(out);
        if (!noValidate && !traces.isEmpty()) {
            try {
                Validator v = new Validator(SpecSource.mailbox(SpecSource.projectRoot(), Path.of("target", "tlc")));
                bad += validated(v, traces, "the reference's traces (full state), against spec/Mailbox.tla", out);
                bad += validated(v, el2Traces, "the image's own traces (observable-only, no spec variable), through "
                        + "the frontier validator", out);
                bad += windows.checkCorrectedRejects(v, out);
            } catch (SpecLoadException | TraceFormatException e) {
                throw new InputError("replay: cannot validate: " + e.getMessage());
            }
        }
        return bad == 0 ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    /** Validates traces, prints each rejection and a summary line; returns how many were rejected. */
    private static int validated(Validator v, List<Trace> traces, String what, PrintWriter out)
            throws SpecLoadException {
        long start = System.nanoTime();
        int rejected = 0;
        for (Verdict verdict : v.validateAll(traces)) {
            if (!verdict.accepted()) {
                rejected++;
                out.println(verdict.source() + ": rejected: " + verdict.rejection().orElseThrow().describe());
            }
        }
        out.printf("replay --free-running: %s, %d traces in %.2f s: %d accepted, %d rejected%n", what, traces.size(),
                (System.nanoTime() - start) / 1e9, traces.size() - rejected, rejected);
        return rejected;
    }

    /** --smp, checked (1..8), else {@code otherwise}. */
    private int checkedSmp(int otherwise) {
        if (smp == null) {
            return otherwise;
        }
        if (smp < 1 || smp > El2Layout.MAX_CPUS) {
            throw new InputError("--smp must be 1.." + El2Layout.MAX_CPUS + ", not " + smp);
        }
        return smp;
    }

    /** The semantics --semantics names (corrected, aa039b39, both, correction names), else {@code otherwise}. */
    private List<Semantics> semanticsList(List<Semantics> otherwise) {
        if (semantics == null) {
            return otherwise;
        }
        if ("both".equals(semantics)) {
            return List.of(Semantics.corrected(), Semantics.aa039b39());
        }
        try {
            return List.of(Semantics.parse(semantics));
        } catch (IllegalArgumentException e) {
            throw new InputError("--semantics: " + e.getMessage());
        }
    }
}
