package org.hfmailbox.refinement.cover;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The lines a covering run prints: a progress line per batch and the summary at the end. */
final class CoverPrinter {
    private final PrintStream out;

    CoverPrinter(PrintStream out) {
        this.out = out;
    }

    void progress(String config, int done, int walks, EdgeLedger ledger, List<CoverLevel> levels, long start) {
        StringBuilder b = new StringBuilder();
        for (CoverLevel l : levels) {
            b.append(b.length() == 0 ? "" : ", ").append(l.jsonName()).append(' ')
                    .append(String.format("%.1f%%", 100.0 * ledger.requiredTaken(l) / Math.max(1, ledger.required())));
        }
        out.printf("cover %s: %,d/%,d walks; required edges taken: %s; %.0f s%n", config, done, walks, b,
                (System.nanoTime() - start) / 1e9);
    }

    void summary(CoverFigures f, Map<CoverLevel, List<EdgeLedger.Missing>> missing, Path index) {
        out.printf("== cover %s ==%n", f.config());
        out.printf("  graph            %,d states, %,d distinct edges (from, to, action), %d actions%s%n",
                f.graphStates(), f.graphEdges(), f.graphActions().size(),
                f.graphReused() ? " (dumped before for the same spec and configuration)" : "");
        out.printf("  plan             %,d required edges (%s%%, random seed %d), %,d walks, %,d steps (%,d repeated)%n",
                f.plan().required(), trim(f.sharePercent()), f.randomSeed(), f.plan().walks().size(),
                f.plan().steps(), f.plan().repeatedSteps());
        for (CoverLevel l : f.levels()) {
            out.printf("  %-20s %,d of %,d required edges (%.2f%%), %,d steps%s%n", l.jsonName(),
                    f.requiredTaken().get(l), f.plan().required(), f.percent(l), f.stepsTaken().get(l),
                    l == CoverLevel.VALIDATOR_OBSERVABLE ? ", largest frontier " + f.frontierMax() : "");
            missing.get(l).stream().limit(3).forEach(m -> out.printf("    not taken: %d -> %d %s: %s%n",
                    m.edge().from(), m.edge().to(), m.edge().action(), m.reason()));
        }
        StringBuilder b = new StringBuilder();
        f.stageSeconds().forEach((s, v) -> b.append(b.length() == 0 ? "" : ", ").append(s)
                .append(String.format(" %.1f s", v)));
        out.printf("  wall time        %.1f s (%s); load average %s -> %s%n", f.wallSeconds(), b, f.loadBefore(),
                f.loadAfter());
        out.printf("  index            %s%n", index);
        out.println(f.complete() ? "  result: every required edge taken at every level"
                : "  result: SOME REQUIRED EDGE NOT TAKEN (listed in " + CoverIndex.NOT_TAKEN + ")");
    }

    static String trim(double percent) {
        return percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent);
    }
}
