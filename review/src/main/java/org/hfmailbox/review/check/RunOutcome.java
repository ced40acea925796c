package org.hfmailbox.review.check;

import java.time.Duration;
import java.util.List;
import org.hfmailbox.review.tlc.TlcReport;

/**
 * One finished TLC run: its plan, TLC's report, its time, any problem beyond the verdicts, and whether the result of
 * an earlier run with the same spec, cfg and jar was reused.
 */
public record RunOutcome(PlannedRun plan, TlcReport report, Duration wallTime, List<PropertyVerdict> verdicts,
        List<String> problems, boolean reused) {
    public RunOutcome {
        verdicts = List.copyOf(verdicts);
        problems = List.copyOf(problems);
    }
}
