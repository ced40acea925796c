package org.hfmailbox.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hfmailbox.cli.ExitCode;
import org.hfmailbox.review.InputError;
import org.hfmailbox.review.PathDisplay;
import org.hfmailbox.review.RepoRoot;
import org.hfmailbox.review.bench.CheckThroughput;
import org.hfmailbox.review.check.Durations;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ManifestReader;
import org.hfmailbox.review.manifest.ModelConfiguration;
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
        PrintWriter pw = spec.commandLine().getOut();
        pw.printf("bench check: '%s' (%s) against %s, %d worker%s, %d run%s%n", c.name(), c.cfg(),
                CheckThroughput.BENCH_MODULE, w, w == 1 ? "" : "s", runs, runs == 1 ? "" : "s");
        pw.flush();
        CheckThroughput bench = new CheckThroughput(display, spec.commandLine().getErr());
        List<Double> model = new ArrayList<>();
        List<Double> trivial = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Optional<CheckThroughput.Pair> p = bench.measure(manifest, c, w, out, i);
            if (p.isEmpty()) {
                return ExitCode.CHECK_FAILED;
            }
            CheckThroughput.Measure m = p.get().model();
            CheckThroughput.Measure t = p.get().trivial();
            model.add(m.perMinute());
            trivial.add(t.perMinute());
            ratio.add(p.get().ratio());
            pw.printf("run %d/%d: %s %,d distinct in %s = %,.0f/min; %s %,d distinct in %s = %,.0f/min; ratio %.1f %%%n",
                    i, runs, c.name(), m.distinct(), Durations.seconds(m.wall()), m.perMinute(),
                    CheckThroughput.BENCH_MODULE, t.distinct(), Durations.seconds(t.wall()), t.perMinute(),
                    100 * p.get().ratio());
            pw.flush();
        }
        RateStats ms = RateStats.of(model);
        RateStats ts = RateStats.of(trivial);
        RateStats rs = RateStats.of(ratio);
        pw.printf("distinct states per minute, %s: min %,.0f, median %,.0f%n", c.name(), ms.min(), ms.median());
        pw.printf("distinct states per minute, %s: min %,.0f, median %,.0f%n", CheckThroughput.BENCH_MODULE, ts.min(),
                ts.median());
        pw.printf("ratio %s / %s: min %.1f %%, median %.1f %%%n", c.name(), CheckThroughput.BENCH_MODULE,
                100 * rs.min(), 100 * rs.median());
        pw.flush();
        return ExitCode.OK;
    }
}
