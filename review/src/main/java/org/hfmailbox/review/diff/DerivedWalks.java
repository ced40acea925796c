package org.hfmailbox.review.diff;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hfmailbox.refinement.trace.SpecConstants;

/**
 * The model-derived walks of one spec revision, as immutable text taken while that revision's spec was loaded:
 * each walk's initial state and events in the trace's JSON forms, and each state as TLC prints it (for step tables).
 *
 * @param revision    which revision (OLD, NEW)
 * @param config      the configuration whose state graph the walks follow
 * @param constants   the constants TLC used to concretise them (the configuration's shape and corrections)
 * @param graphStates distinct states (VIEW classes) of the graph
 * @param graphEdges  distinct edges (from, to, action) of the graph
 * @param edgesTaken  distinct edges the walks take
 * @param actions     the actions the walks take
 * @param walks       the walks
 * @param time        how long TLC's dump and the concretisation took
 * @param reusedFrom  when the walks were derived earlier for a revision with identical files: that revision's name
 */
public record DerivedWalks(String revision, String config, SpecConstants constants, int graphStates, int graphEdges,
        int edgesTaken, List<String> actions, List<Walk> walks, Duration time, Optional<String> reusedFrom) {
    public DerivedWalks {
        actions = List.copyOf(actions);
        walks = List.copyOf(walks);
    }

    /**
     * One walk: a behaviour of the revision (every state is one TLC computed from the previous by the step's action).
     *
     * @param name     the walk's name ({@code walk-003})
     * @param scenario the scenario file the refinement module wrote for it (for the reference and the EL2 harness)
     * @param init     the initial state, every variable but {@code step}, as the JSON of a trace header's init
     * @param events   one trace event (JSON, without header) per step
     * @param states   every state as TLC prints it ({@code /\ var = value} lines), the initial state first
     */
    public record Walk(String name, String scenario, String init, List<String> events, List<String> states) {
        public Walk {
            events = List.copyOf(events);
            states = List.copyOf(states);
        }
    }

    /** Steps in all walks. */
    public int steps() {
        return walks.stream().mapToInt(w -> w.events().size()).sum();
    }
}
