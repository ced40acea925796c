package org.hfmailbox.reference;

import java.util.List;
import org.hfmailbox.reference.abi.Ret;
import org.hfmailbox.reference.trace.Actor;
import org.hfmailbox.reference.trace.Arg;
import org.hfmailbox.reference.trace.DirectTraceSink;
import org.hfmailbox.reference.trace.Regs;

/** Passes each step's parts and the live state to a {@link DirectTraceSink}: no event object is built. */
final class DirectStepTracer implements StepTracer {
    private final DirectTraceSink sink;
    private long seq;

    DirectStepTracer(DirectTraceSink sink) {
        this.sink = sink;
    }

    public void header(Semantics claimed, StateView state) {
        seq = 0;
        sink.header(claimed, state);
    }

    public void event(StateView state, int dirty, int cpu, Actor actor, Action action, Regs regs, byte[] payload,
                      int payloadLength, List<Arg> args, Ret ret, long x0) {
        sink.step(++seq, cpu, actor, action, regs, payload, payloadLength, args, ret, x0, state, dirty);
    }
}
