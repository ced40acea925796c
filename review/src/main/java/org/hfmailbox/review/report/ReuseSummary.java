package org.hfmailbox.review.report;

import java.util.ArrayList;
import java.util.List;
import org.hfmailbox.review.check.ConfigurationOutcome;
import org.hfmailbox.review.check.RunOutcome;

/** One line saying which TLC runs of a report were reused from earlier runs and which were run for it. */
public final class ReuseSummary {
    private ReuseSummary() {
    }

    public static String of(ReportBuilder.Report report) {
        List<String> reused = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        for (ConfigurationOutcome o : report.outcomes().values()) {
            for (RunOutcome r : o.runs()) {
                String name = o.configuration().name() + (r.plan().name().equals(o.configuration().name()) ? ""
                        : "/" + r.plan().name());
                (r.reused() ? reused : ran).add(name);
            }
        }
        if (!report.machines().isEmpty()) {
            (report.graphReused() ? reused : ran).add("state graph");
        }
        int total = reused.size() + ran.size();
        return String.format("reused %d of %d TLC runs (spec files, cfg and jar unchanged)%s; ran %d%s", reused.size(),
                total, reused.isEmpty() ? "" : ": " + String.join(", ", reused), ran.size(),
                ran.isEmpty() ? "" : ": " + String.join(", ", ran));
    }
}
