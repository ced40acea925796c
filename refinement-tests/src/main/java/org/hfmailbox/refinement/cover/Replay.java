package org.hfmailbox.refinement.cover;

import java.util.List;

/**
 * The EL2 level of a covering run: replays a batch of reference traces and says, per trace, how many of its steps
 * agreed with the reference, and gives the harness's own trace of the run in the observable-only form (written from
 * its records alone; empty when it has none), which the run validates through the frontier. Supplied by the caller
 * (the CLI wires the aarch64 harness), so that this module does not depend on it.
 */
@FunctionalInterface
public interface Replay {
    /** One replayed trace: the agreement with the reference, and EL2's own observable-only trace (NDJSON lines). */
    record Result(LevelOutcome agreement, List<String> observable) {
        public Result {
            observable = List.copyOf(observable);
        }
    }

    List<Result> replay(List<WalkTrace> traces) throws Exception;
}
