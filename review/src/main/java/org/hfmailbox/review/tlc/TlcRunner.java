package org.hfmailbox.review.tlc;

import java.io.IOException;
import java.time.Duration;

/** Runs one TLC model-checking run and reads its report. */
public interface TlcRunner {

    /** The result of one run: its report, and the wall-clock time of the model checking itself. */
    record Result(TlcReport report, Duration wallTime) {
    }

    /** Runs TLC; throws IOException only when the output folders cannot be written or the run cannot start. */
    Result run(TlcRequest request) throws IOException;
}
