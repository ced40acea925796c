package org.hfmailbox.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hfmailbox.harness.Divergence;
import org.hfmailbox.harness.El2ObservableTrace;
import org.hfmailbox.harness.HarnessInputException;
import org.hfmailbox.harness.HarnessRunException;
import org.hfmailbox.harness.ReferenceTrace;
import org.hfmailbox.harness.ReplayInput;
import org.hfmailbox.harness.Replayer;
import org.hfmailbox.harness.TraceComparator;
import org.hfmailbox.harness.TraceReader;
import org.hfmailbox.harness.TraceTranslator;
import org.hfmailbox.refinement.cover.CoverFigures;
import org.hfmailbox.refinement.cover.CoverInputException;
import org.hfmailbox.refinement.cover.CoverRun;
import org.hfmailbox.refinement.cover.LevelOutcome;
import org.hfmailbox.refinement.cover.Replay;
import org.hfmailbox.refinement.cover.WalkTrace;
import org.hfmailbox.refinement.tlc.SpecLoadException;
import org.hfmailbox.refinement.tlc.SpecSource;
import org.hfmailbox.review.InputError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./mailbox cover --config NAME}: every edge of a configuration's state graph, at every level. */
@Command(name = "cover", mixinStandardHelpOptions = true,
        description = {"Take every distinct edge (from, to, action) of a configuration's state",
                "graph at every level. TLC dumps the graph (kept in target/graph-cache and",
                "reused while the spec files, the configuration and TLC are unchanged);",
                "walks from the initial state that take every edge with few repeated steps",
                "are planned; each walk is concretised by TLC into a scenario, run on the",
                "reference, its trace validated (full-state and observable-only) and",
                "replayed at EL2, whose own observable-only trace is validated too, in",
                "batches, with a progress line. Writes target/cover/NAME/index.json (the",
                "figures), not-taken.ndjson (every required edge a level did not take,",
                "with the reason) and the scenarios. Exit 0 when every level took every",
                "required edge, 1 when some did not, 2 on bad usage (unknown",
                "configuration, no EL2 image or QEMU)."})
public final class CoverCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "NAME",
            description = "a configuration of spec/manifest.json (e.g. small, liveness)")
    private String config;

    @Option(names = "--share", defaultValue = "100", paramLabel = "PERCENT",
            description = "require only this share of the edges, drawn with --random-seed (default 100)")
    private double share;

    @Option(names = "--random-seed", defaultValue = "1", description = "random seed of the drawn share (default 1)")
    private long randomSeed;

    @Option(names = "--levels", defaultValue = "reference,validator,el2", split = ",",
            description = "levels beyond concretisation: reference, validator, el2 (default all three; the "
                    + "reference always runs, the others replay or check its traces)")
    private List<String> levels;

    @Option(names = "--max-walk-steps", defaultValue = "2000",
            description = "cut longer walks (the rest starts again from the initial state; default 2000, 0: no cap)")
    private int maxWalkSteps;

    @Option(names = "--batch", defaultValue = "500", description = "walks per batch (one EL2 boot each; default 500)")
    private int batch;

    @Option(names = "--threads", defaultValue = "2", description = "threads for TLC and the reference (default 2)")
    private int threads;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default target/cover/NAME)")
    private Path outDir;

    @Option(names = "--fresh", description = "dump the state graph again even when target/graph-cache/NAME holds "
            + "one dumped for the same spec files, configuration and TLC")
    private boolean fresh;

    @Override
    public Integer call() throws Exception {
        for (String l : levels) {
            if (!List.of("reference", "validator", "el2").contains(l)) {
                throw new InputError("unknown level '" + l + "' (reference, validator, el2)");
            }
        }
        if (!(share > 0 && share <= 100)) {
            throw new InputError("--share must be in (0, 100], got " + share);
        }
        if (batch < 1 || threads < 1 || maxWalkSteps < 0) {
            throw new InputError("--batch and --threads must be at least 1, --max-walk-steps at least 0");
        }
        Path root = SpecSource.projectRoot();
        Path dir = outDir != null ? outDir : root.resolve("target").resolve("cover").resolve(config);
        Replay el2 = null;
        if (levels.contains("el2")) {
            Replayer replayer;
            try {
                replayer = Replayer.create();
            } catch (HarnessRunException e) {
                throw new InputError("the EL2 level needs the harness image and QEMU: " + e.getMessage()
                        + " (or leave it out: --levels reference,validator)");
            }
            el2 = traces -> replay(replayer, traces);
        }
        CoverRun.Options o = new CoverRun.Options(config, share, randomSeed, maxWalkSteps, batch, threads,
                levels.contains("validator"), true, fresh);
        try {
            CoverFigures f = new CoverRun(root, dir, System.out).run(o, el2);
            return f.complete() ? ExitCode.OK : ExitCode.CHECK_FAILED;
        } catch (CoverInputException | SpecLoadException e) {
            throw new InputError(e.getMessage());
        }
    }

    /**
     * The EL2 level: replays the reference's traces (as many per boot as fit), counts per trace the steps that agree
     * with the reference, and gives EL2's own observable-only trace of each run, written from its records alone.
     */
    static List<Replay.Result> replay(Replayer replayer, List<WalkTrace> traces)
            throws HarnessInputException, HarnessRunException {
        List<ReferenceTrace> refs = new ArrayList<>(traces.size());
        List<ReplayInput> inputs = new ArrayList<>(traces.size());
        for (WalkTrace t : traces) {
            ReferenceTrace r = TraceReader.parse(t.name(), t.lines());
            refs.add(r);
            inputs.add(TraceTranslator.translate(r));
        }
        List<Replayer.TraceRun> runs = replayer.runAll(inputs);
        List<Replay.Result> out = new ArrayList<>(traces.size());
        for (int i = 0; i < refs.size(); i++) {
            Replayer.TraceRun run = runs.get(i);
            if (run.result() == null) {
                out.add(new Replay.Result(new LevelOutcome(0, "EL2 run failed: " + run.failure()), List.of()));
                continue;
            }
            Divergence d = TraceComparator.compare(refs.get(i), run.result());
            LevelOutcome agreement = d != null
                    ? new LevelOutcome((int) Math.max(0, d.seq() - 1), "divergence at " + d.describe())
                    : run.failure() != null ? new LevelOutcome(run.result().events().size(),
                            "EL2 run failed: " + run.failure())
                    : LevelOutcome.all(refs.get(i).events().size());
            out.add(new Replay.Result(agreement, El2ObservableTrace.lines(inputs.get(i), run.result())));
        }
        return out;
    }
}
