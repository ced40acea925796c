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

    public Replayer(Path image, QemuRunner qemu) {
        this.image = image;
        this.qemu = qemu;
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
                return "QEMU timed out after " + run.elapsed().toMillis() + " ms (a step never completed); console: "
                        + tail(run.console());
            }
            if (run.exitCode() != 0) {
                return "QEMU exited with status " + run.exitCode() + "; console: " + tail(run.console());
            }
            return output.problem();
        }
    }

    /** Boots the image once on the given inputs. */
    public RawRun run(List<ReplayInput> inputs) throws HarnessRunException {
        int smp = inputs.stream().mapToInt(ReplayInput::cpus).max().orElse(1);
        long steps = inputs.stream().mapToLong(i -> i.steps().size() + 50L * i.freeSteps()).sum();
        Duration timeout = Duration.ofMillis(20_000 + steps / 5 + 30L * inputs.size());
        Path dir = null;
        try {
            dir = Files.createTempDirectory("hfmailbox-replay");
            Path out = dir.resolve("events.bin");
            Path in = dir.resolve("input.bin");
            Files.write(in, InputTableWriter.encode(inputs, out.toAbsolutePath().toString(), smp));
            QemuRunner.Run r = qemu.run(image, in, smp, timeout, dir);
            byte[] bytes = Files.exists(out) ? Files.readAllBytes(out) : new byte[0];
            return new RawRun(El2Output.decode(bytes), r);
        } catch (IOException e) {
            throw new HarnessRunException("replay I/O failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Replays reference traces (translated first, so input errors come before any boot). */
    public List<ReplayOutcome> replay(List<ReferenceTrace> traces) throws HarnessRunException, HarnessInputException {
        List<ReplayInput> inputs = new ArrayList<>(traces.size());
        for (ReferenceTrace t : traces) {
            inputs.add(TraceTranslator.translate(t));
        }
        List<ReplayOutcome> outcomes = new ArrayList<>(traces.size());
        int from = 0;
        while (from < traces.size()) {
            int to = from;
            long bytes = 0;
            while (to < traces.size() && to - from < MAX_TRACES_PER_BOOT) {
                long b = 256 + inputs.get(to).steps().stream().mapToLong(s -> 64 + s.payloadLength()).sum();
                if (to > from && bytes + b > MAX_INPUT_BYTES) {
                    break;
                }
                bytes += b;
                to++;
            }
            RawRun raw = run(inputs.subList(from, to));
            List<El2TraceResult> results = raw.output().traces();
            for (int i = from; i < to; i++) {
                ReferenceTrace t = traces.get(i);
                El2TraceResult r = i - from < results.size() ? results.get(i - from) : null;
                if (r == null || r.traceIndex() != i - from) {
                    String why = raw.failure();
                    outcomes.add(new ReplayOutcome(t.file(), t.events().size(), null,
                            why == null ? "the image recorded no result for this trace" : why));
                } else {
                    Divergence d = TraceComparator.compare(t, r);
                    String failure = r.end() == null ? raw.failure() : null;
                    outcomes.add(new ReplayOutcome(t.file(), t.events().size(), d, d == null ? failure : null));
                }
            }
            from = to;
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
