package org.hfmailbox.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.hfmailbox.harness.FreeRunner;
import org.hfmailbox.harness.WindowStats;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.refinement.tlc.SpecLoadException;
import org.hfmailbox.refinement.trace.Trace;
import org.hfmailbox.refinement.trace.TraceFormatException;
import org.hfmailbox.refinement.trace.TraceReader;
import org.hfmailbox.refinement.validate.Validator;
import org.hfmailbox.refinement.validate.Verdict;

/**
 * The register-save windows free-running hit, per semantics ({@link WindowStats}), and the check that every trace
 * that hit one is rejected by the spec once its header says {@code corrected}.
 */
final class WindowReport {
    private final WindowStats corrected;
    private final WindowStats other;
    private final List<FreeRunner.Outcome> hitting;

    private WindowReport(WindowStats corrected, WindowStats other, List<FreeRunner.Outcome> hitting) {
        this.corrected = corrected;
        this.other = other;
        this.hitting = List.copyOf(hitting);
    }

    static WindowReport of(List<FreeRunner.Outcome> outcomes) {
        WindowStats c = WindowStats.none();
        WindowStats o = WindowStats.none();
        List<FreeRunner.Outcome> hitting = new ArrayList<>();
        for (FreeRunner.Outcome out : outcomes) {
            if (out.traceLines().isEmpty()) {
                continue;
            }
            WindowStats w = WindowStats.of(out.traceLines());
            if (out.name().startsWith("free-corrected-")) {
                c = c.plus(w);
            } else {
                o = o.plus(w);
                if (w.windowsHit() > 0) {
                    hitting.add(out);
                }
            }
        }
        return new WindowReport(c, o, hitting);
    }

    void print(PrintWriter out) {
        if (other.traces() > 0) {
            out.println("replay --free-running: windows, other semantics: " + other.describe());
        }
        if (corrected.traces() > 0) {
            out.println("replay --free-running: windows, corrected: " + corrected.describe());
        }
    }

    /** Validates each window-hitting trace relabelled corrected; prints and returns how many were accepted. */
    int checkCorrectedRejects(Validator v, PrintWriter out) throws SpecLoadException, TraceFormatException {
        if (hitting.isEmpty()) {
            return corrected.windowsHit() > 0 ? 1 : 0;
        }
        List<Trace> relabelled = new ArrayList<>();
        for (FreeRunner.Outcome o : hitting) {
            relabelled.add(new TraceReader().parse(o.name() + " (as corrected)",
                    WindowStats.relabel(o.traceLines(), Semantics.corrected().names())));
        }
        int accepted = 0;
        for (Verdict verdict : v.validateAll(relabelled)) {
            if (verdict.accepted()) {
                accepted++;
                out.println(verdict.source() + ": hits a window yet the corrected spec accepts it");
            }
        }
        out.printf("replay --free-running: %d traces that hit a window, relabelled corrected: %d rejected by the "
                + "spec, %d accepted%n", relabelled.size(), relabelled.size() - accepted, accepted);
        return accepted + (corrected.windowsHit() > 0 ? 1 : 0);
    }
}
