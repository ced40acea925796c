package org.hfmailbox.review.pictures;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A state machine projected from TLC's state graph: the values one place of the state takes (nodes) and, for each
 * pair of values, the actions whose steps change the place from the one to the other (edges).
 *
 * @param projection what was projected
 * @param nodes      the values, in order of discovery
 * @param initial    the values in initial states
 * @param edges      the transitions, each with its action names
 */
public record StateMachine(Projection projection, List<String> nodes, Set<String> initial, List<Edge> edges) {
    public StateMachine {
        nodes = List.copyOf(nodes);
        initial = Set.copyOf(initial);
        edges = List.copyOf(edges);
    }

    /** Steps of the actions {@code actions} change the place from {@code from} to {@code to}. */
    public record Edge(String from, String to, SortedSet<String> actions) {
        public Edge {
            actions = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(actions));
        }
    }

    /** Whether some step of {@code action} changes the place from {@code from} to {@code to}. */
    public boolean hasEdge(String from, String to, String action) {
        return edges.stream().anyMatch(e -> e.from().equals(from) && e.to().equals(to) && e.actions().contains(action));
    }

    /** Every action that changes the place somewhere. */
    public SortedSet<String> actions() {
        SortedSet<String> all = new TreeSet<>();
        edges.forEach(e -> all.addAll(e.actions()));
        return all;
    }
}
