package org.hfmailbox.review.tlc;

import java.time.Duration;

/** TLC's counters at one moment of a run. */
public record ProgressSample(Duration elapsed, long distinct, long generated, long queue) {
}
