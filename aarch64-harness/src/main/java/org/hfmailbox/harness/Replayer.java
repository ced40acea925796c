package org.hfmailbox.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The replay driver: translates reference traces into input tables, boots the EL2 image under QEMU once per batch
 * (many traces per boot, -smp = the largest trace's CPU count), decodes the image's records and compares each
 * trace with its reference.
 */
public final class Replayer {
    /** Traces per QEMU boot (the input table must also fit below the guests' memory). */
    public static final int MAX_TRACES_PER_BOOT = 4000;
    private static final long MAX_INPUT_BYTES = 48L << 20;

    private final Path image;
    private final QemuRunner qemu;
    private final int minimumSmp;
    private long watchdogMillis = 20_000;

    public Replayer(Path image, QemuRunner qemu) {
        this(image, qemu, 1);
    }

    /** A replayer whose boots have at least {@code minimumSmp} CPUs (QEMU -smp; idle beyond a trace's own). */
    public Replayer(Path image, QemuRunner qemu, int minimumSmp) {
        if (minimumSmp < 1 || minimumSmp > El2Layout.MAX_CPUS) {
            throw new IllegalArgumentException("-smp " + minimumSmp + " is outside the EL2 image's 1.."
                    + El2Layout.MAX_CPUS);
        }
        this.image = image;
        this.qemu = qemu;
        this.minimumSmp = minimumSmp;
    }

    /** A replayer on the located image and the default QEMU. */
    public static Replayer create() throws HarnessRunException {
        return new Replayer(ImageLocator.locate(), new QemuRunner());
    }

    /** One boot: the decoded records, and how QEMU ended. */
    public record RawRun(El2Output output, QemuRunner.Run run) {
        /** A one-line account of a run that did not end cleanly, or null. */
        public String failure() {
            if (output.fatal() != null) {
                return output.fatal().describe();
            }
            if (run.timedOut()) {
                return run.hang() != null ? run.hang().describe() + " (QEMU stopped after " + run.elapsed().toMillis()
                        + " ms)" : "QEMU timed out after " + run.elapsed().toMillis() + " ms (a step never "
                        + "completed; " + run.probeProblem() + "); console: " + tail(run.console());
            }
            if (run.exitCode() != 0) {
                return "QEMU exited with status " + run.exitCode() + "; console: " + tail(run.console());
            }
            return output.problem();
        }
    }

    /**
     * One input's fate: the image's records for it, or why there are none (or why they stop short), and whether it
     * was the trace running when EL2 itself took an exception.
     */
    public record TraceRun(El2TraceResult result, String failure, boolean el2Exception) {
    }

    /** The watchdog's base timeout per boot (default 20 s; 0.2 ms per step and 30 ms per trace are added). */
    public Replayer watchdogMillis(long millis) {
        this.watchdogMillis = millis;
        return this;
    }

    /** Boots the image once on the given inputs. */
    public RawRun run(List<ReplayInput> inputs) throws HarnessRunException {
        return run(inputs, 0);
    }

    /** Boots the image once on the given inputs, its register handling broken as {@code sabotage} says (tests). */
    public RawRun run(List<ReplayInput> inputs, int sabotage) throws HarnessRunException {
        int smp = Math.max(minimumSmp, inputs.stream().mapToInt(ReplayInput::cpus).max().orElse(1));
        long steps = inputs.stream().mapToLong(i -> i.steps().size() + 50L * i.freeSteps()).sum();
        Duration timeout = Duration.ofMillis(watchdogMillis + steps / 5 + 30L * inputs.size());
        Path dir = null;
        try {
            dir = Files.createTempDirectory("hfmailbox-replay");
            Path out = dir.resolve("events.bin");
            Path in = dir.resolve("input.bin");
            Files.write(in, InputTableWriter.encode(inputs, out.toAbsolutePath().toString(), smp, sabotage));
            QemuRunner.Run r = qemu.run(image, in, smp, timeout, dir);
            byte[] bytes = Files.exists(out) ? Files.readAllBytes(out) : new byte[0];
            byte[] salvaged = r.salvaged();
            if (salvaged.length > 0) {
                byte[] all = java.util.Arrays.copyOf(bytes, bytes.length + salvaged.length);
                System.arraycopy(salvaged, 0, all, bytes.length, salvaged.length);
                bytes = all;
            }
            return new RawRun(El2Output.decode(bytes), r);
        } catch (IOException e) {
            throw new HarnessRunException("replay I/O failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * Runs every input, as many per boot as fit. When a boot hangs (or EL2 takes an exception), the traces it
     * finished are kept, the one then running fails with the watchdog's report (or the exception), and the ones after
     * it run in a new boot.
     */
    public List<TraceRun> runAll(List<ReplayInput> inputs) throws HarnessRunException {
        List<TraceRun> out = new ArrayList<>(inputs.size());
        int from = 0;
        while (from < inputs.size()) {
            int to = from;
            long bytes = 0;
            while (to < inputs.size() && to - from < MAX_TRACES_PER_BOOT) {
                long b = 256 + inputs.get(to).steps().stream().mapToLong(s -> 64 + s.payloadLength()).sum();
                if (to > from && bytes + b > MAX_INPUT_BYTES) {
                    break;
                }
                bytes += b;
                to++;
            }
            RawRun raw = run(inputs.subList(from, to));
            List<El2TraceResult> results = raw.output().traces();
            boolean fatal = raw.output().fatal() != null;
            boolean stopped = raw.run().timedOut() || fatal;   // only the trace then running is lost
            int done = from;
            for (int i = from; i < to; i++) {
                El2TraceResult r = i - from < results.size() ? results.get(i - from) : null;
                if (r == null || r.traceIndex() != i - from) {
                    if (stopped && i > from) {
                        break;                    // the trace that stopped the run failed already
                    }
                    String why = raw.failure();
                    out.add(new TraceRun(null, why == null ? "the image recorded no result for this trace" : why,
                            fatal));
                } else {
                    out.add(new TraceRun(r, r.end() == null ? raw.failure() : null, r.end() == null && fatal));
                }
                done = i + 1;
                if (r != null && r.end() == null) {
                    break;                        // the trace that was running when the run stopped
                }
            }
            if (done == from) {
                done = from + 1;                  // never loop on a boot that produced nothing
            }
            from = stopped ? done : to;
            if (!stopped) {
                for (int i = done; i < to; i++) {
                    String why = raw.failure();
                    out.add(new TraceRun(null, why == null ? "the image recorded no result for this trace" : why,
                            false));
                }
            }
        }
        return out;
    }

    /** Replays reference traces (translated first, so input errors come before any boot). */
    public List<ReplayOutcome> replay(List<ReferenceTrace> traces) throws HarnessRunException, HarnessInputException {
        List<ReplayInput> inputs = new ArrayList<>(traces.size());
        for (ReferenceTrace t : traces) {
            inputs.add(TraceTranslator.translate(t));
        }
        List<TraceRun> runs = runAll(inputs);
        List<ReplayOutcome> outcomes = new ArrayList<>(traces.size());
        for (int i = 0; i < traces.size(); i++) {
            ReferenceTrace t = traces.get(i);
            TraceRun tr = runs.get(i);
            if (tr.result() == null) {
                outcomes.add(new ReplayOutcome(t.file(), t.events().size(), null, tr.failure()));
            } else {
                Divergence d = TraceComparator.compare(t, tr.result());
                outcomes.add(new ReplayOutcome(t.file(), t.events().size(), d, d == null ? tr.failure() : null));
            }
        }
        return outcomes;
    }

    private static String tail(String console) {
        String c = console.strip();
        return c.length() <= 600 ? c : "..." + c.substring(c.length() - 600);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
