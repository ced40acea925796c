package org.hfmailbox.refinement.cover;

import org.hfmailbox.refinement.model.Concretiser;
import org.hfmailbox.refinement.model.DotDump;
import org.hfmailbox.refinement.model.EdgeCover;
import org.hfmailbox.refinement.model.GraphCache;
import org.hfmailbox.refinement.model.StateGraph;
import org.hfmailbox.refinement.run.ValidateRun;
import org.hfmailbox.refinement.tlc.LoadedSpec;
import org.hfmailbox.refinement.tlc.SpecLoadException;
import org.hfmailbox.refinement.tlc.SpecSource;
import org.hfmailbox.refinement.trace.SpecConstants;
import org.hfmailbox.refinement.validate.Coverage;
import tlc2.tool.TLCState;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;

/**
 * {@code ./mailbox cover --config NAME} (docs/refinement.md, "Every edge"): TLC dumps the configuration's state
 * graph; {@link EdgeCover} plans walks from the initial state that take every required edge (all of them, or a
 * seeded share); then, batch by batch, each walk is concretised by TLC into a scenario (written under
 * {@code <out>/scenarios/}), run on the reference, its trace validated both ways (full-state, observable-only),
 * and replayed at EL2 (through the {@link Replay} the caller supplies). {@code index.json} gets the figures; every
 * required edge a level did not take is listed with the reason in {@code not-taken.ndjson}.
 */
public final class CoverRun {
    /** The run's parameters. */
    public record Options(String config, double sharePercent, long randomSeed, int maxWalkSteps, int batchWalks,
                          int threads, boolean validate, boolean writeScenarios, boolean freshDump) {
        public Options {
            if (!(sharePercent > 0 && sharePercent <= 100)) {
                throw new IllegalArgumentException("the share must be in (0, 100] percent, got " + sharePercent);
            }
        }
    }

    private final Path projectRoot;
    private final Path outDir;
    private final PrintStream out;
    private final CoverPrinter printer;

    /** @param outDir this configuration's output folder (e.g. {@code target/cover/small}) */
    public CoverRun(Path projectRoot, Path outDir, PrintStream out) {
        this.projectRoot = projectRoot;
        this.outDir = outDir;
        this.out = out;
        this.printer = new CoverPrinter(out);
    }

    /** Runs the covering; {@code el2} null skips the EL2 level. */
    public CoverFigures run(Options o, Replay el2) throws IOException, SpecLoadException, CoverInputException {
        long start = System.nanoTime();
        String loadBefore = loadAverage();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Path specDir = projectRoot.resolve("spec");
        SpecConstants k = ManifestConstants.of(specDir, o.config());
        prepare();

        long t = System.nanoTime();
        GraphCache graphs = new GraphCache(projectRoot.resolve("target").resolve("graph-cache"));
        String key = GraphCache.key(specDir, o.config());
        Optional<Path> kept = o.freshDump() ? Optional.empty() : graphs.lookup(o.config(), key);
        Path dot;
        if (kept.isPresent()) {
            dot = kept.get();
            out.printf("cover %s: the state graph of %s.cfg as dumped before for the same spec, configuration and "
                    + "TLC (%s; --fresh dumps again) ...%n", o.config(), o.config(), projectRoot.relativize(dot));
        } else {
            out.printf("cover %s: TLC dumps the state graph (%s.cfg) ...%n", o.config(), o.config());
            Path dumped = DotDump.dump(specDir, o.config(), outDir.resolve("graph"), o.threads());
            dot = graphs.store(o.config(), key, dumped);
        }
        StateGraph graph = StateGraph.read(dot);
        t = lap(seconds, "dump", t);

        LoadedSpec spec = LoadedSpec.load(SpecSource.mailbox(projectRoot, outDir.resolve("tlc")), k);
        t = lap(seconds, "load_spec", t);
        Concretiser keys = new Concretiser(spec);
        Map<Long, Long> cache = new ConcurrentHashMap<>();
        LongUnaryOperator nodeKey = id -> cache.computeIfAbsent(id, x -> keys.labelKey(graph.state(x)));
        TLCState init = null;
        long initId = 0;
        for (TLCState s : spec.initStates()) {
            for (long id : graph.initial()) {
                if (keys.viewKey(s) == nodeKey.applyAsLong(id)) {
                    init = s;
                    initId = id;
                }
            }
        }
        if (init == null) {
            throw new IOException("no initial state of the spec (loaded for " + k + ") has the VIEW of the dump's "
                    + "initial node(s) " + graph.initial());
        }
        List<StateGraph.Edge> all = new ArrayList<>(graph.edges());
        all.sort(Comparator.comparingLong(StateGraph.Edge::from).thenComparingLong(StateGraph.Edge::to)
                .thenComparing(StateGraph.Edge::action));
        List<StateGraph.Edge> required = share(all, o.sharePercent(), o.randomSeed());
        EdgeCover.Plan plan = new EdgeCover(graph).plan(initId, required, o.maxWalkSteps());
        int longest = plan.walks().stream().mapToInt(w -> w.edges().size()).max().orElse(0);
        out.printf("cover %s: graph %,d states, %,d distinct edges; %,d required (%s%%); plan %,d walks, %,d steps "
                        + "(%,d repeated, %.2f steps per required edge), longest walk %,d%n", o.config(),
                graph.nodeCount(), graph.edgeCount(), plan.required(), CoverPrinter.trim(o.sharePercent()), plan.walks().size(),
                plan.steps(), plan.repeatedSteps(), (double) plan.steps() / Math.max(1, plan.required()), longest);
        t = lap(seconds, "plan", t);

        List<CoverLevel> levels = new ArrayList<>(List.of(CoverLevel.CONCRETISED, CoverLevel.REFERENCE));
        if (o.validate()) {
            levels.add(CoverLevel.VALIDATOR);
            levels.add(CoverLevel.VALIDATOR_OBSERVABLE);
        }
        if (el2 != null) {
            levels.add(CoverLevel.EL2);
            levels.add(CoverLevel.EL2_OBSERVABLE);
        }
        EdgeLedger ledger = new EdgeLedger(all, required);
        int frontierMax = 0;
        TLCState initial = init;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, o.threads()));
        List<WalkStages> created = java.util.Collections.synchronizedList(new ArrayList<>());
        ThreadLocal<WalkStages> stages = ThreadLocal.withInitial(() -> {
            WalkStages w = new WalkStages(o.config(), spec, nodeKey);
            created.add(w);
            return w;
        });
        long lastProgress = System.nanoTime();
        try {
            List<EdgeCover.Walk> walks = plan.walks();
            for (int from = 0; from < walks.size(); from += o.batchWalks()) {
                int to = Math.min(walks.size(), from + o.batchWalks());
                List<Integer> idx = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    idx.add(i);
                }
                List<WalkStages.Concrete> concrete = parallel(pool, idx,
                        i -> stages.get().concretise(i, walks.get(i).edges(), initial));
                writeScenarios(o, concrete);
                t = lap(seconds, "concretise", t);
                List<WalkStages.Referenced> refs = parallel(pool, concrete, w -> stages.get().reference(w));
                t = lap(seconds, "reference", t);
                List<WalkStages.Validated> checked = o.validate()
                        ? parallel(pool, refs, r -> stages.get().validate(r)) : null;
                t = lap(seconds, "validate", t);
                List<Replay.Result> replayed = el2 == null ? null : replay(el2, refs);
                t = lap(seconds, "el2", t);
                List<Integer> positions = new ArrayList<>();
                for (int j = 0; j < refs.size(); j++) {
                    positions.add(j);
                }
                List<LevelOutcome> el2Checked = replayed == null ? null : parallel(pool, positions,
                        j -> stages.get().validateEl2(replayed.get(j), refs.get(j)));
                t = lap(seconds, "validate_el2", t);
                for (int j = 0; j < refs.size(); j++) {
                    WalkStages.Referenced r = refs.get(j);
                    List<StateGraph.Edge> planned = r.walk().planned();
                    ledger.record(r.walk().name(), planned, CoverLevel.CONCRETISED, r.walk().outcome());
                    ledger.record(r.walk().name(), planned, CoverLevel.REFERENCE, r.outcome());
                    if (checked != null) {
                        ledger.record(r.walk().name(), planned, CoverLevel.VALIDATOR, checked.get(j).full());
                        ledger.record(r.walk().name(), planned, CoverLevel.VALIDATOR_OBSERVABLE,
                                checked.get(j).observable());
                        frontierMax = Math.max(frontierMax, checked.get(j).frontierMax());
                    }
                    if (replayed != null) {
                        ledger.record(r.walk().name(), planned, CoverLevel.EL2, replayed.get(j).agreement());
                        ledger.record(r.walk().name(), planned, CoverLevel.EL2_OBSERVABLE, el2Checked.get(j));
                    }
                }
                if (to == walks.size() || System.nanoTime() - lastProgress > 5_000_000_000L) {
                    lastProgress = System.nanoTime();
                    printer.progress(o.config(), to, walks.size(), ledger, levels, start);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Map<CoverLevel, Integer> requiredTaken = new EnumMap<>(CoverLevel.class);
        Map<CoverLevel, Integer> edgesTaken = new EnumMap<>(CoverLevel.class);
        Map<CoverLevel, Long> steps = new EnumMap<>(CoverLevel.class);
        Map<CoverLevel, List<EdgeLedger.Missing>> missing = new EnumMap<>(CoverLevel.class);
        for (CoverLevel l : levels) {
            requiredTaken.put(l, ledger.requiredTaken(l));
            edgesTaken.put(l, ledger.taken(l));
            steps.put(l, ledger.steps(l));
            missing.put(l, ledger.missing(l));
        }
        CoverFigures f = new CoverFigures(o.config(), k, o.sharePercent(), o.randomSeed(), graph.nodeCount(),
                graph.edgeCount(), List.copyOf(graph.actions()), kept.isPresent(), plan, o.maxWalkSteps(), longest,
                levels, requiredTaken, edgesTaken, steps, frontierMax, seconds, (System.nanoTime() - start) / 1e9,
                loadBefore, loadAverage());
        Path index = CoverIndex.write(outDir, f, missing);
        mergeCoverage(o.config(), created);
        printer.summary(f, missing, index);
        return f;
    }

    /** Adds the accepted steps' actions and rows to the coverage file, as the part {@code cover-<config>}. */
    private void mergeCoverage(String config, List<WalkStages> stages) {
        Coverage c = new Coverage();
        synchronized (stages) {
            stages.forEach(s -> c.merge(s.coverage()));
        }
        Path file = ValidateRun.defaultCoverageFile(projectRoot);
        try {
            c.mergeInto(file, "cover-" + config);
        } catch (IOException e) {
            out.println("warning: cannot write the coverage file " + file + ": " + e.getMessage());
        }
    }

    /** The required edges: all, or a seeded share (each edge drawn without replacement by a seeded shuffle). */
    static List<StateGraph.Edge> share(List<StateGraph.Edge> all, double percent, long randomSeed) {
        if (percent >= 100) {
            return all;
        }
        List<StateGraph.Edge> shuffled = new ArrayList<>(all);
        java.util.Collections.shuffle(shuffled, new Random(randomSeed));
        int n = (int) Math.ceil(all.size() * percent / 100.0);
        List<StateGraph.Edge> chosen = new ArrayList<>(shuffled.subList(0, n));
        chosen.sort(Comparator.comparingLong(StateGraph.Edge::from).thenComparingLong(StateGraph.Edge::to)
                .thenComparing(StateGraph.Edge::action));
        return chosen;
    }

    private static List<Replay.Result> replay(Replay el2, List<WalkStages.Referenced> refs) {
        List<WalkTrace> traces = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        List<Replay.Result> out = new ArrayList<>();
        for (WalkStages.Referenced r : refs) {
            out.add(new Replay.Result(new LevelOutcome(0, "the reference took no step of the walk"), List.of()));
            if (r.outcome().steps() > 0) {
                at.add(out.size() - 1);
                traces.add(r.trace());
            }
        }
        if (traces.isEmpty()) {
            return out;
        }
        List<Replay.Result> got;
        try {
            got = el2.replay(traces);
        } catch (Exception e) {
            Replay.Result failed = new Replay.Result(new LevelOutcome(0, "the EL2 replay failed: " + e.getMessage()),
                    List.of());
            for (int i : at) {
                out.set(i, failed);
            }
            return out;
        }
        for (int j = 0; j < at.size(); j++) {
            int i = at.get(j);
            int ref = refs.get(i).outcome().steps();
            Replay.Result g = got.get(j);
            out.set(i, g.agreement().steps() >= ref ? new Replay.Result(LevelOutcome.all(ref), g.observable()) : g);
        }
        return out;
    }

    private void prepare() throws IOException {
        Files.createDirectories(outDir);
        Path scenarios = outDir.resolve("scenarios");
        if (Files.isDirectory(scenarios)) {
            try (Stream<Path> old = Files.list(scenarios)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(scenarios);
    }

    private void writeScenarios(Options o, List<WalkStages.Concrete> walks) throws IOException {
        if (!o.writeScenarios()) {
            return;
        }
        for (WalkStages.Concrete w : walks) {
            Files.writeString(outDir.resolve("scenarios").resolve(w.name() + ".scn"), w.scenario());
        }
    }

    private static <A, B> List<B> parallel(ExecutorService pool, List<A> items, Function<A, B> job) {
        List<Future<B>> futures = new ArrayList<>(items.size());
        for (A a : items) {
            Callable<B> c = () -> job.apply(a);
            futures.add(pool.submit(c));
        }
        List<B> out = new ArrayList<>(items.size());
        for (Future<B> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException r) {
                    throw r;
                }
                if (c instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(c);
            }
        }
        return out;
    }

    private static long lap(Map<String, Double> seconds, String stage, long since) {
        add(seconds, stage, since);
        return System.nanoTime();
    }

    private static void add(Map<String, Double> seconds, String stage, long since) {
        seconds.merge(stage, (System.nanoTime() - since) / 1e9, Double::sum);
    }


    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | UncheckedIOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }
}
