package org.hfmailbox.refinement.perprocess;

import org.hfmailbox.refinement.tlc.TlaValues;
import org.hfmailbox.refinement.trace.CallAbstraction;
import org.hfmailbox.refinement.trace.SpecConstants;
import org.hfmailbox.refinement.trace.Trace;
import org.hfmailbox.refinement.trace.TraceEvent;
import org.hfmailbox.refinement.trace.TraceFormatException;
import org.hfmailbox.refinement.trace.TraceReader;
import org.hfmailbox.refinement.trace.Vocabulary;
import tlc2.overrides.TLAPlusOperator;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import util.UniqueString;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The operator overrides of spec/TraceMailbox.tla: {@code TraceHeader} and {@code TraceLog}, read from the NDJSON
 * trace named by the system property {@value #TRACE_PROPERTY} (one trace per TLC process) and converted by the same
 * {@link TlaValues} rules as the in-process validator.
 */
public final class TraceModuleOperators {
    public static final String TRACE_PROPERTY = "hfmailbox.trace";
    private static final String MODULE = "TraceMailbox";

    private TraceModuleOperators() {
    }

    /** Loaded once per process, on first use (initialisation-on-demand; never changes afterwards). */
    private static final class Holder {
        static final Value[] DATA = load();
    }

    @TLAPlusOperator(identifier = "TraceHeader", module = MODULE, warn = false)
    public static Value traceHeader() {
        return Holder.DATA[0];
    }

    @TLAPlusOperator(identifier = "TraceLog", module = MODULE, warn = false)
    public static Value traceLog() {
        return Holder.DATA[1];
    }

    private static Value[] load() {
        String file = System.getProperty(TRACE_PROPERTY);
        if (file == null) {
            throw new IllegalStateException("set -D" + TRACE_PROPERTY + "=TRACE.ndjson");
        }
        Trace trace;
        try {
            trace = new TraceReader().read(Path.of(file));
        } catch (TraceFormatException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (trace.header().observable()) {
            throw new IllegalStateException(file + ": the per-process path validates full-state traces only (an "
                    + "observable-only trace goes to the in-process frontier validator)");
        }
        TlaValues values = new TlaValues(TupleValue.EmptyTuple);
        return new Value[] {header(trace, values), log(trace, values)};
    }

    private static Value header(Trace trace, TlaValues values) {
        SpecConstants k = trace.header().constants();
        Value[] secondaries = k.vcpuCount().subList(1, k.vcpuCount().size()).stream()
                .map(IntValue::gen).toArray(Value[]::new);
        Value[] corrections = k.corrections().stream().map(StringValue::new).toArray(Value[]::new);
        List<String> vars = Vocabulary.VARIABLES;
        Value[] names = new Value[vars.size()];
        Value[] init = new Value[vars.size()];
        for (int i = 0; i < vars.size(); i++) {
            names[i] = new StringValue(vars.get(i));
            init[i] = values.variable(vars.get(i), trace.header().init().get(vars.get(i)));
        }
        return record(new String[] {"cpus", "secondaries", "corrections", "init"},
                new Value[] {IntValue.gen(k.cpus()), new TupleValue(secondaries),
                        new SetEnumValue(corrections, false).normalize(), new FcnRcdValue(names, init, false).normalize()});
    }

    private static Value log(Trace trace, TlaValues values) {
        Value[] events = new Value[trace.events().size()];
        CallAbstraction abstraction = new CallAbstraction(trace.header().constants());
        for (int i = 0; i < events.length; i++) {
            TraceEvent e = trace.events().get(i);
            CallAbstraction.Call call = abstraction.effective(e);
            List<Value> names = new ArrayList<>();
            List<Value> vals = new ArrayList<>();
            for (Iterator<String> it = e.changes().fieldNames(); it.hasNext(); ) {
                String var = it.next();
                names.add(new StringValue(var));
                vals.add(values.variable(var, e.changes().get(var)));
            }
            Value changes = names.isEmpty() ? FcnRcdValue.EmptyFcn
                    : new FcnRcdValue(names.toArray(new Value[0]), vals.toArray(new Value[0]), false).normalize();
            events[i] = record(new String[] {"cpu", "actor", "action", "args", "ret", "changes", "call", "call_args"},
                    new Value[] {IntValue.gen(e.cpu()), values.generic(e.actor()), new StringValue(e.action()),
                            values.generic(e.args()), values.generic(e.ret()), changes,
                            new StringValue(call.action()), values.generic(call.args())});
        }
        return new TupleValue(events);
    }

    private static Value record(String[] names, Value[] values) {
        UniqueString[] n = new UniqueString[names.length];
        for (int i = 0; i < names.length; i++) {
            n[i] = UniqueString.uniqueStringOf(names[i]);
        }
        return new RecordValue(n, values, false).normalize();
    }
}
