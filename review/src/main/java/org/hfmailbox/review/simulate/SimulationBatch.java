package org.hfmailbox.review.simulate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hfmailbox.review.Trees;
import org.hfmailbox.review.tlc.TlcReport;
import org.hfmailbox.review.tlc.ToolOutput;

/**
 * One TLC simulation run in a child JVM: {@code tlc2.TLC -simulate num=N -depth D -seed S} on one cfg, which
 * explores N random behaviours of D steps and checks the cfg's invariants and action properties on each state and
 * step. TLC stops at the first violation. The child is stopped at {@code deadline} (its behaviours then count as not
 * explored).
 */
final class SimulationBatch {
    /** What one batch did. {@code finished}: TLC ended by itself (all N behaviours, or a violation). */
    record Result(int traces, TlcReport report, Duration wall, boolean finished) {
    }

    private final Path specDir;
    private final String module;

    SimulationBatch(Path specDir, String module) {
        this.specDir = specDir;
        this.module = module;
    }

    Result run(Path cfg, int traces, int depth, long randomSeed, Path rawOutput, Duration deadline)
            throws IOException {
        Path raw = rawOutput.toAbsolutePath();
        Files.createDirectories(raw.getParent());
        Path tmp = raw.resolveSibling(raw.getFileName() + ".tmp");
        Trees.deleteRecursively(tmp);
        Files.createDirectories(tmp);
        Path dir = specDir.toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "-Xss4m", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                "tlc2.TLC", "-tool", "-simulate", "num=" + traces, "-depth", Integer.toString(depth),
                "-seed", Long.toString(randomSeed), "-workers", "1",
                "-config", dir.relativize(cfg.toAbsolutePath().normalize()).toString(),
                "-metadir", tmp.resolve("meta").toString(), dir.resolve(module + ".tla").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(raw.toFile());
        long start = System.nanoTime();
        Process child = pb.start();
        child.getOutputStream().close();
        boolean finished;
        try {
            finished = child.waitFor(Math.max(1, deadline.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while TLC simulated", e);
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        Trees.deleteRecursively(tmp);
        List<String> lines = Files.readAllLines(raw, StandardCharsets.UTF_8);
        int status = finished ? child.exitValue() : -1;
        return new Result(finished ? traces : 0, TlcReport.from(status, ToolOutput.parse(lines)), wall, finished);
    }
}
