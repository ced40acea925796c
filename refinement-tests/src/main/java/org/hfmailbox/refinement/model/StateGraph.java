package org.hfmailbox.refinement.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state graph TLC writes with {@code -dump dot,actionlabels}: node ids are TLC fingerprints (of the VIEW), each
 * node's label is its state as TLC prints it, initial states are the nodes drawn filled, and every edge carries the name of the Next disjunct (the action) that
 * takes it. Edges are kept once per (from, to, action); the same edge taken with other CPUs or arguments is one edge.
 */
public final class StateGraph {
    /** An edge of the graph. */
    public record Edge(long from, long to, String action) {
    }

    private static final Pattern EDGE = Pattern.compile("^(-?\\d+) -> (-?\\d+) \\[label=\"([a-z_]+)\"");
    private static final Pattern NODE = Pattern.compile("^(-?\\d+) \\[label=\"(.*)\"(,style = filled)?\\]\\s*;?\\s*$");

    private final Set<Long> initial;
    private final Map<Long, String> labels;
    private final Map<Long, List<Edge>> out;
    private final int edgeCount;
    private final long[] nodes;

    private StateGraph(Set<Long> initial, Map<Long, String> labels, Map<Long, List<Edge>> out, int edgeCount,
                       Set<Long> nodes) {
        this.initial = initial;
        this.labels = labels;
        this.out = out;
        this.edgeCount = edgeCount;
        this.nodes = nodes.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** A graph given by its edges (no labels): for tests and for graphs built in memory. */
    public static StateGraph of(Set<Long> initial, List<Edge> edges) {
        Map<Long, List<Edge>> out = new HashMap<>();
        Set<Edge> seen = new java.util.HashSet<>();
        Set<Long> nodes = new java.util.HashSet<>(initial);
        for (Edge e : edges) {
            nodes.add(e.from());
            nodes.add(e.to());
            if (seen.add(e)) {
                out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
            }
        }
        return new StateGraph(new LinkedHashSet<>(initial), Map.of(), out, seen.size(), nodes);
    }

    public static StateGraph read(Path dot) throws IOException {
        Set<Long> initial = new LinkedHashSet<>();
        Map<Long, String> labels = new HashMap<>();
        Map<Long, List<Edge>> out = new HashMap<>();
        Set<Edge> seen = new java.util.HashSet<>();
        Set<Long> nodes = new java.util.HashSet<>();
        try (BufferedReader r = Files.newBufferedReader(dot, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                Matcher e = EDGE.matcher(line);
                if (e.find()) {
                    Edge edge = new Edge(Long.parseLong(e.group(1)), Long.parseLong(e.group(2)), e.group(3));
                    nodes.add(edge.from());
                    nodes.add(edge.to());
                    if (seen.add(edge)) {
                        out.computeIfAbsent(edge.from(), k -> new ArrayList<>()).add(edge);
                    }
                    continue;
                }
                Matcher i = NODE.matcher(line);
                if (i.find()) {
                    long id = Long.parseLong(i.group(1));
                    labels.put(id, i.group(2));
                    nodes.add(id);
                    if (i.group(3) != null) {
                        initial.add(id);
                    }
                }
            }
        }
        return new StateGraph(initial, labels, out, seen.size(), nodes);
    }

    /** The state of a node as TLC printed it (unescaped), or null. */
    public String state(long node) {
        String l = labels.get(node);
        return l == null ? null : org.hfmailbox.refinement.value.DotLabel.unescape(l);
    }

    public Set<Long> initial() {
        return initial;
    }

    public List<Edge> out(long node) {
        return out.getOrDefault(node, List.of());
    }

    public int edgeCount() {
        return edgeCount;
    }

    public int nodeCount() {
        return nodes.length;
    }

    /** Every node id, ascending. */
    public long[] nodes() {
        return nodes.clone();
    }

    /** Every distinct edge, by ascending source node, then in the dump's order. */
    public List<Edge> edges() {
        List<Edge> all = new ArrayList<>(edgeCount);
        for (long n : nodes) {
            all.addAll(out(n));
        }
        return all;
    }

    /** Every action that labels some edge. */
    public Set<String> actions() {
        Set<String> a = new java.util.TreeSet<>();
        out.values().forEach(l -> l.forEach(e -> a.add(e.action())));
        return a;
    }
}
