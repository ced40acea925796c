package org.hfmailbox.refinement.cover;

import org.hfmailbox.refinement.model.StateGraph;

import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which distinct edges of the state graph each level took, and, for an edge a level did not take, why (the first
 * walk that planned it and stopped before it at that level). Fed walk by walk; single-threaded.
 */
final class EdgeLedger {
    /** A required edge a level did not take, and why. */
    record Missing(StateGraph.Edge edge, CoverLevel level, String reason) {
    }

    private final Map<StateGraph.Edge, Integer> index = new HashMap<>();
    private final List<StateGraph.Edge> edges;
    private final BitSet required = new BitSet();
    private final Map<CoverLevel, BitSet> taken = new EnumMap<>(CoverLevel.class);
    private final Map<CoverLevel, Long> steps = new EnumMap<>(CoverLevel.class);
    private final Map<CoverLevel, Map<Integer, String>> why = new EnumMap<>(CoverLevel.class);

    EdgeLedger(List<StateGraph.Edge> all, List<StateGraph.Edge> requiredEdges) {
        this.edges = List.copyOf(all);
        for (int i = 0; i < edges.size(); i++) {
            index.put(edges.get(i), i);
        }
        for (StateGraph.Edge e : requiredEdges) {
            required.set(index.get(e));
        }
        for (CoverLevel l : CoverLevel.values()) {
            taken.put(l, new BitSet());
            steps.put(l, 0L);
            why.put(l, new HashMap<>());
        }
    }

    /** A walk got {@code outcome.steps()} of its planned edges at {@code level}; the rest are marked with why not. */
    void record(String walk, List<StateGraph.Edge> planned, CoverLevel level, LevelOutcome outcome) {
        BitSet t = taken.get(level);
        int k = Math.min(outcome.steps(), planned.size());
        for (int i = 0; i < k; i++) {
            t.set(index.get(planned.get(i)));
        }
        steps.merge(level, (long) k, Long::sum);
        if (k < planned.size()) {
            String reason = walk + " stopped before its step " + (k + 1) + " at this level: "
                    + (outcome.reason() == null ? "(no reason given)" : outcome.reason());
            Map<Integer, String> w = why.get(level);
            for (int i = k; i < planned.size(); i++) {
                w.putIfAbsent(index.get(planned.get(i)), reason);
            }
        }
    }

    int edges() {
        return edges.size();
    }

    int required() {
        return required.cardinality();
    }

    /** Distinct edges the level took (required or not). */
    int taken(CoverLevel level) {
        return taken.get(level).cardinality();
    }

    /** Required edges the level took. */
    int requiredTaken(CoverLevel level) {
        BitSet b = (BitSet) taken.get(level).clone();
        b.and(required);
        return b.cardinality();
    }

    long steps(CoverLevel level) {
        return steps.get(level);
    }

    /** The required edges the level did not take, each with the reason. */
    List<Missing> missing(CoverLevel level) {
        BitSet m = (BitSet) required.clone();
        m.andNot(taken.get(level));
        List<Missing> out = new java.util.ArrayList<>(m.cardinality());
        for (int i = m.nextSetBit(0); i >= 0; i = m.nextSetBit(i + 1)) {
            out.add(new Missing(edges.get(i), level, why.get(level).getOrDefault(i, "no walk planned it")));
        }
        return out;
    }
}
