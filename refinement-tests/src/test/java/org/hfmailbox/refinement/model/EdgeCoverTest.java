package org.hfmailbox.refinement.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The covering planner on graphs built in memory: every required edge taken, walks well formed, few steps. */
class EdgeCoverTest {
    private static StateGraph.Edge e(long from, long to, String action) {
        return new StateGraph.Edge(from, to, action);
    }

    /** Every walk starts at the root, follows graph edges head to tail, and every required edge is taken. */
    private static void assertCovers(StateGraph g, long root, List<StateGraph.Edge> required, EdgeCover.Plan p) {
        Set<StateGraph.Edge> all = new HashSet<>(g.edges());
        Set<StateGraph.Edge> taken = new HashSet<>();
        long steps = 0;
        for (EdgeCover.Walk w : p.walks()) {
            assertTrue(!w.edges().isEmpty());
            long at = root;
            for (StateGraph.Edge x : w.edges()) {
                assertEquals(at, x.from(), "walk not contiguous: " + w);
                assertTrue(all.contains(x), "not an edge of the graph: " + x);
                taken.add(x);
                at = x.to();
            }
            steps += w.edges().size();
        }
        assertTrue(taken.containsAll(required), "required edges not taken");
        assertEquals(steps, p.steps());
        assertEquals(required.size() + p.repeatedSteps(), p.steps());
    }

    @Test
    void aLineWithSelfLoopsNeedsNoRepeatedStep() {
        List<StateGraph.Edge> edges = List.of(e(1, 2, "a"), e(2, 3, "b"), e(2, 2, "x"), e(3, 3, "y"), e(1, 1, "z"));
        StateGraph g = StateGraph.of(Set.of(1L), edges);
        EdgeCover.Plan p = new EdgeCover(g).plan(1, g.edges(), 0);
        assertCovers(g, 1, g.edges(), p);
        assertEquals(0, p.repeatedSteps());
        assertEquals(1, p.walks().size());
    }

    @Test
    void aBranchIsReachedAgainByTheCheapestWay() {
        // 1 -> 2 -> 3 and 2 -> 4: one of the branches needs 1 -> 2 again (a new walk from 1), one repeated step
        List<StateGraph.Edge> edges = List.of(e(1, 2, "a"), e(2, 3, "b"), e(2, 4, "c"));
        StateGraph g = StateGraph.of(Set.of(1L), edges);
        EdgeCover.Plan p = new EdgeCover(g).plan(1, g.edges(), 0);
        assertCovers(g, 1, g.edges(), p);
        assertEquals(1, p.repeatedSteps());
        assertEquals(2, p.walks().size());
    }

    @Test
    void aDeadEndIsLeftByTheShortestRepeatedPath() {
        // a cycle 1 -> 2 -> 3 -> 1 plus 3 -> 4 -> 3 and 2 -> 5 (a leaf): leaving 3 twice needs 3 entered twice
        List<StateGraph.Edge> edges = List.of(e(1, 2, "a"), e(2, 3, "b"), e(3, 1, "c"), e(3, 4, "d"), e(4, 3, "e"),
                e(2, 5, "f"));
        StateGraph g = StateGraph.of(Set.of(1L), edges);
        EdgeCover.Plan p = new EdgeCover(g).plan(1, g.edges(), 0);
        assertCovers(g, 1, g.edges(), p);
        // node 2 is left twice (b, f) but entered once: one more arrival, from 1 (new walk) or via c: 1 step
        assertEquals(1, p.repeatedSteps());
    }

    @Test
    void aRequiredCycleNoWalkReachesIsLedInto() {
        // only the cycle 3 -> 4 -> 3 is required; it is balanced, so the flow adds nothing: the path 1 -> 2 -> 3 is
        List<StateGraph.Edge> edges = List.of(e(1, 2, "a"), e(2, 3, "b"), e(3, 4, "c"), e(4, 3, "d"));
        StateGraph g = StateGraph.of(Set.of(1L), edges);
        List<StateGraph.Edge> required = List.of(e(3, 4, "c"), e(4, 3, "d"));
        EdgeCover.Plan p = new EdgeCover(g).plan(1, required, 0);
        assertCovers(g, 1, required, p);
        assertEquals(2, p.reachSteps());
        assertEquals(4, p.steps());
    }

    @Test
    void longWalksAreCutAndTheRestLedInFromTheRoot() {
        List<StateGraph.Edge> edges = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            edges.add(e(i, i + 1, "s"));
            edges.add(e(i, i, "loop"));
        }
        StateGraph g = StateGraph.of(Set.of(1L), edges);
        EdgeCover.Plan p = new EdgeCover(g).plan(1, g.edges(), 10);
        assertCovers(g, 1, g.edges(), p);
        assertTrue(p.walks().stream().allMatch(w -> w.edges().size() <= 10 || w.edges().stream()
                .skip(w.edges().size() - 1).count() == 1), "a walk too long");
        assertTrue(p.cutSteps() > 0);
        assertEquals(p.cutSteps(), p.repeatedSteps());
    }

    @Test
    void randomGraphsAreCoveredWithTheFlowOptimum() {
        Random r = new Random(11);
        for (int round = 0; round < 30; round++) {
            int n = 3 + r.nextInt(40);
            List<StateGraph.Edge> edges = new ArrayList<>();
            for (int v = 2; v <= n; v++) {
                edges.add(e(1 + r.nextInt(v - 1), v, "t")); // a tree from 1: everything reachable
            }
            int extra = r.nextInt(3 * n);
            for (int k = 0; k < extra; k++) {
                edges.add(e(1 + r.nextInt(n), 1 + r.nextInt(n), "x" + r.nextInt(3)));
            }
            StateGraph g = StateGraph.of(Set.of(1L), edges);
            EdgeCover.Plan p = new EdgeCover(g).plan(1, g.edges(), 0);
            assertCovers(g, 1, g.edges(), p);
            assertEquals(0, p.reachSteps(), "with every edge required, every node is reached");
            assertEquals(p.flowSteps(), p.repeatedSteps());
            // lower bound: every node left more often than entered needs that many more arrivals, each at least
            // one step unless it is the root
            int[] balance = new int[n + 1];
            for (StateGraph.Edge x : g.edges()) {
                if (x.from() != x.to()) {
                    balance[(int) x.from()]++;
                    balance[(int) x.to()]--;
                }
            }
            long bound = 0;
            for (int v = 2; v <= n; v++) {
                bound += Math.max(0, balance[v]);
            }
            assertTrue(p.repeatedSteps() >= bound, "below the lower bound");
        }
    }
}
