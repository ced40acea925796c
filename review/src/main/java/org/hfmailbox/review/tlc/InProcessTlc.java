package org.hfmailbox.review.tlc;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.function.Consumer;
import tlc2.TLC;
import tlc2.TLCGlobals;
import tlc2.output.EC;
import util.SimpleFilenameToStream;
import util.ToolIO;

/**
 * Runs TLC inside this JVM through its instance API (no {@code System.exit}), keeping its raw output in the
 * request's file. TLC's state is static, and some of it (the liveness checker's) survives a run and corrupts the
 * next one in the same JVM: use this for exactly one run per JVM, through {@link ForkedTlc}.
 */
public final class InProcessTlc implements TlcRunner {
    private final Duration progressInterval;
    private final Consumer<ProgressSample> progress;

    /**
     * @param progressInterval how often to sample the counters
     * @param progress         receives each sample
     */
    public InProcessTlc(Duration progressInterval, Consumer<ProgressSample> progress) {
        this.progressInterval = progressInterval;
        this.progress = progress;
    }

    @Override
    public Result run(TlcRequest request) throws IOException {
        Files.createDirectories(request.rawOutput().toAbsolutePath().getParent());
        Files.createDirectories(request.metaDir());
        long start = System.nanoTime();
        int exitStatus;
        PrintStream savedOut = ToolIO.out;
        PrintStream savedErr = ToolIO.err;
        try (OutputStream file = Files.newOutputStream(request.rawOutput());
                PrintStream raw = new PrintStream(file, true, StandardCharsets.UTF_8)) {
            ToolIO.out = raw;
            ToolIO.err = raw;
            TLCGlobals.mainChecker = null;
            try (ProgressMonitor monitor = ProgressMonitor.start(progressInterval, progress)) {
                exitStatus = runTlc(request, raw);
            } finally {
                TLCGlobals.mainChecker = null;
                ToolIO.out = savedOut;
                ToolIO.err = savedErr;
            }
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        ToolOutput out = ToolOutput.parse(Files.readAllLines(request.rawOutput(), StandardCharsets.UTF_8));
        return new Result(TlcReport.from(exitStatus, out), wall);
    }

    private static int runTlc(TlcRequest request, PrintStream raw) {
        try {
            TLC tlc = new TLC();
            if (!tlc.handleParameters(request.arguments())) {
                return EC.ExitStatus.ERROR;
            }
            tlc.setResolver(new SimpleFilenameToStream(request.specDir().toAbsolutePath().toString()));
            return EC.ExitStatus.errorConstantToExitStatus(tlc.process());
        } catch (RuntimeException e) {
            // TLC reports some user errors (e.g. a metadata folder it cannot create) by throwing
            raw.println("@!@!@STARTMSG " + EC.GENERAL + ":1 @!@!@");
            raw.println(String.valueOf(e.getMessage()));
            raw.println("@!@!@ENDMSG " + EC.GENERAL + " @!@!@");
            return EC.ExitStatus.ERROR;
        }
    }
}
