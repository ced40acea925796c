package org.hfmailbox.refinement.cover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hfmailbox.reference.Faults;
import org.hfmailbox.reference.scenario.Scenario;
import org.hfmailbox.reference.scenario.ScenarioParser;
import org.hfmailbox.reference.scenario.ScenarioRunner;
import org.hfmailbox.reference.trace.InMemoryTrace;
import org.hfmailbox.refinement.model.Concretiser;
import org.hfmailbox.refinement.model.ModelScenarios;
import org.hfmailbox.refinement.model.StateGraph;
import org.hfmailbox.refinement.tlc.LoadedSpec;
import org.hfmailbox.refinement.trace.ObservableProjection;
import org.hfmailbox.refinement.trace.Trace;
import org.hfmailbox.refinement.trace.TraceReader;
import org.hfmailbox.refinement.validate.Coverage;
import org.hfmailbox.refinement.validate.StateRowClassifier;
import org.hfmailbox.refinement.validate.TraceValidator;
import org.hfmailbox.refinement.validate.Verdict;
import tlc2.tool.TLCState;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * The per-walk stages of a covering run that run in this JVM, each on one walk: concretisation by TLC (the planned
 * edges become a scenario), the reference run (which must take exactly the planned CPU, action and arguments), and
 * validation of the reference's trace both ways (full-state, and observable-only through the frontier). Each stage
 * says how far the walk got. One instance per thread (its validators keep per-thread state); the loaded spec is
 * shared.
 */
final class WalkStages {
    /** A walk after concretisation: its planned edges, the concrete steps found, and the scenario text. */
    record Concrete(int index, String name, List<StateGraph.Edge> planned, List<Concretiser.Step> steps,
                    String scenario, LevelOutcome outcome) {
    }

    /** A walk after the reference: its trace, and how far the reference followed the plan. */
    record Referenced(Concrete walk, WalkTrace trace, LevelOutcome outcome) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String config;
    private final LoadedSpec spec;
    private final Concretiser concretiser;
    private final LongUnaryOperator nodeKey;
    private final TraceValidator validator;
    private final Coverage coverage = new Coverage();
    /** Not reported: the same steps as {@link #coverage}, counted again by the frontier (actions only). */
    private final Coverage observableCoverage = new Coverage();

    /**
     * @param nodeKey a graph node's id to the key of its VIEW in this JVM ({@link Concretiser#labelKey}), shared
     *                and cached by the caller
     */
    WalkStages(String config, LoadedSpec spec, LongUnaryOperator nodeKey) {
        this.config = config;
        this.spec = spec;
        this.concretiser = new Concretiser(spec);
        this.nodeKey = nodeKey;
        this.validator = new TraceValidator(spec, new StateRowClassifier(spec));
    }

    /** The actions and rows of the full-state validations this instance accepted. */
    Coverage coverage() {
        return coverage;
    }

    /** Concretises the planned edges from {@code init}; stops at the first edge TLC cannot concretise. */
    Concrete concretise(int index, List<StateGraph.Edge> planned, TLCState init) {
        String name = String.format("walk-%05d", index);
        List<Concretiser.Step> steps = new ArrayList<>(planned.size());
        TLCState state = init;
        String reason = null;
        for (StateGraph.Edge e : planned) {
            Concretiser.Step s;
            try {
                s = concretiser.step(state, e.action(), nodeKey.applyAsLong(e.to()));
            } catch (RuntimeException ex) {
                reason = "TLC could not concretise " + e.action() + ": " + ex.getMessage();
                break;
            }
            if (s == null) {
                reason = "no CPU and arguments of " + e.action() + " lead from the concrete state to the edge's "
                        + "target (its VIEW differs from every successor TLC computes)";
                break;
            }
            steps.add(s);
            state = s.post();
        }
        String text;
        try {
            text = ModelScenarios.text(config, spec.constants(), index, steps);
        } catch (IllegalArgumentException ex) {
            int ok = 0;
            while (ok < steps.size() && ruleExists(steps.get(ok))) {
                ok++;
            }
            String why = ex.getMessage();
            steps = new ArrayList<>(steps.subList(0, ok));
            text = ModelScenarios.text(config, spec.constants(), index, steps);
            reason = why;
        }
        LevelOutcome out = reason == null ? LevelOutcome.all(steps.size()) : new LevelOutcome(steps.size(), reason);
        return new Concrete(index, name, planned, steps, text, out);
    }

    private static boolean ruleExists(Concretiser.Step s) {
        try {
            Concretiser.line(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Runs the walk's scenario on the reference; counts the steps that match the plan. */
    Referenced reference(Concrete w) {
        if (w.steps().isEmpty()) {
            return new Referenced(w, new WalkTrace(w.name(), List.of()), new LevelOutcome(0, "nothing concretised"));
        }
        Scenario s;
        try {
            s = ScenarioParser.parse(w.name() + ".scn", w.scenario());
        } catch (Exception e) {
            return new Referenced(w, new WalkTrace(w.name(), List.of()),
                    new LevelOutcome(0, "the reference's scenario parser rejects the walk: " + e.getMessage()));
        }
        InMemoryTrace sink = new InMemoryTrace();
        ScenarioRunner.Outcome o = ScenarioRunner.run(s, s.semantics(), sink, Faults.none(), null);
        List<String> lines = sink.toLines();
        int k = 0;
        String reason = null;
        for (; k < w.steps().size(); k++) {
            if (k + 1 >= lines.size()) {
                reason = "the reference emitted no event for step " + (k + 1)
                        + (o.passed() ? "" : " (" + o.failure() + ")");
                break;
            }
            String mismatch = mismatch(w.steps().get(k), lines.get(k + 1));
            if (mismatch != null) {
                reason = "step " + (k + 1) + ": " + mismatch + (o.passed() ? "" : " (" + o.failure() + ")");
                break;
            }
        }
        if (reason == null && !o.passed()) {
            k = Math.max(0, Math.min(k, o.stepsTaken() - 1));
            reason = o.failure();
        }
        LevelOutcome out = reason == null ? LevelOutcome.all(k) : new LevelOutcome(k, reason);
        return new Referenced(w, new WalkTrace(w.name(), lines), out);
    }

    private static String mismatch(Concretiser.Step planned, String eventLine) {
        JsonNode e;
        try {
            e = JSON.readTree(eventLine);
        } catch (Exception ex) {
            return "unreadable event: " + ex.getMessage();
        }
        JsonNode args = JSON.valueToTree(planned.args());
        if (e.path("cpu").asInt() != planned.cpu() || !e.path("action").asText().equals(planned.action())
                || !e.path("args").equals(args)) {
            return "planned " + planned.cpu() + " " + planned.action() + args + ", the reference took "
                    + e.path("cpu") + " " + e.path("action").asText() + e.path("args");
        }
        return null;
    }

    /** Validates the walk's trace in full-state form, then in observable-only form: two outcomes, in that order. */
    Validated validate(Referenced r) {
        if (r.outcome().steps() == 0) {
            LevelOutcome none = new LevelOutcome(0, "the reference took no step of the walk");
            return new Validated(none, none, 0);
        }
        try {
            Trace full = new TraceReader().parse(r.trace().name(), r.trace().lines());
            Trace observable = new TraceReader().parse(r.trace().name() + " (observable)",
                    ObservableProjection.project(r.trace().lines()));
            Verdict f = validator.validate(full, coverage);
            Verdict o = validator.validate(observable, observableCoverage);
            return new Validated(outcome(f, r.outcome().steps()), outcome(o, r.outcome().steps()),
                    o.frontier() == null ? 0 : o.frontier().max());
        } catch (Exception e) {
            LevelOutcome bad = new LevelOutcome(0, "the trace does not read: " + e.getMessage());
            return new Validated(bad, bad, 0);
        }
    }

    /**
     * Validates EL2's own observable-only trace of a walk through the frontier: how many of the reference's steps it
     * accepted (EL2's trace has no more events than the run it records).
     */
    LevelOutcome validateEl2(Replay.Result el2, Referenced r) {
        int ref = r.outcome().steps();
        if (el2.observable().isEmpty()) {
            return new LevelOutcome(0, "EL2 wrote no trace of the walk: " + (el2.agreement().reason() == null
                    ? "(no reason given)" : el2.agreement().reason()));
        }
        try {
            Trace t = new TraceReader().parse(r.trace().name() + " (EL2, observable)", el2.observable());
            Verdict v = validator.validate(t, observableCoverage);
            int k = Math.min(v.eventsAccepted(), ref);
            if (k == ref) {
                return LevelOutcome.all(k);
            }
            return new LevelOutcome(k, v.rejection().map(x -> x.describe())
                    .orElse("EL2's trace stops after " + v.events() + " events"
                            + (el2.agreement().reason() == null ? "" : ": " + el2.agreement().reason())));
        } catch (Exception e) {
            return new LevelOutcome(0, "EL2's observable trace does not read: " + e.getMessage());
        }
    }

    /** The two validation outcomes of a walk and the largest frontier of its observable-only validation. */
    record Validated(LevelOutcome full, LevelOutcome observable, int frontierMax) {
    }

    private static LevelOutcome outcome(Verdict v, int referenceSteps) {
        int k = Math.min(v.eventsAccepted(), referenceSteps);
        return v.accepted() && k == referenceSteps ? LevelOutcome.all(k)
                : new LevelOutcome(k, v.rejection().map(x -> x.describe()).orElse("the reference stopped early"));
    }
}
