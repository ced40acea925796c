package org.hfmailbox.reference;

import org.hfmailbox.reference.abi.Ret;

/**
 * What one step call did. {@link Outcome#RETURNED}: {@link #x0()} went back to the caller ({@link #ret()} is its
 * record). {@link Outcome#CONTINUES}: the step took effect and the CPU has a continuation pending (its
 * {@code cpu_op}); the caller's x0, if any, is delivered when it is next resumed. {@link Outcome#RESUMED}: a
 * CPU-level step loaded a vCPU ({@link #ret()} is the x0 it sees, for vcpu_switch). {@link Outcome#POWERED_OFF}:
 * PSCI CPU_OFF took the CPU down. The other outcomes mean nothing happened: no state change and no event.
 */
public record StepResult(Outcome outcome, Action action, Ret ret, long x0, String reason) {

    public enum Outcome {
        RETURNED, CONTINUES, RESUMED, POWERED_OFF,
        /** The step is not enabled now (a lock spin, a save-before-publish wait, or not this kind of step). */
        NOT_ENABLED,
        /** The CPU is powered off. */
        CPU_OFF,
        /** A call the model does not cover (PSCI SYSTEM_OFF / SYSTEM_RESET: the machine stops). */
        NOT_MODELLED
    }

    /** True when the step took effect (and emitted one trace event). */
    public boolean took() {
        return outcome == Outcome.RETURNED || outcome == Outcome.CONTINUES || outcome == Outcome.RESUMED
                || outcome == Outcome.POWERED_OFF;
    }

    static StepResult returned(Action action, Ret ret, long x0) {
        return new StepResult(Outcome.RETURNED, action, ret, x0, null);
    }

    static StepResult continues(Action action) {
        return CONTINUES[action.ordinal()];
    }

    /** The CONTINUES result of each action, made once (results are immutable). */
    private static final StepResult[] CONTINUES = continuesOfEveryAction();

    private static StepResult[] continuesOfEveryAction() {
        Action[] all = Action.values();
        StepResult[] out = new StepResult[all.length];
        for (Action a : all) {
            out[a.ordinal()] = new StepResult(Outcome.CONTINUES, a, Ret.NONE, 0, null);
        }
        return out;
    }

    static StepResult resumed(Action action, Ret ret, long x0) {
        return new StepResult(Outcome.RESUMED, action, ret, x0, null);
    }

    static StepResult nothing(Outcome outcome, Action action, String reason) {
        return new StepResult(outcome, action, Ret.NONE, 0, reason);
    }
}
