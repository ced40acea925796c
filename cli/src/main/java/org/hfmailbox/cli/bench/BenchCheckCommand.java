package org.hfmailbox.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hfmailbox.cli.ExitCode;
import org.hfmailbox.review.InputError;
import org.hfmailbox.review.PathDisplay;
import org.hfmailbox.review.Trees;
import org.hfmailbox.review.RepoRoot;
import org.hfmailbox.review.check.Durations;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ManifestReader;
import org.hfmailbox.review.manifest.ModelConfiguration;
import org.hfmailbox.review.tlc.ForkedTlc;
import org.hfmailbox.review.tlc.TlcRunner;
import org.hfmailbox.review.tlc.TlcReport;
import org.hfmailbox.review.tlc.TlcRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./mailbox bench check}: TLC's throughput on the {@code default} configuration against a trivial spec with a
 * large state space (the ceiling on this machine), back to back with the same workers, R times.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Run the 'default' configuration and a trivial counter spec (9.8M states) back to back with the"
            + " same TLC workers; print distinct states per minute of both, their ratio, and min/median over the runs.")
public final class BenchCheckCommand implements Callable<Integer> {
    private static final String CONFIGURATION = "default";
    private static final String BENCH_MODULE = "BenchCounter";

    @Spec
    private CommandSpec spec;

    @Option(names = "--workers", paramLabel = "N", description = "TLC workers for both specs (default: the configuration's)")
    private Integer workers;

    @Option(names = "--runs", paramLabel = "R", defaultValue = "3", description = "repetitions (default: ${DEFAULT-VALUE})")
    private int runs;

    @Option(names = "--config", paramLabel = "NAME", defaultValue = CONFIGURATION,
            description = "the configuration to measure (default: ${DEFAULT-VALUE})")
    private String config;

    @Option(names = "--spec-dir", paramLabel = "DIR", description = "folder with manifest.json and the spec (default: spec/)")
    private Path specDir;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "where TLC's output goes (default: target/bench/)")
    private Path outDir;

    /** One measured run. */
    private record Measure(long distinct, Duration wall) {
        double perMinute() {
            return distinct / (wall.toMillis() / 60000.0);
        }
    }

    @Override
    public Integer call() throws IOException {
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "--runs must be at least 1, got " + runs);
        }
        if (workers != null && workers < 1) {
            throw new ParameterException(spec.commandLine(), "--workers must be at least 1, got " + workers);
        }
        Path root = RepoRoot.locate();
        PathDisplay display = new PathDisplay(root);
        Path dir = specDir != null ? specDir : root.resolve("spec");
        Path manifestFile = dir.resolve("manifest.json");
        Manifest manifest = new ManifestReader().read(manifestFile, display.of(manifestFile));
        ModelConfiguration c = manifest.find(config).orElseThrow(() -> new InputError(
                "no configuration named '" + config + "' in " + manifest.displayName()));
        int w = workers != null ? workers : c.workers();
        Path out = outDir != null ? outDir : root.resolve("target").resolve("bench");
        Path benchSpec = extractBenchSpec(out.resolve("spec"));
        PrintWriter pw = spec.commandLine().getOut();
        pw.printf("bench check: '%s' (%s) against %s, %d worker%s, %d run%s%n", c.name(), c.cfg(), BENCH_MODULE, w,
                w == 1 ? "" : "s", runs, runs == 1 ? "" : "s");
        pw.flush();
        List<Double> model = new ArrayList<>();
        List<Double> trivial = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        TlcRunner tlc = new ForkedTlc(Duration.ofSeconds(10), s -> { });
        for (int i = 1; i <= runs; i++) {
            Optional<Measure> mo = measure(tlc, new TlcRequest(dir, manifest.spec(), dir.resolve(c.cfg()), w,
                    out.resolve("meta"), out.resolve(c.name() + "-" + i + ".out")), display);
            Optional<Measure> to = mo.isEmpty() ? Optional.empty() : measure(tlc, new TlcRequest(benchSpec,
                    BENCH_MODULE, benchSpec.resolve(BENCH_MODULE + ".cfg"), w, out.resolve("meta"),
                    out.resolve(BENCH_MODULE + "-" + i + ".out")), display);
            if (to.isEmpty()) {
                return ExitCode.CHECK_FAILED;
            }
            Measure m = mo.get();
            Measure t = to.get();
            model.add(m.perMinute());
            trivial.add(t.perMinute());
            ratio.add(m.perMinute() / t.perMinute());
            pw.printf("run %d/%d: %s %,d distinct in %s = %,.0f/min; %s %,d distinct in %s = %,.0f/min; ratio %.1f %%%n",
                    i, runs, c.name(), m.distinct(), Durations.seconds(m.wall()), m.perMinute(), BENCH_MODULE,
                    t.distinct(), Durations.seconds(t.wall()), t.perMinute(), 100 * m.perMinute() / t.perMinute());
            pw.flush();
        }
        RateStats ms = RateStats.of(model);
        RateStats ts = RateStats.of(trivial);
        RateStats rs = RateStats.of(ratio);
        pw.printf("distinct states per minute, %s: min %,.0f, median %,.0f%n", c.name(), ms.min(), ms.median());
        pw.printf("distinct states per minute, %s: min %,.0f, median %,.0f%n", BENCH_MODULE, ts.min(), ts.median());
        pw.printf("ratio %s / %s: min %.1f %%, median %.1f %%%n", c.name(), BENCH_MODULE, 100 * rs.min(), 100 * rs.median());
        pw.flush();
        return ExitCode.OK;
    }

    /** One TLC run; empty (after printing why) when TLC did not explore the whole space cleanly. */
    private Optional<Measure> measure(TlcRunner tlc, TlcRequest request, PathDisplay display) throws IOException {
        Trees.deleteRecursively(request.metaDir());
        TlcRunner.Result r = tlc.run(request);
        Trees.deleteRecursively(request.metaDir());
        TlcReport report = r.report();
        if (report.exitStatus() != 0 || report.distinctStates().isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("mailbox bench check: " + display.of(request.cfg()) + ": TLC did not explore the whole space"
                    + " cleanly (exit status " + report.exitStatus() + "); see " + display.of(request.rawOutput()));
            err.flush();
            return Optional.empty();
        }
        return Optional.of(new Measure(report.distinctStates().getAsLong(), r.wallTime()));
    }

    private static Path extractBenchSpec(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : List.of(BENCH_MODULE + ".tla", BENCH_MODULE + ".cfg")) {
            try (InputStream in = BenchCheckCommand.class.getResourceAsStream("/bench/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("resource /bench/" + name + " missing from the jar");
                }
                Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }
}
