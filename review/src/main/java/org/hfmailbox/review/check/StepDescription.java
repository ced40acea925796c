package org.hfmailbox.review.check;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hfmailbox.review.tlc.TraceState;
import org.hfmailbox.refinement.value.TlaValue;

/**
 * What the step into a state did, read from the ghost variable {@code step} of docs/vocabulary.md
 * ({@code [cpu, actor, action, args, ret]}); when a spec has no such variable, TLC's action label.
 */
public record StepDescription(String cpu, String actor, String action, String args, String ret) {
    /** The name of the ghost variable that describes each step. */
    public static final String STEP_VARIABLE = "step";

    /** Describes the step that led into {@code state}. */
    public static StepDescription of(TraceState state) {
        TlaValue step = state.variables().get(STEP_VARIABLE);
        if (!(step instanceof TlaValue.Rec r) || r.get("action").isEmpty()) {
            return new StepDescription("", "", state.labelAction(), "", "");
        }
        return new StepDescription(
                r.get("cpu").map(TlaValue::plain).orElse(""),
                r.get("actor").map(StepDescription::actor).orElse(""),
                r.get("action").map(TlaValue::plain).orElse(state.labelAction()),
                r.get("args").map(StepDescription::args).orElse(""),
                r.get("ret").map(StepDescription::ret).orElse(""));
    }

    /** {@code 1/0} for {@code [vm |-> 1, vcpu |-> 0]}; {@code CPU 0} for {@code [cpu |-> 0]}. */
    static String actor(TlaValue v) {
        if (v instanceof TlaValue.Rec r) {
            Optional<TlaValue> vm = r.get("vm");
            Optional<TlaValue> vcpu = r.get("vcpu");
            if (vm.isPresent() && vcpu.isPresent()) {
                return TlaValue.plain(vm.get()) + "/" + TlaValue.plain(vcpu.get());
            }
            if (r.get("cpu").isPresent()) {
                return "CPU " + TlaValue.plain(r.get("cpu").get());
            }
        }
        return v.render();
    }

    /** {@code vm_id=1, vcpu_idx=0}; empty for no arguments. */
    static String args(TlaValue v) {
        if (v instanceof TlaValue.Rec r) {
            return fields(r.fields());
        }
        if (v instanceof TlaValue.Tuple t && t.elements().isEmpty()
                || v instanceof TlaValue.SetOf s && s.elements().isEmpty()) {
            return "";
        }
        return v.render();
    }

    /** A return record in the words of docs/vocabulary.md: {@code -1}, {@code run(YIELD, vm_id=1, data=0)}, ... */
    static String ret(TlaValue v) {
        if (!(v instanceof TlaValue.Rec r) || r.get("kind").isEmpty()) {
            return v.render();
        }
        String kind = TlaValue.plain(r.get("kind").get());
        switch (kind) {
            case "none":
                return "-";
            case "int":
                return r.get("value").map(TlaValue::plain).orElse(r.render());
            case "run": {
                String code = r.get("code").map(TlaValue::plain).orElse("?");
                Map<String, TlaValue> rest = new java.util.LinkedHashMap<>(r.fields());
                rest.remove("kind");
                rest.remove("code");
                return "run(" + code + (rest.isEmpty() ? "" : ", " + fields(rest)) + ")";
            }
            default: {
                Map<String, TlaValue> rest = new java.util.LinkedHashMap<>(r.fields());
                rest.remove("kind");
                return kind + (rest.isEmpty() ? "" : "(" + fields(rest) + ")");
            }
        }
    }

    private static String fields(Map<String, TlaValue> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + TlaValue.plain(e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
