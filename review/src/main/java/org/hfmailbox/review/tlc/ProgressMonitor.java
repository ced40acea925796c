package org.hfmailbox.review.tlc;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tlc2.TLCGlobals;
import tlc2.tool.AbstractChecker;
import tlc2.tool.ModelChecker;

/**
 * Reads the running model checker's counters (in this JVM) every {@code interval} and hands a sample to a listener.
 * TLC prints its own progress only once a minute.
 */
public final class ProgressMonitor implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final long startNanos = System.nanoTime();

    private ProgressMonitor(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts sampling; close the monitor when the run ends. */
    public static ProgressMonitor start(Duration interval, Consumer<ProgressSample> listener) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mailbox-tlc-progress");
            t.setDaemon(true);
            return t;
        });
        ProgressMonitor monitor = new ProgressMonitor(timer);
        long ms = Math.max(1, interval.toMillis());
        timer.scheduleAtFixedRate(() -> monitor.sample().ifPresent(listener), ms, ms, TimeUnit.MILLISECONDS);
        return monitor;
    }

    private Optional<ProgressSample> sample() {
        AbstractChecker checker = TLCGlobals.mainChecker;
        if (checker == null) {
            return Optional.empty();
        }
        long generated = checker instanceof ModelChecker mc ? mc.getStatesGenerated() : -1;
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        return Optional.of(new ProgressSample(elapsed, checker.getDistinctStatesGenerated(), generated,
                checker.getStateQueueSize()));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
