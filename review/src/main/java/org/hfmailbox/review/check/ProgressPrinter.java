package org.hfmailbox.review.check;

import java.io.PrintWriter;
import java.util.function.Consumer;
import org.hfmailbox.review.tlc.ProgressSample;

/** Prints one progress line per sample of one run: elapsed, distinct, generated, queue, rate. */
final class ProgressPrinter implements Consumer<ProgressSample> {
    private final PrintWriter out;
    private final String label;
    private ProgressSample previous;

    ProgressPrinter(PrintWriter out, String label) {
        this.out = out;
        this.label = label;
    }

    @Override
    public synchronized void accept(ProgressSample s) {
        double minutes;
        long gained;
        if (previous == null) {
            minutes = s.elapsed().toMillis() / 60000.0;
            gained = s.distinct();
        } else {
            minutes = (s.elapsed().toMillis() - previous.elapsed().toMillis()) / 60000.0;
            gained = s.distinct() - previous.distinct();
        }
        long rate = minutes > 0 ? Math.round(gained / minutes) : 0;
        previous = s;
        out.printf("  [%s] %s elapsed: %,d distinct, %s generated, queue %,d, %,d distinct/min%n", label,
                Durations.clock(s.elapsed()), s.distinct(),
                s.generated() < 0 ? "?" : String.format("%,d", s.generated()), s.queue(), rate);
        out.flush();
    }
}
