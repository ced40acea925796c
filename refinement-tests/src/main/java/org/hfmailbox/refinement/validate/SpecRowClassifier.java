package org.hfmailbox.refinement.validate;

import org.hfmailbox.refinement.tlc.LoadedSpec;
import org.hfmailbox.refinement.tlc.TlaValues;
import org.hfmailbox.refinement.trace.TraceEvent;
import tlc2.tool.TLCState;
import tlc2.value.IValue;
import tlc2.value.impl.Enumerable;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueEnumeration;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows decided by the spec: TLC evaluates the spec's operator {@code Row(c, action, args)} on the pre-state; its
 * value is a row name (a string; "" for none), or a set or sequence of row names.
 */
public final class SpecRowClassifier implements RowClassifier {
    public static final String OPERATOR = "Row";

    private final LoadedSpec spec;
    private final Value emptyRecord;

    /** @param emptyRecord the spec's value for "no arguments" */
    public SpecRowClassifier(LoadedSpec spec, Value emptyRecord) {
        this.spec = spec;
        this.emptyRecord = emptyRecord;
    }

    /** True when the loaded spec defines {@code Row} with three parameters. */
    public static boolean available(LoadedSpec spec) {
        return spec.arity(OPERATOR) == 3;
    }

    @Override
    public String source() {
        return "spec: Row(c, action, args) evaluated by TLC on the pre-state";
    }

    @Override
    public List<String> rows(TLCState pre, TraceEvent event, List<Value> params) {
        IValue v = spec.evaluate(OPERATOR, List.of(IntValue.gen(event.cpu()), new StringValue(event.action()),
                new TlaValues(emptyRecord).generic(event.args())), pre);
        List<String> out = new ArrayList<>();
        collect(v, out);
        return out;
    }

    private static void collect(IValue v, List<String> out) {
        if (v instanceof StringValue s) {
            String name = s.getVal().toString();
            if (!name.isEmpty()) {
                out.add(name);
            }
        } else if (v instanceof TupleValue t) {
            for (IValue e : t.getElems()) {
                collect(e, out);
            }
        } else if (v instanceof Enumerable en) {
            ValueEnumeration it = en.elements();
            for (Value e = it.nextElement(); e != null; e = it.nextElement()) {
                collect(e, out);
            }
        }
    }
}
