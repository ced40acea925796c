package org.hfmailbox.refinement.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans walks from the initial state that take every required edge of a state graph at least once, with few steps
 * in all (a directed rural Chinese postman whose walks may stop anywhere and restart from the initial state):
 * <ol>
 *   <li>every required edge is taken once; a node that must be left more often than the required edges enter it
 *       gets the missing arrivals over repeated edges (<em>deadhead</em> steps) from a node entered more often than
 *       it is left, or from the initial state as a new walk: a minimum-cost flow ({@link MinCostFlow}, one unit of
 *       cost per step) chooses them, so their total is the least possible;</li>
 *   <li>a group of required edges no walk reaches yet (possible when only some edges are required) gets a shortest
 *       path from the initial state;</li>
 *   <li>every node then has at least as many arrivals as departures (the initial state aside): each surplus arrival
 *       ends a walk; one Euler circuit (Hierholzer) through the steps and these walk ends, cut at the walk ends,
 *       gives the walks;</li>
 *   <li>a walk longer than the cap is cut, and its rest starts with a shortest path from the initial state.</li>
 * </ol>
 * The result is deterministic for a given graph. Nothing here knows the spec: nodes are ids, edges carry action
 * names.
 */
public final class EdgeCover {
    /** One planned walk from the initial state: its edges in order. */
    public record Walk(List<StateGraph.Edge> edges) {
        public Walk {
            edges = List.copyOf(edges);
        }
    }

    /**
     * The walks and their figures: required edges, steps in all (each required edge once plus the repeated steps),
     * the repeated steps the flow chose (the least possible, given that walks restart for free), those added to
     * reach groups of required edges no walk reached, and those added by cutting long walks.
     */
    public record Plan(List<Walk> walks, int required, long steps, long flowSteps, long reachSteps, long cutSteps) {
        public Plan {
            walks = List.copyOf(walks);
        }

        public long repeatedSteps() {
            return steps - required;
        }
    }

    private static final int REQUIRED = 0;
    private static final int DEADHEAD = 1;
    private static final int RESET = 2;

    private final StateGraph graph;
    private final long[] ids;
    private final Map<Long, Integer> index = new HashMap<>();
    /** Distinct (from, to) pairs with from != to, as adjacency, with one action name each (for repeated steps). */
    private final int[][] pairTo;
    private final String[][] pairAction;

    public EdgeCover(StateGraph graph) {
        this.graph = graph;
        this.ids = graph.nodes();
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
        pairTo = new int[ids.length][];
        pairAction = new String[ids.length][];
        for (int u = 0; u < ids.length; u++) {
            Map<Integer, String> pairs = new java.util.TreeMap<>();
            for (StateGraph.Edge e : graph.out(ids[u])) {
                int v = index.get(e.to());
                if (v != u) {
                    pairs.merge(v, e.action(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
                }
            }
            pairTo[u] = pairs.keySet().stream().mapToInt(Integer::intValue).toArray();
            pairAction[u] = pairs.values().toArray(new String[0]);
        }
    }

    /**
     * Walks from {@code init} taking every edge of {@code required} (edges of the graph reachable from it);
     * {@code maxSteps} caps a walk's length (0: no cap).
     */
    public Plan plan(long init, List<StateGraph.Edge> required, int maxSteps) {
        int n = ids.length;
        int root = index.get(init);
        Multigraph mg = new Multigraph(n);
        int[] balance = new int[n];
        for (StateGraph.Edge e : required) {
            int u = index.get(e.from());
            int v = index.get(e.to());
            mg.add(u, v, e.action(), REQUIRED);
            if (u != v) {
                balance[u]++;
                balance[v]--;
            }
        }
        long flowSteps = addFlow(mg, balance, root);
        long reachSteps = connect(mg, root);
        mg.addResets(root);
        List<List<int[]>> circuitWalks = mg.eulerWalks(root);
        List<Walk> walks = new ArrayList<>();
        long cutSteps = 0;
        int[] parent = shortestPathTree(root);
        for (List<int[]> w : circuitWalks) {
            List<StateGraph.Edge> edges = new ArrayList<>(w.size());
            for (int[] arc : w) {
                edges.add(new StateGraph.Edge(ids[arc[0]], ids[arc[1]], mg.action(arc[2])));
            }
            cutSteps += cut(edges, maxSteps, root, parent, walks);
        }
        long steps = walks.stream().mapToLong(x -> x.edges().size()).sum();
        return new Plan(walks, required.size(), steps, flowSteps, reachSteps, cutSteps);
    }

    /** Cuts a walk into pieces of at most {@code maxSteps}, each after the first led in from the root. */
    private long cut(List<StateGraph.Edge> edges, int maxSteps, int root, int[] parent, List<Walk> out) {
        if (maxSteps <= 0 || edges.size() <= maxSteps) {
            if (!edges.isEmpty()) {
                out.add(new Walk(edges));
            }
            return 0;
        }
        long added = 0;
        int from = 0;
        List<StateGraph.Edge> prefix = List.of();
        while (from < edges.size()) {
            int room = Math.max(1, maxSteps - prefix.size());
            int to = Math.min(edges.size(), from + room);
            List<StateGraph.Edge> piece = new ArrayList<>(prefix);
            piece.addAll(edges.subList(from, to));
            out.add(new Walk(piece));
            added += prefix.size();
            from = to;
            if (from < edges.size()) {
                prefix = pathFromRoot(index.get(edges.get(from).from()), root, parent);
            }
        }
        return added;
    }

    /**
     * Repeated steps chosen by a minimum-cost flow: node v with balance b > 0 (more required departures than
     * arrivals) needs b more arrivals; they come from nodes with b < 0 or from the root (a new walk), one unit of
     * cost per step. Adds them to {@code mg}; returns their number.
     */
    private long addFlow(Multigraph mg, int[] balance, int root) {
        int n = ids.length;
        int s = n;
        int t = n + 1;
        MinCostFlow flow = new MinCostFlow(n + 2);
        int[][] arcOf = new int[n][];
        for (int u = 0; u < n; u++) {
            arcOf[u] = new int[pairTo[u].length];
            for (int j = 0; j < pairTo[u].length; j++) {
                arcOf[u][j] = flow.addArc(u, pairTo[u][j], MinCostFlow.UNBOUNDED, 1);
            }
        }
        flow.addArc(s, root, MinCostFlow.UNBOUNDED, 0);
        for (int v = 0; v < n; v++) {
            if (v == root) {
                continue;
            }
            if (balance[v] < 0) {
                flow.addArc(s, v, -balance[v], 0);
            } else if (balance[v] > 0) {
                flow.addArc(v, t, balance[v], 0);
            }
        }
        flow.run(s, t);
        long steps = 0;
        for (int u = 0; u < n; u++) {
            for (int j = 0; j < pairTo[u].length; j++) {
                int f = flow.flow(arcOf[u][j]);
                for (int k = 0; k < f; k++) {
                    mg.add(u, pairTo[u][j], pairAction[u][j], DEADHEAD);
                }
                steps += f;
            }
        }
        return steps;
    }

    /**
     * Leads a shortest path from the root to every group of steps no walk from the root reaches (such a group is
     * closed and balanced, so one way in suffices). Returns the steps added.
     */
    private long connect(Multigraph mg, int root) {
        long added = 0;
        boolean[] reached = new boolean[ids.length];
        mg.reach(List.of(root), reached);
        int[] parent = shortestPathTree(root);
        for (int v = 0; v < ids.length; v++) {
            if (!reached[v] && mg.hasArcs(v)) {
                List<StateGraph.Edge> path = pathFromRoot(v, root, parent);
                for (StateGraph.Edge e : path) {
                    mg.add(index.get(e.from()), index.get(e.to()), e.action(), DEADHEAD);
                }
                added += path.size();
                mg.reach(path.stream().map(e -> index.get(e.to())).toList(), reached);
            }
        }
        return added;
    }

    /** BFS tree from the root over the graph's edges: parent[v] = the pair index into v, or -1. */
    private int[] shortestPathTree(int root) {
        int n = ids.length;
        int[] parentNode = new int[n];
        int[] parentPair = new int[n];
        Arrays.fill(parentNode, -1);
        parentNode[root] = root;
        ArrayDeque<Integer> q = new ArrayDeque<>();
        q.add(root);
        while (!q.isEmpty()) {
            int u = q.poll();
            for (int j = 0; j < pairTo[u].length; j++) {
                int v = pairTo[u][j];
                if (parentNode[v] < 0) {
                    parentNode[v] = u;
                    parentPair[v] = j;
                    q.add(v);
                }
            }
        }
        int[] packed = new int[2 * n];
        for (int v = 0; v < n; v++) {
            packed[2 * v] = parentNode[v];
            packed[2 * v + 1] = parentPair[v];
        }
        return packed;
    }

    private List<StateGraph.Edge> pathFromRoot(int v, int root, int[] parent) {
        List<StateGraph.Edge> path = new ArrayList<>();
        for (int x = v; x != root; ) {
            int u = parent[2 * x];
            if (u < 0) {
                throw new IllegalArgumentException("node " + ids[v] + " is not reachable from the initial state");
            }
            int j = parent[2 * x + 1];
            path.add(new StateGraph.Edge(ids[u], ids[x], pairAction[u][j]));
            x = u;
        }
        java.util.Collections.reverse(path);
        return path;
    }

    /** The steps of the covering as a multigraph: arcs with a target, an action and a kind, per source node. */
    private static final class Multigraph {
        private final int n;
        private final List<int[]>[] out;
        private final List<String> actions = new ArrayList<>();
        private final Map<String, Integer> actionIds = new HashMap<>();
        private final int[] in;

        @SuppressWarnings("unchecked")
        Multigraph(int n) {
            this.n = n;
            this.out = new List[n];
            for (int i = 0; i < n; i++) {
                out[i] = new ArrayList<>(2);
            }
            this.in = new int[n];
        }

        void add(int u, int v, String action, int kind) {
            int a = actionIds.computeIfAbsent(action, x -> {
                actions.add(x);
                return actions.size() - 1;
            });
            out[u].add(new int[] {u, v, a, kind});
            in[v]++;
        }

        String action(int id) {
            return actions.get(id);
        }

        boolean hasArcs(int v) {
            return !out[v].isEmpty();
        }

        /** Marks in {@code seen} every node reachable from {@code starts} that is not marked yet. */
        void reach(List<Integer> starts, boolean[] seen) {
            ArrayDeque<Integer> q = new ArrayDeque<>();
            for (int s : starts) {
                if (!seen[s]) {
                    seen[s] = true;
                    q.add(s);
                }
            }
            while (!q.isEmpty()) {
                int u = q.poll();
                for (int[] arc : out[u]) {
                    if (!seen[arc[1]]) {
                        seen[arc[1]] = true;
                        q.add(arc[1]);
                    }
                }
            }
        }

        /** One walk end (an arc back to the root) per surplus arrival; afterwards every node is balanced. */
        void addResets(int root) {
            for (int v = 0; v < n; v++) {
                int surplus = in[v] - out[v].size();
                if (v != root && surplus < 0) {
                    throw new IllegalStateException("node " + v + " has " + (-surplus) + " departures too many");
                }
                for (int k = 0; k < surplus; k++) {
                    out[v].add(new int[] {v, root, -1, RESET});
                    in[root]++;
                }
            }
        }

        /**
         * An Euler circuit from the root (Hierholzer, iterative), cut at the walk ends: the walks, each a list of
         * arcs {from, to, action, kind}.
         */
        List<List<int[]>> eulerWalks(int root) {
            int[] next = new int[n];
            ArrayDeque<int[]> stack = new ArrayDeque<>();
            List<int[]> circuit = new ArrayList<>();
            stack.push(new int[] {root, -1, -1, -1});
            while (!stack.isEmpty()) {
                int[] top = stack.peek();
                int v = top[1] < 0 ? root : top[1];
                if (next[v] < out[v].size()) {
                    stack.push(out[v].get(next[v]++));
                } else {
                    stack.pop();
                    if (top[3] >= 0) {
                        circuit.add(top);
                    }
                }
            }
            java.util.Collections.reverse(circuit);
            List<List<int[]>> walks = new ArrayList<>();
            List<int[]> current = new ArrayList<>();
            for (int[] arc : circuit) {
                if (arc[3] == RESET) {
                    walks.add(current);
                    current = new ArrayList<>();
                } else {
                    current.add(arc);
                }
            }
            if (walks.isEmpty()) {
                walks.add(current);
            } else {
                // the circuit's tail after its last walk end returns to the root: it leads into the first walk
                current.addAll(walks.get(0));
                walks.set(0, current);
            }
            walks.removeIf(List::isEmpty);
            return walks;
        }
    }
}
