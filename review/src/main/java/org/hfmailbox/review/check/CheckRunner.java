package org.hfmailbox.review.check;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.hfmailbox.review.InputError;
import org.hfmailbox.review.PathDisplay;
import org.hfmailbox.review.Trees;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ModelConfiguration;
import org.hfmailbox.review.manifest.RunMode;
import org.hfmailbox.review.manifest.Verdict;
import org.hfmailbox.review.tlc.ForkedTlc;
import org.hfmailbox.review.tlc.ReusingTlc;
import org.hfmailbox.review.tlc.TlcRunner;
import org.hfmailbox.review.tlc.TlcReport;
import org.hfmailbox.review.tlc.TlcRequest;

/**
 * Checks configurations of the manifest with TLC, in this JVM, one run after the other: plans the runs (one, or one
 * per invariant and property), keeps TLC's raw output under {@code <out>/<config>/<run>.out}, prints progress and
 * counterexamples as step tables, and judges each verdict against the manifest.
 */
public final class CheckRunner {
    /** The spec's symmetric view (MCMailbox.tla), for safety configurations only. */
    static final String SYMMETRIC_VIEW = "SymView";

    private final Manifest manifest;
    private final Path outRoot;
    private final PathDisplay display;
    private final PrintWriter out;
    private final OptionalInt workersOverride;
    private final Duration progressInterval;
    private final ReusingTlc results;

    /**
     * @param manifest         the configurations; its folder holds the spec and the cfgs
     * @param outRoot          where run outputs go (the repository's target/check)
     * @param display          how files are named in messages
     * @param out              where progress, counterexamples and summaries are printed
     * @param workersOverride  TLC workers instead of each configuration's
     * @param progressInterval how often progress is printed during a run
     */
    public CheckRunner(Manifest manifest, Path outRoot, PathDisplay display, PrintWriter out,
            OptionalInt workersOverride, Duration progressInterval) {
        this(manifest, outRoot, display, out, workersOverride, progressInterval, false);
    }

    /**
     * As above; with {@code reuse}, a run whose spec files, cfg, TLC jar and workers are those of an earlier finished
     * run under {@code outRoot} is not run again: its recorded output is read instead ({@link ReusingTlc}). Every
     * run records its key either way.
     */
    public CheckRunner(Manifest manifest, Path outRoot, PathDisplay display, PrintWriter out,
            OptionalInt workersOverride, Duration progressInterval, boolean reuse) {
        this.manifest = manifest;
        this.outRoot = outRoot;
        this.display = display;
        this.out = out;
        this.workersOverride = workersOverride;
        this.progressInterval = progressInterval;
        this.results = new ReusingTlc(reuse);
    }

    /** Runs every TLC run of {@code c} and prints its summary. Input errors throw {@link InputError}. */
    public ConfigurationOutcome check(ModelConfiguration c) throws IOException {
        return check(c, List.of());
    }

    /**
     * As {@link #check(ModelConfiguration)}, checking only the invariants and properties named in {@code only} (one
     * TLC run each) when it is not empty. A name the configuration does not check is an input error.
     */
    public ConfigurationOutcome check(ModelConfiguration whole, List<String> only) throws IOException {
        Path cfgPath = manifest.specDir().resolve(whole.cfg());
        CfgFile cfg = readCfg(whole, cfgPath);
        List<String> invariants = cfg.invariants();
        checkVerdictsMatchCfg(whole, cfg, cfgPath);
        checkSymmetryOnlyForSafety(whole, cfg, cfgPath);
        checkConstrainedLivenessOnlyViolates(whole, cfg, cfgPath);
        ModelConfiguration c;
        try {
            c = only.isEmpty() ? whole : whole.restrictedTo(only);
        } catch (IllegalArgumentException e) {
            throw new InputError(e.getMessage());
        }
        Path dir = outRoot.resolve(c.name());
        Files.createDirectories(dir);
        List<PlannedRun> plans = plan(c, cfg, cfgPath, dir);
        List<RunOutcome> runs = new ArrayList<>();
        out.printf("== check %s: %s semantics, shape %s, %s, %d run%s ==%n", c.name(), c.semantics(),
                c.shape().display(), c.mode().text(), plans.size(), plans.size() == 1 ? "" : "s");
        out.flush();
        for (PlannedRun p : plans) {
            runs.add(runOne(c, p, invariants, dir));
        }
        ConfigurationOutcome outcome = new ConfigurationOutcome(c, runs);
        CheckSummary.print(outcome, display, out);
        return outcome;
    }

    private CfgFile readCfg(ModelConfiguration c, Path cfgPath) {
        return CfgFile.read(cfgPath, display.of(cfgPath), manifest.displayName() + ": field configurations[name="
                + c.name() + "].cfg: ");
    }

    /** The symmetric view merges a state with its images: sound for safety only (MCMailbox.tla, SymView). */
    private void checkSymmetryOnlyForSafety(ModelConfiguration c, CfgFile cfg, Path cfgPath) {
        if (cfg.view().equals(SYMMETRIC_VIEW) && (cfg.checksLiveness() || !c.specifications().isEmpty())) {
            throw new InputError(display.of(cfgPath) + ": VIEW " + SYMMETRIC_VIEW + " in configuration " + c.name()
                    + ", which checks liveness: symmetry is sound for safety configurations only");
        }
    }

    /**
     * A liveness run on a graph cut by an ACTION_CONSTRAINT misses behaviours: it can confirm a violation (the lasso
     * it reports is a behaviour of the whole spec) but not that a property holds.
     */
    private void checkConstrainedLivenessOnlyViolates(ModelConfiguration c, CfgFile cfg, Path cfgPath) {
        if (!cfg.constrainsActions() || !cfg.checksLiveness()) {
            return;
        }
        for (String name : cfg.properties()) {
            if (c.expected(name) == Verdict.HOLDS) {
                throw new InputError(display.of(cfgPath) + ": ACTION_CONSTRAINT in configuration " + c.name()
                        + ", which expects liveness property " + name + " to hold: a constrained liveness run can"
                        + " only confirm violations");
            }
        }
    }

    private void checkVerdictsMatchCfg(ModelConfiguration c, CfgFile cfg, Path cfgPath) {
        Set<String> inCfg = new LinkedHashSet<>(cfg.invariants());
        inCfg.addAll(cfg.properties());
        String field = manifest.displayName() + ": field configurations[name=" + c.name() + "].verdicts: ";
        for (String name : c.verdicts().keySet()) {
            if (!inCfg.contains(name)) {
                throw new InputError(field + name + " is not an INVARIANT or PROPERTY of " + display.of(cfgPath));
            }
        }
        for (String name : inCfg) {
            if (!c.verdicts().containsKey(name)) {
                throw new InputError(field + "no verdict for " + name + ", which " + display.of(cfgPath) + " checks");
            }
        }
    }

    private List<PlannedRun> plan(ModelConfiguration c, CfgFile cfg, Path cfgPath, Path dir) throws IOException {
        if (cfg.checksLiveness()) {
            return planLiveness(c, cfg, cfgPath, dir);
        }
        int requested = workersOverride.orElse(c.workers());
        List<PlannedRun> plans = new ArrayList<>();
        if (c.mode() == RunMode.SINGLE) {
            boolean violationExpected = cfg.invariants().stream().anyMatch(i -> c.expected(i) == Verdict.VIOLATED);
            List<String> checks = new ArrayList<>(c.verdicts().keySet());
            plans.add(violationExpected
                    ? new PlannedRun(c.name(), checks, cfgPath, 1, "an invariant violation is expected")
                    : new PlannedRun(c.name(), checks, cfgPath, requested, ""));
            return plans;
        }
        // Checks expected to hold share one run (one exploration of the whole space); each expected violation gets
        // its own run with one worker, so that its counterexample is a shortest one.
        List<String> holding = c.verdicts().keySet().stream().filter(n -> c.expected(n) == Verdict.HOLDS).toList();
        if (holding.size() > 1) {
            Path generated = dir.resolve("holding.cfg");
            Files.writeString(generated, cfg.onlyChecking(holding), StandardCharsets.UTF_8);
            plans.add(new PlannedRun("holding", holding, generated, requested, "the checks expected to hold"));
        }
        for (String name : c.verdicts().keySet()) {
            if (holding.size() > 1 && holding.contains(name)) {
                continue;
            }
            Path generated = dir.resolve(name + ".cfg");
            Files.writeString(generated, cfg.onlyChecking(name), StandardCharsets.UTF_8);
            boolean violation = c.expected(name) == Verdict.VIOLATED;
            plans.add(violation ? new PlannedRun(name, List.of(name), generated, 1, "a violation is expected")
                    : new PlannedRun(name, List.of(name), generated, requested, ""));
        }
        return plans;
    }

    /**
     * Liveness runs always use one TLC worker: TLC 2.18 can miss liveness violations with several workers
     * (tlaplus/tlaplus#971, fixed upstream after 2.18). TlcRequest also defers liveness checking to the end of the
     * run, since 2.18's periodic checks during exploration reported fair-looking loops that are not fair here.
     */
    private List<PlannedRun> planLiveness(ModelConfiguration c, CfgFile cfg, Path cfgPath, Path dir)
            throws IOException {
        String why = "liveness: one worker";
        if (c.mode() == RunMode.SINGLE) {
            return List.of(new PlannedRun(c.name(), new ArrayList<>(c.verdicts().keySet()), cfgPath, 1, why));
        }
        List<PlannedRun> plans = new ArrayList<>();
        for (String name : c.verdicts().keySet()) {
            Path generated = dir.resolve(name + ".cfg");
            String only = cfg.onlyChecking(name);
            Optional<String> weaker = c.specificationOf(name);
            if (weaker.isPresent()) {
                // fewer or merged fairness conditions: TLC's liveness check costs about 2^n in their number n
                only = CfgFile.parse(only).withSpecification(weaker.get());
            }
            Files.writeString(generated, only, StandardCharsets.UTF_8);
            plans.add(new PlannedRun(name, List.of(name), generated, 1, weaker.isEmpty() ? why
                    : why + "; under " + weaker.get() + ", the fairness this property needs"));
        }
        return plans;
    }

    private RunOutcome runOne(ModelConfiguration c, PlannedRun p, List<String> invariants, Path dir)
            throws IOException {
        String label = c.name() + (p.name().equals(c.name()) ? "" : "/" + p.name());
        out.printf("-- %s: TLC on %s, %d worker%s%s%n", label, display.of(p.cfg()), p.workers(),
                p.workers() == 1 ? "" : "s", p.why().isEmpty() ? "" : " (" + p.why() + ")");
        out.flush();
        Path meta = dir.resolve("meta-" + p.name());
        Trees.deleteRecursively(meta);
        TlcRequest request = new TlcRequest(manifest.specDir(), manifest.spec(), p.cfg(), p.workers(), meta,
                dir.resolve(p.name() + ".out"));
        TlcRunner tlc = results.around(new ForkedTlc(progressInterval, new ProgressPrinter(out, label)));
        TlcRunner.Result result = tlc.run(request);
        Trees.deleteRecursively(meta);
        TlcReport r = result.report().resolvingLocations(manifest.specDir());
        if (result.reused()) {
            out.printf("   %s: reused the earlier run's output (spec, cfg and jar unchanged: %s)%n", label,
                    display.of(ReusingTlc.keyFile(request.rawOutput())));
        }
        rejectParseErrors(r, p, manifest.specDir().resolve(c.cfg()));
        RunOutcome outcome = RunJudge.judge(c, p, invariants, r, result.wallTime(), result.reused());
        printCounterexample(label, r, p.checks().stream().filter(x -> !invariants.contains(x)).toList());
        out.printf("   %s %s %s: %s distinct states; raw output %s%n", label,
                result.reused() ? "reused, the run took" : "finished in", Durations.seconds(result.wallTime()),
                r.distinctStates().isPresent() ? String.format("%,d", r.distinctStates().getAsLong()) : "?",
                display.of(request.rawOutput()));
        out.flush();
        return outcome;
    }

    private void rejectParseErrors(TlcReport r, PlannedRun p, Path source) {
        if (r.exitStatus() == 150) {
            String file = ParseErrorText.failingFile(r.output(), manifest.specDir().toString())
                    .map(f -> display.of(Path.of(f))).orElse(display.of(manifest.specDir().resolve(manifest.spec() + ".tla")));
            throw new InputError(file + ": TLA+ parse error: " + ParseErrorText.detail(r.output()));
        }
        if (r.exitStatus() == 151) {
            String origin = p.cfg().equals(source) ? "" : " (generated from " + display.of(source) + ")";
            throw new InputError(display.of(p.cfg()) + origin + ": TLC cannot use this configuration: "
                    + ParseErrorText.detail(r.output()));
        }
    }

    private void printCounterexample(String label, TlcReport r, List<String> temporalChecked) {
        if (r.trace().isEmpty()) {
            return;
        }
        out.printf("   counterexample for %s: %s (%d states)%n", label, r.violationText(temporalChecked),
                r.trace().size());
        for (String line : StepTable.render(r.trace(), r.loopBackTo(), r.loopAction(), r.stuttering())) {
            out.println("   " + line);
        }
        out.flush();
    }
}
