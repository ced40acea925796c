package org.hfmailbox.refinement.model;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * Minimum-cost maximum flow on a directed graph with integer capacities and non-negative integer costs (the
 * primal-dual method): Dijkstra with node potentials finds the shortest augmenting distance, then a blocking flow
 * (Dinic's levels and current-arc pointers) saturates every augmenting path of that reduced cost zero at once;
 * repeated until the sink is unreachable. Used by {@link EdgeCover} to choose the repeated steps of a covering.
 * Mutable; one use.
 */
final class MinCostFlow {
    /** A capacity that never limits. */
    static final int UNBOUNDED = Integer.MAX_VALUE / 4;

    private final int n;
    private int[] head;
    private int[] next;
    private int[] to;
    private int[] cap;
    private int[] cost;
    private int arcs;

    MinCostFlow(int nodes) {
        this.n = nodes;
        this.head = new int[nodes];
        Arrays.fill(head, -1);
        int initial = 16;
        next = new int[initial];
        to = new int[initial];
        cap = new int[initial];
        cost = new int[initial];
    }

    /** Adds an arc and its residual reverse; returns the arc's index (the reverse is index + 1). */
    int addArc(int u, int v, int capacity, int unitCost) {
        if (unitCost < 0) {
            throw new IllegalArgumentException("negative cost");
        }
        ensure(arcs + 2);
        int a = arcs;
        put(a, u, v, capacity, unitCost);
        put(a + 1, v, u, 0, -unitCost);
        arcs += 2;
        return a;
    }

    /** The flow on arc {@code a} (an index {@link #addArc} returned). */
    int flow(int a) {
        return cap[a + 1];
    }

    /** Sends as much flow as possible from {@code s} to {@code t} at the least cost; returns {flow, cost}. */
    long[] run(int s, int t) {
        long[] pot = new long[n];
        long totalFlow = 0;
        long totalCost = 0;
        long[] dist = new long[n];
        while (true) {
            if (!dijkstra(s, pot, dist) || dist[t] == Long.MAX_VALUE) {
                break;
            }
            long dt = dist[t];
            for (int v = 0; v < n; v++) {
                pot[v] += Math.min(dist[v], dt);
            }
            long pushed = blockingFlows(s, t, pot);
            if (pushed == 0) {
                break;
            }
            totalFlow += pushed;
            totalCost += pushed * (pot[t] - pot[s]);
        }
        return new long[] {totalFlow, totalCost};
    }

    private boolean dijkstra(int s, long[] pot, long[] dist) {
        Arrays.fill(dist, Long.MAX_VALUE);
        dist[s] = 0;
        PriorityQueue<long[]> queue = new PriorityQueue<>((x, y) -> Long.compare(x[0], y[0]));
        queue.add(new long[] {0, s});
        while (!queue.isEmpty()) {
            long[] top = queue.poll();
            int u = (int) top[1];
            if (top[0] > dist[u]) {
                continue;
            }
            for (int a = head[u]; a >= 0; a = next[a]) {
                if (cap[a] <= 0) {
                    continue;
                }
                int v = to[a];
                long d = dist[u] + cost[a] + pot[u] - pot[v];
                if (d < dist[v]) {
                    dist[v] = d;
                    queue.add(new long[] {d, v});
                }
            }
        }
        return true;
    }

    /** Dinic on the arcs of reduced cost zero: every shortest augmenting path in one phase. */
    private long blockingFlows(int s, int t, long[] pot) {
        long pushed = 0;
        int[] level = new int[n];
        int[] it = new int[n];
        int[] path = new int[n];
        while (levels(s, t, pot, level)) {
            System.arraycopy(head, 0, it, 0, n);
            for (long f = push(s, t, pot, level, it, path); f > 0; f = push(s, t, pot, level, it, path)) {
                pushed += f;
            }
        }
        return pushed;
    }

    private boolean admissible(int a, long[] pot) {
        return cap[a] > 0 && cost[a] + pot[from(a)] - pot[to[a]] == 0;
    }

    private int from(int a) {
        return to[a ^ 1];
    }

    private boolean levels(int s, int t, long[] pot, int[] level) {
        Arrays.fill(level, -1);
        level[s] = 0;
        ArrayDeque<Integer> q = new ArrayDeque<>();
        q.add(s);
        while (!q.isEmpty()) {
            int u = q.poll();
            for (int a = head[u]; a >= 0; a = next[a]) {
                if (admissible(a, pot) && level[to[a]] < 0) {
                    level[to[a]] = level[u] + 1;
                    q.add(to[a]);
                }
            }
        }
        return level[t] >= 0;
    }

    /** One augmenting path along increasing levels (iterative DFS with current-arc pointers). */
    private int push(int s, int t, long[] pot, int[] level, int[] it, int[] pathArcs) {
        int depth = 0;
        int u = s;
        while (true) {
            if (u == t) {
                int f = UNBOUNDED;
                for (int i = 0; i < depth; i++) {
                    f = Math.min(f, cap[pathArcs[i]]);
                }
                for (int i = 0; i < depth; i++) {
                    cap[pathArcs[i]] -= f;
                    cap[pathArcs[i] ^ 1] += f;
                }
                return f;
            }
            int a = it[u];
            while (a >= 0 && !(admissible(a, pot) && level[to[a]] == level[u] + 1)) {
                a = next[a];
            }
            it[u] = a;
            if (a >= 0) {
                pathArcs[depth++] = a;
                u = to[a];
            } else {
                if (depth == 0) {
                    return 0;
                }
                level[u] = -1; // dead end: never enter u again in this phase
                depth--;
                u = from(pathArcs[depth]);
                it[u] = next[it[u]];
            }
        }
    }

    private void put(int a, int u, int v, int capacity, int unitCost) {
        to[a] = v;
        cap[a] = capacity;
        cost[a] = unitCost;
        next[a] = head[u];
        head[u] = a;
    }

    private void ensure(int size) {
        if (size <= to.length) {
            return;
        }
        int len = Math.max(size, to.length * 2);
        next = Arrays.copyOf(next, len);
        to = Arrays.copyOf(to, len);
        cap = Arrays.copyOf(cap, len);
        cost = Arrays.copyOf(cost, len);
    }
}
