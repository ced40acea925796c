package org.hfmailbox.reference;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hfmailbox.reference.abi.HfAbi;
import org.hfmailbox.reference.abi.Ret;
import org.hfmailbox.reference.trace.Actor;
import org.hfmailbox.reference.trace.Arg;
import org.hfmailbox.reference.trace.Regs;
import org.hfmailbox.reference.trace.StateSnapshot;
import org.hfmailbox.reference.trace.TraceEvent;
import org.hfmailbox.reference.trace.TraceHeader;
import org.hfmailbox.reference.trace.TraceSink;
import org.hfmailbox.reference.trace.Variable;

/** Turns a step (and the bit mask of the variables it changed) into a {@link TraceEvent} for the sink. */
final class StepTracer {
    private final TraceSink sink;
    private long seq;

    StepTracer(TraceSink sink) {
        this.sink = sink;
    }

    void header(Semantics claimed, StateView state) {
        sink.header(new TraceHeader(claimed, state.shape(), StateSnapshot.of(state)));
    }

    void event(StateView state, int dirty, int cpu, Actor actor, Action action, Regs regs, byte[] payload,
               List<Arg> args, Ret ret, long x0) {
        Map<Variable, Object> changes = new EnumMap<>(Variable.class);
        for (int b = 0; b < Variable.count(); b++) {
            if ((dirty & (1 << b)) != 0) {
                Variable v = Variable.ofOrdinal(b);
                changes.put(v, StateSnapshot.valueOf(state, v));
            }
        }
        String hex = ret.hasEncoding() ? HfAbi.hex(x0) : null;
        sink.event(new TraceEvent(++seq, cpu, actor, action, regs, payload, args, ret, hex, changes));
    }
}
