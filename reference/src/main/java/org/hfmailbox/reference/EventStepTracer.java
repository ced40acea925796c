package org.hfmailbox.reference;

import java.util.Arrays;
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

/** Turns each step (and the bit mask of the variables it changed) into an immutable {@link TraceEvent}. */
final class EventStepTracer implements StepTracer {
    private final TraceSink sink;
    private long seq;

    EventStepTracer(TraceSink sink) {
        this.sink = sink;
    }

    public void header(Semantics claimed, StateView state) {
        seq = 0;
        sink.header(new TraceHeader(claimed, state.shape(), StateSnapshot.of(state)));
    }

    public void event(StateView state, int dirty, int cpu, Actor actor, Action action, Regs regs, byte[] payload,
                      int payloadLength, List<Arg> args, Ret ret, long x0) {
        Map<Variable, Object> changes = new EnumMap<>(Variable.class);
        for (int b = 0; b < Variable.count(); b++) {
            if ((dirty & (1 << b)) != 0) {
                Variable v = Variable.ofOrdinal(b);
                changes.put(v, StateSnapshot.valueOf(state, v));
            }
        }
        String hex = ret.hasEncoding() ? HfAbi.hex(x0) : null;
        byte[] copied = payloadLength < 0 ? null : Arrays.copyOf(payload, payloadLength);
        sink.event(new TraceEvent(++seq, cpu, actor, action, regs, copied, args, ret, hex, changes));
    }
}
