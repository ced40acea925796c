package org.hfmailbox.refinement.validate;

import com.fasterxml.jackson.databind.JsonNode;
import org.hfmailbox.refinement.tlc.LoadedSpec;
import org.hfmailbox.refinement.tlc.TlcValueBridge;
import org.hfmailbox.refinement.tlc.TlaValues;
import org.hfmailbox.refinement.trace.CallAbstraction;
import org.hfmailbox.refinement.trace.Trace;
import org.hfmailbox.refinement.trace.TraceEvent;
import org.hfmailbox.refinement.trace.Vocabulary;
import tlc2.tool.Action;
import tlc2.tool.TLCState;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Validates observable-only traces (docs/trace-format.md) against one {@link LoadedSpec}: the validator keeps the
 * <em>frontier</em>, the set of spec states consistent with the trace so far, as TLC's trace-constrained search does
 * for CCF's traces. It starts with the spec's initial states. For each event it takes, from every state of the
 * frontier, every successor TLC computes for the action the event names (the one its registers make, with the
 * arguments they give; an argument no register gives, such as {@code vm_configure}'s {@code pages}, ranges over the
 * set Next quantifies it over) and keeps those that show what the event observed ({@link ObservedStep}). States
 * equal in every variable but {@code step} are kept once. The trace is rejected at the first event that leaves the
 * frontier empty; the rejection names the event, the observed fields no candidate explains, and the candidates.
 * One instance per thread.
 */
public final class FrontierValidator {
    /** Candidates printed in a rejection. */
    static final int SHOWN_CANDIDATES = 4;

    private final LoadedSpec spec;
    private final TlaValues values;
    private final ObservedStep observed;

    public FrontierValidator(LoadedSpec spec) {
        this.spec = spec;
        this.values = new TlaValues(TraceValidator.noArgs(spec));
        this.observed = new ObservedStep(spec, values);
    }

    /** Validates one observable-only trace whose constants are the loaded spec's; counts accepted actions. */
    public Verdict validate(Trace trace, Coverage coverage) {
        if (!trace.header().constants().equals(spec.constants())) {
            throw new IllegalArgumentException(trace.source() + ": constants differ from the loaded spec's");
        }
        if (!trace.header().observable()) {
            throw new IllegalArgumentException(trace.source() + ": not an observable-only trace");
        }
        List<TraceEvent> events = trace.events();
        CallAbstraction abstraction = new CallAbstraction(spec.constants());
        List<TLCState> frontier = dedupe(spec.initStates());
        int max = frontier.size();
        int maxSteps = 0;
        long total = 0;
        for (int i = 0; i < events.size(); i++) {
            TraceEvent e = events.get(i);
            CallAbstraction.Call call = abstraction.effective(e);
            List<List<Value>> params = params(e.cpu(), call);
            ObservedStep.Claims claims = observed.claims(e);
            List<TLCState> next = new ArrayList<>();
            boolean defined = true;
            for (TLCState s : frontier) {
                for (List<Value> p : params) {
                    Action a = spec.action(call.action(), p);
                    if (a == null) {
                        defined = false;
                        break;
                    }
                    for (TLCState t : spec.successors(a, s)) {
                        if (observed.matches(claims, s, t)) {
                            next.add(t);
                        }
                    }
                }
            }
            if (next.isEmpty()) {
                coverage.countTrace(trace.header().semantics(), false);
                Rejection r = defined ? diagnose(trace, e, call, params, claims, frontier)
                        : new Rejection(trace.source(), e.seq(), e.line(), call.action(),
                        TraceValidator.call(e, call), List.of(), "the spec defines no operator " + call.action()
                        + " with " + params.get(0).size() + " parameters");
                return Verdict.reject(trace.source(), i, events.size(), r)
                        .withFrontier(new Verdict.FrontierSize(max, total, i, maxSteps));
            }
            maxSteps = Math.max(maxSteps, next.size());
            frontier = dedupe(next);
            max = Math.max(max, frontier.size());
            total += frontier.size();
            coverage.countAction(e.action());
        }
        coverage.countTrace(trace.header().semantics(), true);
        return Verdict.accept(trace.source(), events.size())
                .withFrontier(new Verdict.FrontierSize(max, total, events.size(), maxSteps));
    }

    /**
     * The operator's parameter lists: the CPU, then each abstract argument, from the call when it gives it, else
     * every value of the set Next quantifies it over.
     */
    private List<List<Value>> params(int cpu, CallAbstraction.Call call) {
        List<List<Value>> out = new ArrayList<>();
        List<Value> first = new ArrayList<>();
        first.add(IntValue.gen(cpu));
        out.add(first);
        for (String name : Vocabulary.argsOf(call.action())) {
            JsonNode given = call.args() == null ? null : call.args().get(name);
            List<Value> choices = given != null ? List.of(values.scalar(given)) : spec.argumentDomain(name);
            List<List<Value>> grown = new ArrayList<>(out.size() * choices.size());
            for (List<Value> prefix : out) {
                for (Value v : choices) {
                    List<Value> p = new ArrayList<>(prefix);
                    p.add(v);
                    grown.add(p);
                }
            }
            out = grown;
        }
        return out;
    }

    /** The states once each, equal states (every variable but step) merged. */
    private List<TLCState> dedupe(List<TLCState> states) {
        if (states.size() == 1) {
            return List.of(states.get(0));
        }
        Map<Long, TLCState> seen = new LinkedHashMap<>();
        for (TLCState s : states) {
            seen.putIfAbsent(spec.stateKey(s), s);
        }
        return new ArrayList<>(seen.values());
    }

    /**
     * Why no candidate explains the event: per candidate (the first {@value #SHOWN_CANDIDATES}), either the action
     * is not enabled (and the conjunct that fails), or the closest successor and the observed fields it does not
     * show.
     */
    private Rejection diagnose(Trace trace, TraceEvent e, CallAbstraction.Call call, List<List<Value>> params,
                               ObservedStep.Claims claims, List<TLCState> frontier) {
        TreeSet<String> fields = new TreeSet<>();
        StringBuilder detail = new StringBuilder();
        detail.append("frontier of ").append(frontier.size()).append(frontier.size() == 1 ? " candidate state"
                : " candidate states").append(" before the event");
        List<String> shown = new ArrayList<>();
        for (int n = 0; n < frontier.size() && n < SHOWN_CANDIDATES; n++) {
            TLCState s = frontier.get(n);
            shown.add(text(s));
            List<ObservedStep.Mismatch> best = null;
            int successors = 0;
            for (List<Value> p : params) {
                for (TLCState t : spec.successors(spec.action(call.action(), p), s)) {
                    successors++;
                    List<ObservedStep.Mismatch> m = observed.mismatches(claims, s, t);
                    if (best == null || m.size() < best.size()) {
                        best = m;
                    }
                }
            }
            detail.append("; candidate ").append(n + 1).append(": ");
            if (best == null) {
                LoadedSpec.Guard g = spec.explainFalse(spec.action(call.action(), params.get(0)), s, s);
                fields.addAll(g.variables());
                detail.append("the action is not enabled (TLC finds no successor)")
                        .append(g.location().isEmpty() ? "" : "; the conjunct that fails: " + g.location())
                        .append(g.variables().isEmpty() ? "" : " (reads " + String.join(", ", g.variables()) + ")");
            } else {
                best.forEach(m -> fields.add(m.field()));
                detail.append(successors).append(successors == 1 ? " successor" : " successors")
                        .append(", the closest differs in ")
                        .append(String.join("; ", best.stream().map(ObservedStep.Mismatch::describe).toList()));
            }
        }
        if (frontier.size() > SHOWN_CANDIDATES) {
            detail.append("; ").append(frontier.size() - SHOWN_CANDIDATES).append(" more candidates not shown");
        }
        return new Rejection(trace.source(), e.seq(), e.line(), call.action(), TraceValidator.call(e, call),
                new ArrayList<>(fields), detail.toString(), shown);
    }

    /** A state as {@code /\ var = value} lines (every variable but step), for a rejection's candidates. */
    private String text(TLCState s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Vocabulary.VARIABLES.size(); i++) {
            b.append(i == 0 ? "" : "\n").append("/\\ ").append(Vocabulary.VARIABLES.get(i)).append(" = ")
                    .append(TlcValueBridge.print(s.lookup(spec.variable(i))));
        }
        return b.toString();
    }
}
