package org.hfmailbox.review.check;

import java.time.Duration;
import java.util.List;
import org.hfmailbox.review.tlc.TlcReport;

/** One finished TLC run: its plan, TLC's report, its time, and any problem beyond the verdicts. */
public record RunOutcome(PlannedRun plan, TlcReport report, Duration wallTime, List<PropertyVerdict> verdicts,
        List<String> problems) {
    public RunOutcome {
        verdicts = List.copyOf(verdicts);
        problems = List.copyOf(problems);
    }
}
