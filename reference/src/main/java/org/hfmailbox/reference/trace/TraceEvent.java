package org.hfmailbox.reference.trace;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hfmailbox.reference.Action;
import org.hfmailbox.reference.abi.Ret;

/**
 * One trace event: one atomic step. {@code regs} is null except for hypercall entries; {@code payload} is null
 * except for a {@code mailbox_send_deliver} that copied a message; {@code changes} maps each variable the step
 * changed to its full new value in the immutable forms of {@link StateSnapshot}, in variable-table order.
 * {@code retHex} is the exact x0 the hypervisor delivered ({@code ret}'s encoding unless a fault is injected),
 * null when {@code ret} is none.
 */
public record TraceEvent(long seq, int cpu, Actor actor, Action action, Regs regs, byte[] payload, List<Arg> args,
                         Ret ret, String retHex, Map<Variable, Object> changes) {
    public TraceEvent {
        payload = payload == null ? null : payload.clone();
        args = List.copyOf(args);
        changes = StateSnapshot.immutableOrdered(changes);
    }

    @Override
    public byte[] payload() {
        return payload == null ? null : payload.clone();
    }

    /** The payload without a defensive copy (null when none), for the writers of this package. */
    byte[] payloadBytes() {
        return payload;
    }

    /** Size of the payload in bytes, or -1 when there is none (cheaper than {@link #payload()}). */
    public int payloadLength() {
        return payload == null ? -1 : payload.length;
    }

    /** The argument of that name, or null. */
    public Object arg(String name) {
        for (Arg a : args) {
            if (a.name().equals(name)) {
                return a.value();
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TraceEvent e && e.seq == seq && e.cpu == cpu && e.actor.equals(actor)
                && e.action == action && java.util.Objects.equals(e.regs, regs) && Arrays.equals(e.payload, payload)
                && e.args.equals(args) && e.ret.equals(ret) && java.util.Objects.equals(e.retHex, retHex)
                && e.changes.equals(changes);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(seq, cpu, actor, action, regs, Arrays.hashCode(payload), args, ret, retHex, changes);
    }
}
