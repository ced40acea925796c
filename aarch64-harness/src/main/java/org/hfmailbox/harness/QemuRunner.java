package org.hfmailbox.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Boots the EL2 image under {@code qemu-system-aarch64 -M virt,virtualization=on -cpu cortex-a57} with the input
 * table loaded at {@link El2Layout#INPUT_BASE}, semihosting on (the event file and the exit status) and no NIC,
 * under a watchdog: after the timeout it stops QEMU, asks its monitor where each CPU is and what it waits on, saves
 * the event records the image had not flushed ({@link Watchdog}), then kills it.
 */
public final class QemuRunner {
    /** The QEMU binary: system property {@code hfmailbox.qemu}, else {@code qemu-system-aarch64} on the PATH. */
    private final String qemu;

    /** The TCG accelerator options: single-threaded by default (replay order is the step counter's anyway). */
    private final String accel;

    public QemuRunner() {
        this(System.getProperty("hfmailbox.qemu", "qemu-system-aarch64"),
                System.getProperty("hfmailbox.qemu.accel", SINGLE_THREAD));
    }

    public QemuRunner(String qemu, String accel) {
        this.qemu = qemu;
        this.accel = accel;
    }

    /** One host thread runs every QEMU CPU in turn: the fastest for replay (about 15x on this 2-core host). */
    public static final String SINGLE_THREAD = "tcg,thread=single";
    /** One host thread per QEMU CPU (MTTCG): the CPUs really run in parallel. */
    public static final String MULTI_THREAD = "tcg,thread=multi";

    /**
     * The result of one QEMU run; when it timed out, what the watchdog found ({@code hang}, null if the monitor could
     * not be asked: then {@code probeProblem} says why) and the event bytes it saved from guest memory.
     */
    public record Run(int exitCode, boolean timedOut, String console, Duration elapsed, HangReport hang,
                      String probeProblem, byte[] salvaged) {
        public Run {
            salvaged = salvaged == null ? new byte[0] : salvaged.clone();
        }

        public Run(int exitCode, boolean timedOut, String console, Duration elapsed) {
            this(exitCode, timedOut, console, elapsed, null, null, null);
        }

        @Override
        public byte[] salvaged() {
            return salvaged.clone();
        }
    }

    public Run run(Path image, Path input, int smp, Duration timeout, Path workDir) throws HarnessRunException {
        List<String> cmd = new ArrayList<>(List.of(qemu, "-M", "virt,virtualization=on", "-cpu", "cortex-a57",
                "-m", "512M", "-accel", accel, "-smp", String.valueOf(smp), "-nographic", "-nic", "none", "-semihosting",
                "-kernel", image.toString(), "-monitor", "unix:" + workDir.resolve("monitor.sock") + ",server=on,wait=off",
                "-device", "loader,file=" + input + ",addr=0x" + Long.toHexString(El2Layout.INPUT_BASE)
                        + ",force-raw=on"));
        Path console = workDir.resolve("console.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(console.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new HarnessRunException("cannot start " + qemu + " (install qemu-system-arm, or set -Dhfmailbox.qemu): "
                    + e.getMessage(), e);
        }
        boolean done;
        Watchdog.Probe probe = null;
        String probeProblem = null;
        try {
            done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                try (QemuMonitor m = QemuMonitor.connect(workDir.resolve("monitor.sock"))) {
                    m.command("stop");
                    probe = Watchdog.probe(m, workDir);
                } catch (IOException e) {
                    probeProblem = "the watchdog could not ask QEMU's monitor: " + e.getMessage();
                }
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new HarnessRunException("interrupted while QEMU ran");
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        String text;
        try {
            text = Files.exists(console) ? Files.readString(console, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            text = "(console unreadable: " + e.getMessage() + ")";
        }
        return new Run(done ? p.exitValue() : -1, !done, text, elapsed, probe == null ? null : probe.report(),
                probeProblem, probe == null ? null : probe.salvaged());
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
