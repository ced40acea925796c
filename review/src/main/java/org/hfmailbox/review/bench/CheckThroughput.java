package org.hfmailbox.review.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hfmailbox.review.PathDisplay;
import org.hfmailbox.review.Trees;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ModelConfiguration;
import org.hfmailbox.review.tlc.ForkedTlc;
import org.hfmailbox.review.tlc.TlcReport;
import org.hfmailbox.review.tlc.TlcRequest;
import org.hfmailbox.review.tlc.TlcRunner;

/**
 * TLC's throughput on a configuration against a trivial counter spec with a large state space (the ceiling of this
 * machine), run back to back with the same workers: {@code ./mailbox bench check}.
 */
public final class CheckThroughput {
    /** The trivial spec's module, shipped in this jar under {@code /bench/}. */
    public static final String BENCH_MODULE = "BenchCounter";

    /** One measured TLC run. */
    public record Measure(long distinct, Duration wall) {
        public double perMinute() {
            return distinct / (wall.toMillis() / 60000.0);
        }
    }

    /** One repetition: the configuration, then the trivial spec. */
    public record Pair(Measure model, Measure trivial) {
        public double ratio() {
            return model.perMinute() / trivial.perMinute();
        }
    }

    private final PathDisplay display;
    private final PrintWriter err;
    private final TlcRunner tlc = new ForkedTlc(Duration.ofSeconds(10), s -> { });

    /** @param err where a run that did not explore the whole space is explained */
    public CheckThroughput(PathDisplay display, PrintWriter err) {
        this.display = display;
        this.err = err;
    }

    /**
     * Repetition {@code i}: {@code c} then the trivial spec, each with {@code workers} workers, outputs under
     * {@code out}; empty (after printing why) when either run did not explore its whole space cleanly.
     */
    public Optional<Pair> measure(Manifest manifest, ModelConfiguration c, int workers, Path out, int i)
            throws IOException {
        Path dir = manifest.specDir();
        Optional<Measure> m = run(new TlcRequest(dir, manifest.spec(), dir.resolve(c.cfg()), workers,
                out.resolve("meta"), out.resolve(c.name() + "-" + i + ".out")));
        if (m.isEmpty()) {
            return Optional.empty();
        }
        Path bench = extractBenchSpec(out.resolve("spec"));
        Optional<Measure> t = run(new TlcRequest(bench, BENCH_MODULE, bench.resolve(BENCH_MODULE + ".cfg"), workers,
                out.resolve("meta"), out.resolve(BENCH_MODULE + "-" + i + ".out")));
        return t.map(trivial -> new Pair(m.get(), trivial));
    }

    private Optional<Measure> run(TlcRequest request) throws IOException {
        Trees.deleteRecursively(request.metaDir());
        TlcRunner.Result r = tlc.run(request);
        Trees.deleteRecursively(request.metaDir());
        TlcReport report = r.report();
        if (report.exitStatus() != 0 || report.distinctStates().isEmpty()) {
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
            try (InputStream in = CheckThroughput.class.getResourceAsStream("/bench/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("resource /bench/" + name + " missing from the jar");
                }
                Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }
}
