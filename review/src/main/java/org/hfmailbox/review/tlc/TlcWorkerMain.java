package org.hfmailbox.review.tlc;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child JVM of {@link ForkedTlc}: runs exactly one TLC run in-process and reports on its standard output, one
 * line each, {@code @@mailbox-worker progress ELAPSED_MS DISTINCT GENERATED QUEUE} every interval and finally
 * {@code @@mailbox-worker done EXIT_STATUS WALL_MS}. Arguments: spec folder, module, cfg, workers, metadata folder,
 * raw output file, progress interval in milliseconds.
 */
public final class TlcWorkerMain {
    /** The prefix of every protocol line. */
    public static final String PREFIX = "@@mailbox-worker ";

    private TlcWorkerMain() {
    }

    public static void main(String[] args) {
        int status = 255;
        try {
            status = work(args);
        } catch (Throwable t) {
            // TLC leaves a non-daemon RMI thread behind: without an explicit exit this JVM would never end
            t.printStackTrace();
        } finally {
            System.out.flush();
            System.exit(status);
        }
    }

    private static int work(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: TlcWorkerMain SPEC_DIR MODULE CFG WORKERS META_DIR RAW_OUTPUT INTERVAL_MS");
            return 255;
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        TlcRequest request = new TlcRequest(Path.of(args[0]), args[1], Path.of(args[2]), Integer.parseInt(args[3]),
                Path.of(args[4]), Path.of(args[5]));
        Duration interval = Duration.ofMillis(Long.parseLong(args[6]));
        InProcessTlc tlc = new InProcessTlc(interval, s -> out.println(PREFIX + "progress " + s.elapsed().toMillis()
                + " " + s.distinct() + " " + s.generated() + " " + s.queue()));
        TlcRunner.Result r = tlc.run(request);
        out.println(PREFIX + "done " + r.report().exitStatus() + " " + r.wallTime().toMillis());
        out.flush();
        return 0;
    }
}
