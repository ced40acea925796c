package org.hfmailbox.refinement.cover;

import org.hfmailbox.refinement.model.EdgeCover;
import org.hfmailbox.refinement.trace.SpecConstants;

import java.util.List;
import java.util.Map;

/**
 * The figures of one covering run, as written to {@code index.json}: the graph (and whether it was reused from an
 * earlier dump of the same spec and configuration), the plan, how far every level got, the wall time per stage and
 * the machine's load.
 */
public record CoverFigures(String config, SpecConstants constants, double sharePercent, long randomSeed,
                           int graphStates, int graphEdges, List<String> graphActions, boolean graphReused,
                           EdgeCover.Plan plan,
                           int maxWalkSteps, int longestWalk, List<CoverLevel> levels,
                           Map<CoverLevel, Integer> requiredTaken, Map<CoverLevel, Integer> edgesTaken,
                           Map<CoverLevel, Long> stepsTaken, int frontierMax, Map<String, Double> stageSeconds,
                           double wallSeconds, String loadBefore, String loadAfter) {

    /** Whether every level run took every required edge. */
    public boolean complete() {
        return levels.stream().allMatch(l -> requiredTaken.get(l) == plan.required());
    }

    /** The share of the required edges a level took, in percent. */
    public double percent(CoverLevel level) {
        return plan.required() == 0 ? 100 : 100.0 * requiredTaken.get(level) / plan.required();
    }
}
