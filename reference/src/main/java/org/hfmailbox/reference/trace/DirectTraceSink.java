package org.hfmailbox.reference.trace;

import java.util.List;
import org.hfmailbox.reference.Action;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.StateView;
import org.hfmailbox.reference.abi.Ret;

/**
 * A sink that takes each step as its parts and the live state, so that the hypervisor builds no
 * {@link TraceEvent} (the streaming path of {@link NdjsonTraceWriter}). It must write exactly what
 * {@link #event(TraceEvent)} would write for the equivalent event.
 */
public interface DirectTraceSink extends TraceSink {
    /** A trace's header whose initial state is read from {@code init} during the call. */
    void header(Semantics semantics, StateView init);

    /**
     * One step. {@code payload}'s first {@code payloadLength} bytes are the copied message (-1: none; the array
     * may be reused after the call); {@code x0} is the delivered value ({@code hex}) unless {@code ret} is none;
     * {@code changed} is the bit mask ({@link Variable#bit()}) of the variables the step changed, whose new values
     * {@code state} holds during the call.
     */
    void step(long seq, int cpu, Actor actor, Action action, Regs regs, byte[] payload, int payloadLength,
              List<Arg> args, Ret ret, long x0, StateView state, int changed);
}
