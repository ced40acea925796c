package org.hfmailbox.refinement.validate;

import com.fasterxml.jackson.databind.JsonNode;
import org.hfmailbox.refinement.tlc.LoadedSpec;
import org.hfmailbox.refinement.tlc.TlcValueBridge;
import org.hfmailbox.refinement.value.ValueDiff;
import org.hfmailbox.refinement.tlc.TlaValues;
import org.hfmailbox.refinement.trace.CallAbstraction;
import org.hfmailbox.refinement.trace.Trace;
import org.hfmailbox.refinement.trace.TraceEvent;
import org.hfmailbox.refinement.trace.Vocabulary;
import tlc2.tool.Action;
import tlc2.tool.TLCState;
import tlc2.value.IValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import util.UniqueString;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Validates traces step by step against one {@link LoadedSpec} (the fast, in-process path). The header's initial
 * state must be one of the spec's initial states; then every event's pre- and post-state (the post-state is the
 * pre-state with the event's {@code changes} and its {@code step} record bound) must be related by the action the
 * event names, with the event's CPU and arguments bound to the operator's parameters, as decided by TLC
 * ({@code isValid}). On the first step TLC does not accept, TLC computes the action's successors of the pre-state
 * and the rejection names the variables that differ from every one of them.
 */
public final class TraceValidator {
    private static final int MAX_DETAIL = 400;

    private final LoadedSpec spec;
    private final TlaValues values;
    private final RowClassifier rows;
    private final int varCount = Vocabulary.VARIABLES.size();
    private FrontierValidator frontier;

    public TraceValidator(LoadedSpec spec, RowClassifier rows) {
        this.spec = spec;
        this.values = new TlaValues(noArgs(spec));
        this.rows = rows;
    }

    /** The spec's value for "no arguments": its operator NoArgs if it has one, else {@code <<>>}. */
    public static Value noArgs(LoadedSpec spec) {
        Value noArgs = spec.constantOperator("NoArgs");
        return noArgs != null ? noArgs : TupleValue.EmptyTuple;
    }

    public TlaValues values() {
        return values;
    }

    /**
     * Validates one trace whose constants are the loaded spec's; counts accepted steps into {@code coverage}. An
     * observable-only trace goes to the {@link FrontierValidator}.
     */
    public Verdict validate(Trace trace, Coverage coverage) {
        if (trace.header().observable()) {
            if (frontier == null) {
                frontier = new FrontierValidator(spec);
            }
            return frontier.validate(trace, coverage);
        }
        if (!trace.header().constants().equals(spec.constants())) {
            throw new IllegalArgumentException(trace.source() + ": constants differ from the loaded spec's");
        }
        List<TraceEvent> events = trace.events();
        CallAbstraction abstraction = new CallAbstraction(spec.constants());
        TLCState s = initial(trace);
        if (s == null) {
            coverage.countTrace(trace.header().semantics(), false);
            return Verdict.reject(trace.source(), 0, events.size(), initRejection(trace));
        }
        for (int i = 0; i < events.size(); i++) {
            TraceEvent e = events.get(i);
            TLCState t = s.copy();
            for (Iterator<Map.Entry<String, JsonNode>> it = e.changes().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> ch = it.next();
                t.bind(spec.variable(ch.getKey()), values.variable(ch.getKey(), ch.getValue()));
            }
            CallAbstraction.Call call = abstraction.effective(e);
            t.bind(spec.stepVariable(), values.step(e));
            List<Value> params = params(e.cpu(), call);
            Action a = spec.action(call.action(), params);
            if (a == null) {
                coverage.countTrace(trace.header().semantics(), false);
                return Verdict.reject(trace.source(), i, events.size(), new Rejection(trace.source(), e.seq(),
                        e.line(), call.action(), call(e, call), List.of(), "the spec defines no operator "
                        + call.action() + " with " + params.size() + " parameters"));
            }
            if (!spec.allows(a, s, t)) {
                coverage.countTrace(trace.header().semantics(), false);
                return Verdict.reject(trace.source(), i, events.size(), diagnose(trace, e, call, a, s, t));
            }
            coverage.countAction(e.action());
            if (rows != null) {
                for (String row : rows.rows(s, e, params)) {
                    coverage.countRow(row);
                }
            }
            s = t;
        }
        coverage.countTrace(trace.header().semantics(), true);
        return Verdict.accept(trace.source(), events.size());
    }

    /** The operator's parameters: the CPU, then the abstract arguments in the vocabulary's order. */
    public List<Value> params(int cpu, CallAbstraction.Call call) {
        List<String> names = Vocabulary.argsOf(call.action());
        List<Value> p = new ArrayList<>(names.size() + 1);
        p.add(IntValue.gen(cpu));
        for (String n : names) {
            p.add(values.scalar(call.args().get(n)));
        }
        return p;
    }

    private TLCState initial(Trace trace) {
        JsonNode init = trace.header().init();
        Value[] header = headerValues(init);
        for (TLCState candidate : spec.initStates()) {
            if (mismatches(candidate, header).isEmpty()) {
                return candidate.copy();
            }
        }
        return null;
    }

    private Value[] headerValues(JsonNode init) {
        Value[] header = new Value[varCount];
        for (int i = 0; i < varCount; i++) {
            String var = Vocabulary.VARIABLES.get(i);
            header[i] = values.variable(var, init.get(var));
        }
        return header;
    }

    private List<String> mismatches(TLCState state, Value[] header) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < varCount; i++) {
            if (!header[i].equals(state.lookup(spec.variable(i)))) {
                out.add(Vocabulary.VARIABLES.get(i));
            }
        }
        return out;
    }

    private Rejection initRejection(Trace trace) {
        Value[] header = headerValues(trace.header().init());
        List<String> always = new ArrayList<>(Vocabulary.VARIABLES);
        List<String> closest = null;
        TLCState best = null;
        for (TLCState candidate : spec.initStates()) {
            List<String> m = mismatches(candidate, header);
            always.retainAll(m);
            if (closest == null || m.size() < closest.size()) {
                closest = m;
                best = candidate;
            }
        }
        List<String> named = always.isEmpty() && closest != null ? closest : always;
        String detail = "the header's initial state is not an initial state of the spec";
        if (best != null && !named.isEmpty()) {
            int idx = Vocabulary.VARIABLES.indexOf(named.get(0));
            detail += "; " + named.get(0) + ": trace " + cut(header[idx]) + ", spec " + cut(best.lookup(
                    spec.variable(idx)));
        }
        return new Rejection(trace.source(), 0, 1, "init", "init", named, detail);
    }

    private Rejection diagnose(Trace trace, TraceEvent e, CallAbstraction.Call call, Action a, TLCState s,
                               TLCState t) {
        List<TLCState> succ = spec.successors(a, s);
        if (succ.isEmpty()) {
            LoadedSpec.Guard g = spec.explainFalse(a, s, t);
            return new Rejection(trace.source(), e.seq(), e.line(), call.action(), call(e, call), g.variables(),
                    "the action is not enabled in the pre-state (TLC finds no successor)"
                            + (g.location().isEmpty() ? "" : "; the conjunct that fails: " + g.location()));
        }
        List<String> names = new ArrayList<>(Vocabulary.VARIABLES);
        List<UniqueString> fields = stepFields(t);
        for (UniqueString f : fields) {
            names.add("step." + f);
        }
        List<String> always = new ArrayList<>(names);
        List<String> closest = null;
        TLCState best = null;
        for (TLCState u : succ) {
            List<String> diff = differences(t, u, fields);
            always.retainAll(diff);
            if (closest == null || diff.size() < closest.size()) {
                closest = diff;
                best = u;
            }
        }
        List<String> named = always.isEmpty() ? closest : always;
        StringBuilder detail = new StringBuilder();
        detail.append(succ.size()).append(succ.size() == 1 ? " successor" : " successors").append(" allowed");
        if (!named.isEmpty()) {
            detail.append("; ").append(firstDifference(named.get(0), valueOf(best, named.get(0)),
                    valueOf(t, named.get(0))));
        }
        return new Rejection(trace.source(), e.seq(), e.line(), call.action(), call(e, call), named,
                detail.toString());
    }

    private List<UniqueString> stepFields(TLCState t) {
        IValue step = t.lookup(spec.stepVariable());
        List<UniqueString> out = new ArrayList<>();
        if (step instanceof RecordValue r) {
            for (UniqueString n : r.names) {
                out.add(n);
            }
        }
        return out;
    }

    private List<String> differences(TLCState t, TLCState u, List<UniqueString> stepFields) {
        List<String> diff = new ArrayList<>();
        for (int i = 0; i < varCount; i++) {
            if (!equal(t.lookup(spec.variable(i)), u.lookup(spec.variable(i)))) {
                diff.add(Vocabulary.VARIABLES.get(i));
            }
        }
        IValue ts = t.lookup(spec.stepVariable());
        IValue us = u.lookup(spec.stepVariable());
        if (ts instanceof RecordValue tr && us instanceof RecordValue ur) {
            for (UniqueString f : stepFields) {
                if (!equal(tr.select(new tlc2.value.impl.StringValue(f)), ur.select(
                        new tlc2.value.impl.StringValue(f)))) {
                    diff.add("step." + f);
                }
            }
        } else if (!equal(ts, us)) {
            diff.add("step");
        }
        return diff;
    }

    private IValue valueOf(TLCState st, String name) {
        if (name.startsWith("step.")) {
            IValue step = st.lookup(spec.stepVariable());
            if (step instanceof RecordValue r) {
                return r.select(new tlc2.value.impl.StringValue(name.substring(5)));
            }
            return step;
        }
        return st.lookup(UniqueString.uniqueStringOf(name));
    }

    private static boolean equal(IValue a, IValue b) {
        if (a == null || b == null) {
            return a == b;
        }
        try {
            return a.equals(b);
        } catch (RuntimeException incomparable) {
            return false;
        }
    }

    private static String cut(IValue v) {
        return cut(TlcValueBridge.print(v));
    }

    private static String cut(String s) {
        return s.length() <= MAX_DETAIL ? s : s.substring(0, MAX_DETAIL) + "...";
    }

    /**
     * The first place inside {@code name} where the trace's value differs from the spec's closest successor:
     * {@code vcpu_state[1][0]: trace "ready", spec "running"}.
     */
    private static String firstDifference(String name, IValue spec, IValue trace) {
        if (spec == null || trace == null) {
            return name + ": trace " + cut(trace) + ", spec " + cut(spec);
        }
        List<ValueDiff.Change> changes = ValueDiff.changes(name, TlcValueBridge.fromTlc(spec),
                TlcValueBridge.fromTlc(trace));
        if (changes.isEmpty()) {
            return name + ": trace " + cut(trace) + ", spec " + cut(spec);
        }
        ValueDiff.Change c = changes.get(0);
        return c.path() + ": trace " + cut(c.value().render()) + ", spec " + cut(c.before().render())
                + (changes.size() > 1 ? " (and " + (changes.size() - 1) + " more place"
                + (changes.size() > 2 ? "s" : "") + ")" : "");
    }

    static String call(TraceEvent e, CallAbstraction.Call call) {
        StringBuilder b = new StringBuilder(call.action()).append("(c=").append(e.cpu());
        for (String n : Vocabulary.argsOf(call.action())) {
            JsonNode v = call.args() == null ? null : call.args().get(n);
            b.append(", ").append(n).append('=').append(v == null ? "any" : v);
        }
        b.append(')');
        if (!call.action().equals(e.action()) || (e.args() != null && !e.args().equals(call.args()))) {
            b.append(" [the trace names ").append(e.action()).append(e.args() == null ? "" : e.args())
                    .append(" but its registers make this call]");
        }
        return b.toString();
    }
}
