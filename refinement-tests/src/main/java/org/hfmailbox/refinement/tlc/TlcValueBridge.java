package org.hfmailbox.refinement.tlc;

import org.hfmailbox.refinement.value.TlaValue;
import tlc2.tool.TLCState;
import tlc2.value.IValue;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.IntervalValue;
import tlc2.value.impl.ModelValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueEnumeration;
import util.UniqueString;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Between the project's {@link TlaValue}s and TLC's own values ({@code tlc2.value.impl}): TLC's values are what TLC
 * evaluates (a state read back from a {@code -dump} label, to evaluate the spec's VIEW on it); {@link TlaValue}s are
 * what the tools compare, diff and print, since TLC's values order record fields and strings by a per-JVM intern
 * table and its model values live in a global registry.
 */
public final class TlcValueBridge {
    private TlcValueBridge() {
    }

    /** The TLC value of {@code v}; a model value has none here (it would need TLC's registry) and is refused. */
    public static Value toTlc(TlaValue v) {
        if (v instanceof TlaValue.Rec r) {
            UniqueString[] names = new UniqueString[r.fields().size()];
            Value[] values = new Value[names.length];
            int i = 0;
            for (Map.Entry<String, TlaValue> e : r.fields().entrySet()) {
                names[i] = UniqueString.uniqueStringOf(e.getKey());
                values[i++] = toTlc(e.getValue());
            }
            return new RecordValue(names, values, false).normalize();
        }
        if (v instanceof TlaValue.Tuple t) {
            return new TupleValue(t.elements().stream().map(TlcValueBridge::toTlc).toArray(Value[]::new));
        }
        if (v instanceof TlaValue.Fun f) {
            return function(f);
        }
        if (v instanceof TlaValue.SetOf s) {
            return new SetEnumValue(s.elements().stream().map(TlcValueBridge::toTlc).toArray(Value[]::new), false)
                    .normalize();
        }
        TlaValue.Atom a = (TlaValue.Atom) v;
        if (a.stringValue().isPresent()) {
            return new StringValue(a.stringValue().get());
        }
        if (a.boolValue().isPresent()) {
            return a.boolValue().get() ? BoolValue.ValTrue : BoolValue.ValFalse;
        }
        if (a.intValue().isPresent()) {
            return IntValue.gen(a.intValue().get());
        }
        throw new IllegalArgumentException("no TLC value for the model value " + a.text());
    }

    /** A function over consecutive integers gets an interval domain, as the spec builds per-VM and per-CPU values. */
    private static Value function(TlaValue.Fun f) {
        Integer low = null;
        Integer high = null;
        boolean ints = true;
        for (TlaValue k : f.mapping().keySet()) {
            var n = k instanceof TlaValue.Atom a ? a.intValue() : java.util.Optional.<Integer>empty();
            if (n.isEmpty()) {
                ints = false;
                break;
            }
            low = low == null ? n.get() : Math.min(low, n.get());
            high = high == null ? n.get() : Math.max(high, n.get());
        }
        if (ints && low != null && high - low + 1 == f.mapping().size()) {
            Value[] values = new Value[f.mapping().size()];
            for (int n = low; n <= high; n++) {
                values[n - low] = toTlc(f.mapping().get(TlaValue.Atom.of(n)));
            }
            return new FcnRcdValue(new IntervalValue(low, high), values);
        }
        Value[] keys = f.mapping().keySet().stream().map(TlcValueBridge::toTlc).toArray(Value[]::new);
        Value[] values = f.mapping().values().stream().map(TlcValueBridge::toTlc).toArray(Value[]::new);
        return new FcnRcdValue(keys, values, false).normalize();
    }

    /** The {@link TlaValue} of a TLC value (lazy functions and sets are enumerated). */
    public static TlaValue fromTlc(IValue v) {
        if (v instanceof RecordValue r) {
            Map<String, TlaValue> fields = new LinkedHashMap<>();
            for (int i = 0; i < r.names.length; i++) {
                fields.put(r.names[i].toString(), fromTlc(r.values[i]));
            }
            return new TlaValue.Rec(fields);
        }
        if (v instanceof TupleValue t) {
            List<TlaValue> el = new ArrayList<>();
            for (IValue e : t.getElems()) {
                el.add(fromTlc(e));
            }
            return new TlaValue.Tuple(el);
        }
        if (v instanceof FcnRcdValue f) {
            return function(f);
        }
        if (v instanceof IntValue n) {
            return TlaValue.Atom.of(n.val);
        }
        if (v instanceof BoolValue b) {
            return new TlaValue.Atom(b.val ? "TRUE" : "FALSE");
        }
        if (v instanceof StringValue s) {
            return TlaValue.Atom.string(s.getVal().toString());
        }
        if (v instanceof ModelValue m) {
            return new TlaValue.Atom(m.val.toString());
        }
        if (v instanceof Value val) {
            Value fcn = tryConvert(val::toFcnRcd);
            if (fcn instanceof FcnRcdValue f) {
                return function(f);
            }
            Value set = tryConvert(val::toSetEnum);
            if (set instanceof SetEnumValue e) {
                Set<TlaValue> el = new LinkedHashSet<>();
                ValueEnumeration en = e.elements();
                for (Value x = en.nextElement(); x != null; x = en.nextElement()) {
                    el.add(fromTlc(x));
                }
                return new TlaValue.SetOf(el);
            }
        }
        throw new IllegalArgumentException("no TlaValue for the TLC value of kind "
                + (v instanceof Value val ? val.getKindString() : String.valueOf(v)));
    }

    private static TlaValue function(FcnRcdValue f) {
        Value[] dom = f.getDomainAsValues();
        Map<TlaValue, TlaValue> mapping = new LinkedHashMap<>();
        for (int i = 0; i < dom.length; i++) {
            mapping.put(fromTlc(dom[i]), fromTlc(f.values[i]));
        }
        List<TlaValue> tuple = new ArrayList<>();
        for (int n = 1; n <= mapping.size() && mapping.containsKey(TlaValue.Atom.of(n)); n++) {
            tuple.add(mapping.get(TlaValue.Atom.of(n)));
        }
        return tuple.size() == mapping.size() ? new TlaValue.Tuple(tuple) : new TlaValue.Fun(mapping);
    }

    private static Value tryConvert(java.util.function.Supplier<Value> conversion) {
        try {
            return conversion.get();
        } catch (RuntimeException notThatKind) {
            return null;
        }
    }

    /** A TLC state of {@code spec} binding each variable to its value (variables not given stay unbound). */
    public static TLCState state(LoadedSpec spec, Map<String, TlaValue> variables) {
        TLCState st = spec.emptyState();
        variables.forEach((name, value) -> st.bind(UniqueString.uniqueStringOf(name), toTlc(value)));
        return st;
    }

    /** The printed form of a TLC value, for reports (this TLC build's toString fails on interval-domain functions). */
    public static String print(IValue v) {
        return v == null ? "(unbound)" : fromTlc(v).render();
    }
}
