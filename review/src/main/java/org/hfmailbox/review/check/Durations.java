package org.hfmailbox.review.check;

import java.time.Duration;

/** How durations are printed. */
public final class Durations {
    private Durations() {
    }

    /** {@code 1:05} (minutes:seconds) or {@code 1:02:05}. */
    public static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    /** {@code 3.2 s}. */
    public static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
