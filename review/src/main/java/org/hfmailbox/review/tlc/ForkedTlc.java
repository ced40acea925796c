package org.hfmailbox.review.tlc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hfmailbox.review.Trees;
import tlc2.output.EC;

/**
 * Runs each TLC run in a fresh child JVM ({@link TlcWorkerMain}) with its own {@code java.io.tmpdir}: TLC's static
 * state (notably the liveness checker's) does not survive from one run to the next in one JVM. The child reads
 * TLC's counters in its own JVM and reports them; this side relays them to the progress listener.
 */
public final class ForkedTlc implements TlcRunner {
    private final Duration progressInterval;
    private final Consumer<ProgressSample> progress;

    public ForkedTlc(Duration progressInterval, Consumer<ProgressSample> progress) {
        this.progressInterval = progressInterval;
        this.progress = progress;
    }

    @Override
    public Result run(TlcRequest request) throws IOException {
        Path raw = request.rawOutput().toAbsolutePath();
        Files.createDirectories(raw.getParent());
        Files.deleteIfExists(raw);
        Path tmp = raw.resolveSibling(raw.getFileName() + ".tmp");
        Trees.deleteRecursively(tmp);
        Files.createDirectories(tmp);
        Path stderr = raw.resolveSibling(raw.getFileName() + ".stderr");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseParallelGC");
        command.add("-Xss4m");
        command.add("-Djava.io.tmpdir=" + tmp);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TlcWorkerMain.class.getName());
        command.add(request.specDir().toAbsolutePath().toString());
        command.add(request.module());
        command.add(request.cfg().toAbsolutePath().toString());
        command.add(Integer.toString(request.workers()));
        command.add(request.metaDir().toAbsolutePath().toString());
        command.add(raw.toString());
        command.add(Long.toString(progressInterval.toMillis()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        long start = System.nanoTime();
        Process child = pb.start();
        child.getOutputStream().close();
        int exitStatus = EC.ExitStatus.ERROR;
        Duration wall = null;
        boolean done = false;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.startsWith(TlcWorkerMain.PREFIX)) {
                    continue;
                }
                String[] f = line.substring(TlcWorkerMain.PREFIX.length()).split(" ");
                if (f[0].equals("progress") && f.length == 5) {
                    progress.accept(new ProgressSample(Duration.ofMillis(Long.parseLong(f[1])), Long.parseLong(f[2]),
                            Long.parseLong(f[3]), Long.parseLong(f[4])));
                } else if (f[0].equals("done") && f.length == 3) {
                    exitStatus = Integer.parseInt(f[1]);
                    wall = Duration.ofMillis(Long.parseLong(f[2]));
                    done = true;
                    break;
                }
            }
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while TLC ran", e);
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
            Trees.deleteRecursively(tmp);
        }
        if (wall == null) {
            wall = Duration.ofNanos(System.nanoTime() - start);
        }
        List<String> lines = Files.exists(raw) ? Files.readAllLines(raw, StandardCharsets.UTF_8) : new ArrayList<>();
        if (!done) {
            lines = new ArrayList<>(lines);
            lines.add("@!@!@STARTMSG " + EC.GENERAL + ":1 @!@!@");
            lines.add("the TLC worker JVM ended (" + (child.isAlive() ? "killed" : "exit " + child.exitValue())
                    + ") without finishing; its error output: "
                    + tail(stderr));
            lines.add("@!@!@ENDMSG " + EC.GENERAL + " @!@!@");
        } else if (Files.exists(stderr) && Files.size(stderr) == 0) {
            Files.delete(stderr);
        }
        return new Result(TlcReport.from(exitStatus, ToolOutput.parse(lines)), wall);
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "(none)";
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }
}
