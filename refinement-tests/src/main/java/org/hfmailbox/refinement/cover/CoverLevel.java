package org.hfmailbox.refinement.cover;

/**
 * The levels a covering walk goes through, in order; a step counts at a level when the walk got that far there
 * (docs/refinement.md, "Every edge: ./mailbox cover").
 */
public enum CoverLevel {
    /** TLC found the concrete step (CPU, arguments) that takes the edge. */
    CONCRETISED("concretised"),
    /** The reference took exactly the planned CPU, action and arguments. */
    REFERENCE("reference"),
    /** TLC accepted the reference's full-state trace up to that step. */
    VALIDATOR("validator"),
    /** TLC accepted the observable-only form of that trace up to that step (the frontier). */
    VALIDATOR_OBSERVABLE("validator_observable"),
    /** The EL2 harness replayed the trace up to that step and agreed with the reference. */
    EL2("el2"),
    /** TLC accepted EL2's own observable-only trace of the walk (from its records alone) up to that step. */
    EL2_OBSERVABLE("el2_observable");

    private final String jsonName;

    CoverLevel(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }
}
