package org.hfmailbox.review.pictures;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.hfmailbox.review.check.StepDescription;
import org.hfmailbox.review.manifest.Shape;
import org.hfmailbox.review.tlc.TraceState;
import org.hfmailbox.refinement.value.TlaValue;
import org.hfmailbox.refinement.value.ValueDiff;

/**
 * One counterexample TLC printed, with what is needed to draw it.
 *
 * @param id         a short identifier, usable in file names and HTML ids ({@code aa039b39-NoDoubleRunInv})
 * @param title      what was violated, in words
 * @param shape      the system shape (which lifelines exist)
 * @param trace      the states, initial first
 * @param loopBackTo for a liveness counterexample, the state the behaviour returns to
 * @param stuttering for a liveness counterexample, whether it ends by stuttering
 */
public record Counterexample(String id, String title, Shape shape, List<TraceState> trace, OptionalInt loopBackTo,
        Optional<String> loopAction, boolean stuttering) {
    public Counterexample {
        trace = List.copyOf(trace);
    }

    /** A counterexample without a loop, or one whose closing step TLC did not name. */
    public Counterexample(String id, String title, Shape shape, List<TraceState> trace, OptionalInt loopBackTo,
            boolean stuttering) {
        this(id, title, shape, trace, loopBackTo, Optional.empty(), stuttering);
    }

    /**
     * For a liveness counterexample, the places the step after the last state changes to get back to the state
     * the behaviour returns to (the ghost {@code step} excluded); empty without a loop.
     */
    public Optional<List<ValueDiff.Change>> closingChanges() {
        if (loopBackTo.isEmpty() || trace.isEmpty()) {
            return Optional.empty();
        }
        TraceState last = trace.get(trace.size() - 1);
        return trace.stream().filter(s -> s.number() == loopBackTo.getAsInt()).findFirst()
                .map(target -> changes(last, target));
    }

    /** One step of the behaviour: what it did and which places it changed. */
    public record Step(int number, StepDescription description, List<ValueDiff.Change> changes, TraceState after) {
        public Step {
            changes = List.copyOf(changes);
        }

        /** The actor's lifeline name: {@code 1/0} for a vCPU, {@code CPU 0} for the CPU. */
        public String actor() {
            return description.actor();
        }
    }

    /** The steps, in order (the initial state is not a step). */
    public List<Step> steps() {
        List<Step> out = new ArrayList<>();
        for (int i = 1; i < trace.size(); i++) {
            TraceState before = trace.get(i - 1);
            TraceState after = trace.get(i);
            out.add(new Step(after.number(), StepDescription.of(after), changes(before, after), after));
        }
        return out;
    }

    /** The places whose values differ between two states (the ghost {@code step} excluded). */
    public static List<ValueDiff.Change> changes(TraceState before, TraceState after) {
        return ValueDiff.changes(before.variables(), after.variables(), Set.of(StepDescription.STEP_VARIABLE));
    }
}
