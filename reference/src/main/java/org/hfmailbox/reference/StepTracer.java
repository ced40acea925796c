package org.hfmailbox.reference;

import java.util.List;
import org.hfmailbox.reference.abi.Ret;
import org.hfmailbox.reference.trace.Actor;
import org.hfmailbox.reference.trace.Arg;
import org.hfmailbox.reference.trace.DirectTraceSink;
import org.hfmailbox.reference.trace.Regs;
import org.hfmailbox.reference.trace.TraceSink;

/**
 * Hands each step the hypervisor takes to its trace sink, numbering events from 1 after each header. Two forms:
 * {@link EventStepTracer} builds an immutable event for any sink; {@link DirectStepTracer} passes the step's parts
 * and the live state to a {@link DirectTraceSink}.
 */
interface StepTracer {
    /** A new trace starts: the header with {@code state} as the initial state; events count from 1 again. */
    void header(Semantics claimed, StateView state);

    /**
     * One step: {@code dirty} is the bit mask of the variables it changed; {@code payload}'s first
     * {@code payloadLength} bytes are the copied message (-1: none).
     */
    void event(StateView state, int dirty, int cpu, Actor actor, Action action, Regs regs, byte[] payload,
               int payloadLength, List<Arg> args, Ret ret, long x0);

    static StepTracer of(TraceSink sink) {
        return sink instanceof DirectTraceSink direct ? new DirectStepTracer(direct) : new EventStepTracer(sink);
    }
}
