package org.hfmailbox.refinement.validate;

import java.util.List;

/**
 * Why a trace was rejected: the first event TLC does not accept (seq 0 means the header's initial state), the action
 * it claimed with its arguments, and the variables whose values differ from every successor the spec allows under
 * that action ({@code step} is broken into its fields, e.g. {@code step.ret}). {@code detail} shows the trace's and
 * the spec's values of the first such variable (from the closest allowed successor).
 *
 * <p>For an observable-only trace, {@code variables} names the observed fields no candidate's successor shows
 * ({@code step.ret}, {@code running}, {@code copied} ...) and {@code candidates} holds the spec states the frontier
 * had before the event (TLA+ text, at most a few), each of which the detail explains.
 */
public record Rejection(String source, long seq, int line, String action, String call, List<String> variables,
                        String detail, List<String> candidates) {
    public Rejection {
        variables = List.copyOf(variables);
        candidates = List.copyOf(candidates);
    }

    /** A rejection of a full-state trace (no frontier). */
    public Rejection(String source, long seq, int line, String action, String call, List<String> variables,
                     String detail) {
        this(source, seq, line, action, call, variables, detail, List.of());
    }

    /** One line for people: file, event, action, variables. */
    public String describe() {
        return source + ": event seq " + seq + " (line " + line + ") " + call + " rejected by the spec: "
                + (variables.isEmpty() ? "" : "differs in " + String.join(", ", variables) + "; ") + detail;
    }
}
