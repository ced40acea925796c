package org.hfmailbox.refinement.perprocess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one-TLC-process-per-trace path (how CCF and etcd validate traces): for each trace, a fresh JVM runs
 * {@code tlc2.TLC -config TraceMailbox.cfg TraceMailbox} with the trace supplied through the operator override
 * ({@link TraceModuleOperators}). Exit 12 with TraceUnfinished violated means accepted; exit 11 (deadlock) means the
 * event at the deadlocked state's cursor {@code l} was rejected (each trace state has one successor at most, so l
 * equals TLC's search depth, which TLC prints; its printed error trace is not relied on); TLC finding no initial state means the header's
 * initial state was rejected (seq 0). Used by the agreement test and as the bench's baseline. Thread-safe: each
 * run has its own metadata and temporary folder, deleted afterwards.
 */
public final class PerProcessValidator {
    /** TLC's BFS depth: the deadlocked state is the deepest, and its cursor l equals the depth. */
    private static final Pattern DEPTH = Pattern.compile("The depth of the complete state graph search is (\\d+)");
    private static final long TIMEOUT_SECONDS = 300;

    private final Path dir;
    private final String classpath;
    private final java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param specDir  the folder holding Mailbox.tla, TraceMailbox.tla and TraceMailbox.cfg
     * @param workDir  a folder under target/ for the copies and TLC's metadata
     */
    public PerProcessValidator(Path specDir, Path workDir) {
        this.dir = workDir.toAbsolutePath();
        this.classpath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(specDir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".tla")
                        || p.getFileName().toString().equals("TraceMailbox.cfg")).toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }

    public ProcessVerdict validate(Path trace) {
        long t0 = System.nanoTime();
        Path run = dir.resolve("run-" + runs.getAndIncrement());
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xss8m");
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add("-D" + TraceModuleOperators.TRACE_PROPERTY + "=" + trace.toAbsolutePath());
        cmd.add("-Djava.io.tmpdir=" + run.resolve("tmp"));
        cmd.add("tlc2.TLC");
        cmd.addAll(List.of("-workers", "1", "-config", "TraceMailbox.cfg", "-metadir", run.resolve("meta").toString(),
                "-nowarning", "TraceMailbox"));
        try {
            Files.createDirectories(run.resolve("tmp"));
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("TLC did not finish on " + trace + " within " + TIMEOUT_SECONDS + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            int code = p.exitValue();
            delete(run);
            return verdict(trace.toString(), code, text, ms);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run TLC on " + trace, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void delete(Path run) throws IOException {
        try (Stream<Path> all = Files.walk(run)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static ProcessVerdict verdict(String source, int code, String text, long ms) {
        switch (code) {
            case 12:
                if (text.contains("TraceUnfinished")) {
                    return new ProcessVerdict(source, true, OptionalLong.empty(), code, ms, text);
                }
                break;
            case 11: {
                Matcher m = DEPTH.matcher(text);
                long last = m.find() ? Long.parseLong(m.group(1)) : -1;
                if (last > 0) {
                    return new ProcessVerdict(source, false, OptionalLong.of(last), code, ms, text);
                }
                break;
            }
            case 0:
                return new ProcessVerdict(source, false, OptionalLong.of(0), code, ms, text);
            default:
                break;
        }
        throw new IllegalStateException("TLC exited " + code + " on " + source + " without a verdict:\n"
                + tail(text));
    }

    private static String tail(String text) {
        return text.length() <= 3000 ? text : text.substring(text.length() - 3000);
    }
}
