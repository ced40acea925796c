package org.hfmailbox.review.diff;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hfmailbox.review.tlc.TraceState;

/**
 * One direction of diff-spec's scenario cross-check: the walks derived from one revision's state graph, each
 * validated as a trace against the other revision's spec.
 *
 * @param walksOf       the revision whose walks they are (OLD, NEW)
 * @param checkedBy     the revision whose spec validated them
 * @param graph         the walks' figures (graph size, edges and actions taken), empty when they could not be derived
 * @param walks         walks validated
 * @param steps         steps in those walks
 * @param walksAccepted walks the other revision accepts entirely
 * @param stepsAccepted steps the other revision accepted (every step of an accepted walk, the steps before the
 *                      rejected one of a rejected walk)
 * @param first         the rejection at the earliest step over all walks
 * @param undecided     why the direction could not be decided (then the counts are 0)
 * @param time          validating (the derivation's time is in {@code graph})
 */
public record WalkCheck(String walksOf, String checkedBy, Optional<DerivedWalks> graph, int walks, int steps,
        int walksAccepted, int stepsAccepted, Optional<FirstRejection> first, Optional<String> undecided,
        Duration time) {

    /** Whether every walk was accepted. */
    public boolean allAccepted() {
        return undecided.isEmpty() && first.isEmpty();
    }

    static WalkCheck undecided(String walksOf, String checkedBy, Optional<DerivedWalks> graph, String why,
            Duration time) {
        return new WalkCheck(walksOf, checkedBy, graph, 0, 0, 0, 0, Optional.empty(), Optional.of(why), time);
    }

    /**
     * The first step the other revision rejects.
     *
     * @param walk      the walk's name
     * @param traceFile the walk as a trace file (header with the other revision's constants)
     * @param step      the rejected step (the event's seq; 0 means the initial state)
     * @param call      the call it names, with CPU and arguments
     * @param action    the action
     * @param variables the variables (and step fields) whose values no successor the other revision allows has
     * @param detail    the validator's detail: successors allowed, the first variable's value in the walk and in the
     *                  other revision
     * @param prefix    the walk's states up to and including the state after the rejected step, numbered from 0
     *                  (initial); the last step is the first the other revision rejects
     */
    public record FirstRejection(String walk, String traceFile, long step, String call, String action,
            List<String> variables, String detail, List<TraceState> prefix) {
        public FirstRejection {
            variables = List.copyOf(variables);
            prefix = List.copyOf(prefix);
        }
    }
}
