package org.hfmailbox.review.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hfmailbox.refinement.trace.VariableType;
import org.hfmailbox.refinement.trace.Vocabulary;
import tlc2.tool.TLCState;
import tlc2.value.IValue;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import util.UniqueString;

/**
 * A state of the spec, as TLC holds it, in the JSON forms of the trace (docs/vocabulary.md): the inverse of the
 * validator's {@code TlaValues}. Per-VM, per-CPU and per-vCPU functions (domain {@code 0..n-1}) become arrays,
 * sequences and vCPU names become arrays, records become objects (without {@code hex}: the spec has no 64-bit
 * values), and the {@code args} of an action without arguments ({@code <<>>}) becomes {@code {}}. A value with no
 * such form is an {@link IllegalArgumentException} naming the variable (a revision whose state does not fit the
 * vocabulary).
 */
final class TlcJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TlcJson() {
    }

    /** Every variable but {@code step}: the trace header's {@code init}. */
    static ObjectNode state(TLCState s) {
        ObjectNode o = JSON.objectNode();
        for (String var : Vocabulary.VARIABLES) {
            o.set(var, variable(var, lookup(s, var)));
        }
        return o;
    }

    /**
     * The trace event of the step from {@code pre} to {@code post}: {@code seq, cpu, actor, action, args, ret} from
     * the post-state's {@code step} record and {@code changes} with every variable whose value the step changed, in
     * the vocabulary's order. Hypercalls carry no {@code regs}: the validator then checks the call the event names.
     */
    static ObjectNode event(long seq, TLCState pre, TLCState post) {
        IValue step = lookup(post, Vocabulary.STEP);
        if (!(step instanceof RecordValue r)) {
            throw new IllegalArgumentException("variable step: expected a record, got " + step);
        }
        ObjectNode e = JSON.objectNode();
        e.put("seq", seq);
        e.set("cpu", generic("step.cpu", field(r, "cpu")));
        e.set("actor", generic("step.actor", field(r, "actor")));
        e.set("action", generic("step.action", field(r, "action")));
        Value args = field(r, "args");
        e.set("args", args instanceof TupleValue t && t.size() == 0 ? JSON.objectNode() : generic("step.args", args));
        e.set("ret", generic("step.ret", field(r, "ret")));
        ObjectNode changes = JSON.objectNode();
        for (String var : Vocabulary.VARIABLES) {
            IValue before = lookup(pre, var);
            IValue after = lookup(post, var);
            if (!after.equals(before)) {
                changes.set(var, variable(var, after));
            }
        }
        e.set("changes", changes);
        return e;
    }

    /** One state variable's JSON form, by the vocabulary's type table. */
    static JsonNode variable(String var, IValue v) {
        VariableType t = VariableType.of(var);
        if (t == null) {
            throw new IllegalArgumentException("not a state variable of docs/vocabulary.md: " + var);
        }
        if (t.layout() == VariableType.Layout.PER_VCPU) {
            ArrayNode vms = JSON.arrayNode();
            FcnRcdValue outer = fcn(var, v);
            for (int k = 0; k < size(outer); k++) {
                vms.add(indexed(var + "[" + k + "]", at(var, outer, k), t.element()));
            }
            return vms;
        }
        return indexed(var, v, t.element());
    }

    private static ArrayNode indexed(String where, IValue v, VariableType.Element el) {
        FcnRcdValue f = fcn(where, v);
        ArrayNode a = JSON.arrayNode();
        for (int i = 0; i < size(f); i++) {
            a.add(element(where + "[" + i + "]", at(where, f, i), el));
        }
        return a;
    }

    private static JsonNode element(String where, Value v, VariableType.Element el) {
        return switch (el) {
            case STRING -> JSON.textNode(string(where, v));
            case BOOL -> JSON.booleanNode(bool(where, v));
            case INT -> JSON.numberNode(integer(where, v));
            case RECORD -> generic(where, v);
            case INT_SEQ, VCPU -> array(where, v);
        };
    }

    /** Integers, strings, booleans, records (objects) and tuples (arrays), as inside records and step. */
    static JsonNode generic(String where, Value v) {
        if (v instanceof IntValue n) {
            return JSON.numberNode(n.val);
        }
        if (v instanceof StringValue s) {
            return JSON.textNode(s.getVal().toString());
        }
        if (v instanceof BoolValue b) {
            return JSON.booleanNode(b.val);
        }
        if (v instanceof RecordValue r) {
            ObjectNode o = JSON.objectNode();
            for (int i = 0; i < r.names.length; i++) {
                o.set(r.names[i].toString(), generic(where + "." + r.names[i], r.values[i]));
            }
            return o;
        }
        if (v instanceof TupleValue || v.toTuple() != null) {
            return array(where, v);
        }
        Value rcd = v.toRcd();
        if (rcd instanceof RecordValue) {
            return generic(where, rcd);
        }
        throw new IllegalArgumentException(where + ": no JSON form in the trace format for " + v);
    }

    private static ArrayNode array(String where, Value v) {
        Value t = v instanceof TupleValue ? v : v.toTuple();
        if (!(t instanceof TupleValue tuple)) {
            throw new IllegalArgumentException(where + ": expected a sequence, got " + v);
        }
        ArrayNode a = JSON.arrayNode();
        for (int i = 0; i < tuple.elems.length; i++) {
            a.add(generic(where + "[" + (i + 1) + "]", tuple.elems[i]));
        }
        return a;
    }

    private static FcnRcdValue fcn(String where, IValue v) {
        Value f = v instanceof Value val ? val.toFcnRcd() : null;
        if (!(f instanceof FcnRcdValue)) {
            throw new IllegalArgumentException(where + ": expected a function with domain 0..n-1, got " + v);
        }
        return (FcnRcdValue) f;
    }

    private static int size(FcnRcdValue f) {
        return f.size();
    }

    private static Value at(String where, FcnRcdValue f, int i) {
        Value x = f.select(IntValue.gen(i));
        if (x == null) {
            throw new IllegalArgumentException(where + ": the domain is not 0.." + (size(f) - 1) + " (no entry " + i
                    + ")");
        }
        return x;
    }

    private static Value field(RecordValue r, String name) {
        Value v = r.select(new StringValue(name));
        if (v == null) {
            throw new IllegalArgumentException("variable step: no field " + name + " in " + r);
        }
        return v;
    }

    private static String string(String where, Value v) {
        if (v instanceof StringValue s) {
            return s.getVal().toString();
        }
        throw new IllegalArgumentException(where + ": expected a string, got " + v);
    }

    private static boolean bool(String where, Value v) {
        if (v instanceof BoolValue b) {
            return b.val;
        }
        throw new IllegalArgumentException(where + ": expected a boolean, got " + v);
    }

    private static int integer(String where, Value v) {
        if (v instanceof IntValue n) {
            return n.val;
        }
        throw new IllegalArgumentException(where + ": expected an integer, got " + v);
    }

    private static IValue lookup(TLCState s, String var) {
        IValue v = s.lookup(UniqueString.uniqueStringOf(var));
        if (v == null) {
            throw new IllegalArgumentException("the state has no variable " + var
                    + " (the revision's variables differ from docs/vocabulary.md)");
        }
        return v;
    }
}
