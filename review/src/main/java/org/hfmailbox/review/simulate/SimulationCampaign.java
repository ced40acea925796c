package org.hfmailbox.review.simulate;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.hfmailbox.review.check.Durations;
import org.hfmailbox.review.tlc.TlcReport;

/**
 * Simulates one cfg within a budget, as a series of TLC simulation batches with consecutive random seeds: each batch
 * is sized from the rate of the previous one to take about {@link #BATCH_TARGET} (the first is small), so progress is
 * printed regularly and a time budget is kept to within one batch start. Stops at the first batch that reports a
 * violation or an error.
 */
final class SimulationCampaign {
    static final Duration BATCH_TARGET = Duration.ofSeconds(20);
    private static final int FIRST_BATCH = 50;

    /**
     * What a campaign did.
     *
     * @param traces       behaviours explored in batches that ended without a violation
     * @param wall         the campaign's wall time (every batch, JVM start and parsing included)
     * @param violation    the report of the batch that found a violation or failed, when one did
     * @param foundAfter   the campaign time at the end of that batch
     * @param foundInBatch that batch: "batch k: TLC -seed S, num=N"
     */
    record Outcome(long traces, Duration wall, Optional<TlcReport> violation, Duration foundAfter,
            String foundInBatch) {
        double tracesPerSecond() {
            return wall.toMillis() == 0 ? 0 : traces * 1000.0 / wall.toMillis();
        }
    }

    private final SimulationBatch batch;
    private final PrintWriter out;

    SimulationCampaign(SimulationBatch batch, PrintWriter out) {
        this.batch = batch;
        this.out = out;
    }

    Outcome run(String label, Path cfg, SimulationBudget budget, Path outDir) throws IOException {
        long start = System.nanoTime();
        long traces = 0;
        int size = (int) Math.min(FIRST_BATCH, budget.traces().orElse(FIRST_BATCH));
        for (int k = 1; ; k++) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            Duration left = budget.time().map(t -> t.minus(elapsed)).orElse(Duration.ofDays(1));
            long seed = budget.randomSeed() + k - 1;
            SimulationBatch.Result r = batch.run(cfg, size, budget.depth(), seed, outDir.resolve(label + "-batch" + k
                    + ".out"), left);
            Duration now = Duration.ofNanos(System.nanoTime() - start);
            String where = String.format("batch %d: TLC -seed %d, num=%d", k, seed, size);
            if (!r.finished()) {
                out.printf("  [%s] %s: stopped at the time limit (its behaviours are not counted)%n", label, where);
                out.flush();
                return new Outcome(traces, now, Optional.empty(), now, "");
            }
            if (r.report().exitStatus() != 0) {
                return new Outcome(traces, now, Optional.of(r.report()), now, where);
            }
            traces += r.traces();
            double rate = r.traces() * 1000.0 / Math.max(1, r.wall().toMillis());
            out.printf("  [%s] %s elapsed: %s: %,d traces in %s; %,d traces so far, %.0f traces/s%n", label,
                    Durations.clock(now), where, r.traces(), Durations.seconds(r.wall()), traces,
                    traces * 1000.0 / Math.max(1, now.toMillis()));
            out.flush();
            long wanted = (long) Math.max(FIRST_BATCH, rate * BATCH_TARGET.toSeconds());
            if (budget.traces().isPresent()) {
                long remaining = budget.traces().getAsLong() - traces;
                if (remaining <= 0) {
                    return new Outcome(traces, now, Optional.empty(), now, "");
                }
                wanted = Math.min(wanted, remaining);
            }
            if (budget.time().isPresent()) {
                Duration remaining = budget.time().get().minus(now);
                // a batch costs a JVM start and TLC's parse (about 2-4 s) before it explores anything
                if (remaining.toMillis() < 3000) {
                    return new Outcome(traces, now, Optional.empty(), now, "");
                }
                wanted = Math.max(1, Math.min(wanted, (long) (rate * (remaining.toMillis() - 2000) / 1000.0)));
            }
            size = (int) Math.min(Integer.MAX_VALUE, wanted);
        }
    }
}
