package org.hfmailbox.refinement.tlc;

import com.fasterxml.jackson.databind.JsonNode;
import org.hfmailbox.refinement.trace.TraceEvent;
import org.hfmailbox.refinement.trace.VariableType;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.IntervalValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import util.UniqueString;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Not thread-safe: one instance per thread.
 *
 * JSON (as read from a structurally checked trace) to TLC values, by the type table of docs/vocabulary.md:
 * <ul>
 *   <li>per-VM, per-CPU and per-vCPU arrays become functions with domain {@code 0..n-1};</li>
 *   <li>{@code recv_waiter} entries become sequences (domain {@code 1..n}); a vCPU name {@code [k, i]} becomes
 *       {@code <<k, i>>} and {@code []} becomes {@code <<>>};</li>
 *   <li>objects become records without their {@code hex} field; a hex that is not the encoding of the fields
 *       adds a field {@code hex_mismatch} ({@link ReturnEncoding}) so that TLC rejects it; inside records, arrays
 *       become tuples (vCPU names such as {@code cpu_op.next});</li>
 *   <li>an empty object (the {@code args} of an action without arguments) becomes {@code emptyRecord}, the value
 *       the spec uses for "no arguments".</li>
 * </ul>
 */
public final class TlaValues {
    private static final UniqueString HEX = UniqueString.uniqueStringOf("hex");
    private static final UniqueString HEX_MISMATCH = UniqueString.uniqueStringOf("hex_mismatch");
    private static final UniqueString[] STEP_FIELDS = {
            UniqueString.uniqueStringOf("cpu"), UniqueString.uniqueStringOf("actor"),
            UniqueString.uniqueStringOf("action"), UniqueString.uniqueStringOf("args"),
            UniqueString.uniqueStringOf("ret")};

    private final Value emptyRecord;
    /** Field names, interned once per instance (TLC's intern table is synchronized; one TlaValues per thread). */
    private final java.util.HashMap<String, UniqueString> names = new java.util.HashMap<>();

    public TlaValues(Value emptyRecord) {
        this.emptyRecord = emptyRecord;
    }

    private UniqueString name(String s) {
        return names.computeIfAbsent(s, UniqueString::uniqueStringOf);
    }

    /** The value of state variable {@code var} from its JSON form. */
    public Value variable(String var, JsonNode json) {
        VariableType t = VariableType.of(var);
        if (t == null) {
            throw new IllegalArgumentException("not a state variable: " + var);
        }
        if (t.layout() == VariableType.Layout.PER_VCPU) {
            Value[] vms = new Value[json.size()];
            for (int k = 0; k < vms.length; k++) {
                vms[k] = function0(json.get(k), t.element());
            }
            return fcn0(vms);
        }
        return function0(json, t.element());
    }

    /** The {@code step} record an event claims: {@code [cpu, actor, action, args, ret]} (no regs, payload, hex). */
    public Value step(TraceEvent e) {
        Value[] values = {IntValue.gen(e.cpu()), generic(e.actor()), new StringValue(e.action()),
                generic(e.args()), generic(e.ret())};
        return record(STEP_FIELDS.clone(), values);
    }

    /** An action argument (an int, a boolean or a string). */
    public Value scalar(JsonNode json) {
        return generic(json);
    }

    private Value function0(JsonNode arr, VariableType.Element el) {
        Value[] vals = new Value[arr.size()];
        for (int i = 0; i < vals.length; i++) {
            vals[i] = element(arr.get(i), el);
        }
        return fcn0(vals);
    }

    private Value element(JsonNode v, VariableType.Element el) {
        return switch (el) {
            case STRING -> new StringValue(v.asText());
            case BOOL -> v.asBoolean() ? BoolValue.ValTrue : BoolValue.ValFalse;
            case INT -> IntValue.gen(v.asInt());
            case RECORD -> generic(v);
            case INT_SEQ, VCPU -> tuple(v);
        };
    }

    private static Value fcn0(Value[] vals) {
        if (vals.length == 0) {
            return FcnRcdValue.EmptyFcn;
        }
        return new FcnRcdValue(new IntervalValue(0, vals.length - 1), vals);
    }

    private Value tuple(JsonNode arr) {
        Value[] vals = new Value[arr.size()];
        for (int i = 0; i < vals.length; i++) {
            vals[i] = generic(arr.get(i));
        }
        return new TupleValue(vals);
    }

    /** Numbers, booleans, strings, arrays (tuples) and objects (records minus hex). */
    public Value generic(JsonNode v) {
        if (v.isIntegralNumber()) {
            return IntValue.gen(v.asInt());
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? BoolValue.ValTrue : BoolValue.ValFalse;
        }
        if (v.isTextual()) {
            return new StringValue(v.asText());
        }
        if (v.isArray()) {
            return tuple(v);
        }
        if (v.isObject()) {
            List<UniqueString> names = new ArrayList<>(v.size());
            List<Value> vals = new ArrayList<>(v.size());
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                UniqueString name = name(f.getKey());
                if (name == HEX) {
                    continue;
                }
                names.add(name);
                vals.add(generic(f.getValue()));
            }
            if (names.isEmpty()) {
                return emptyRecord;
            }
            if (!ReturnEncoding.consistent(v)) {
                names.add(HEX_MISMATCH);
                vals.add(new StringValue(v.get("hex").asText()));
            }
            return record(names.toArray(new UniqueString[0]), vals.toArray(new Value[0]));
        }
        throw new IllegalArgumentException("no TLA+ form for JSON " + v);
    }

    private static Value record(UniqueString[] names, Value[] values) {
        return new RecordValue(names, values, false).normalize();
    }
}
