package org.hfmailbox.review.tlc;

import java.io.IOException;
import java.time.Duration;

/** Runs one TLC model-checking run and reads its report. */
public interface TlcRunner {

    /**
     * The result of one run: its report, the wall-clock time of the model checking itself, and whether an earlier
     * run's result was reused instead of running TLC ({@link ReusingTlc}; the time is then the earlier run's).
     */
    record Result(TlcReport report, Duration wallTime, boolean reused) {
        public Result(TlcReport report, Duration wallTime) {
            this(report, wallTime, false);
        }
    }

    /** Runs TLC; throws IOException only when the output folders cannot be written or the run cannot start. */
    Result run(TlcRequest request) throws IOException;
}
