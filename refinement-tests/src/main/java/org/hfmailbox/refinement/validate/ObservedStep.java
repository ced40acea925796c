package org.hfmailbox.refinement.validate;

import com.fasterxml.jackson.databind.JsonNode;
import org.hfmailbox.refinement.tlc.LoadedSpec;
import org.hfmailbox.refinement.tlc.ReturnEncoding;
import org.hfmailbox.refinement.tlc.TlcValueBridge;
import org.hfmailbox.refinement.tlc.TlaValues;
import org.hfmailbox.refinement.trace.TraceEvent;
import tlc2.tool.TLCState;
import tlc2.value.IValue;
import tlc2.value.impl.Applicable;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;
import util.UniqueString;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a spec step (a pre-state and one of its successors, computed by TLC) shows what an observable-only event
 * observed (docs/trace-format.md): the step record's CPU, actor, action and (when the event has them) arguments;
 * the x0 handed to the guest ({@code ret}: the 64-bit encoding of the spec's return record, or no value); the vCPU
 * current on the CPU afterwards ({@code running}); and, for a delivery, the message copied ({@code copied}: the
 * recipient, the sender and the size). The spec variables read here are named by docs/vocabulary.md. Not
 * thread-safe (one per thread, like {@link TlaValues}).
 */
final class ObservedStep {
    /** One observed field the spec step does not show: its name, the trace's value and the spec's. */
    record Mismatch(String field, String trace, String spec) {
        String describe() {
            return field + ": trace " + trace + ", spec " + spec;
        }
    }

    private static final String DELIVER = "mailbox_send_deliver";
    private static final StringValue CPU = new StringValue("cpu");
    private static final StringValue ACTOR = new StringValue("actor");
    private static final StringValue ACTION = new StringValue("action");
    private static final StringValue ARGS = new StringValue("args");
    private static final StringValue RET = new StringValue("ret");
    private static final StringValue TO = new StringValue("to");
    private static final StringValue OP = new StringValue("op");

    private final LoadedSpec spec;
    private final TlaValues values;
    private final UniqueString current;
    private final UniqueString cpuOp;
    private final UniqueString mailboxState;
    private final UniqueString recvFromId;
    private final UniqueString recvBytes;

    ObservedStep(LoadedSpec spec, TlaValues values) {
        this.spec = spec;
        this.values = values;
        this.current = spec.variable("current");
        this.cpuOp = spec.variable("cpu_op");
        this.mailboxState = spec.variable("mailbox_state");
        this.recvFromId = spec.variable("recv_from_id");
        this.recvBytes = spec.variable("recv_bytes");
    }

    /** The event's claims as TLC values, converted once per event. */
    record Claims(TraceEvent event, Value actor, Value action, Value args, Value running) {
    }

    Claims claims(TraceEvent e) {
        return new Claims(e, values.generic(e.actor()), new StringValue(e.action()),
                e.args() == null ? null : values.generic(e.args()), values.generic(e.running()));
    }

    /** True when the step from {@code s} to {@code t} shows everything the event observed. */
    boolean matches(Claims c, TLCState s, TLCState t) {
        RecordValue step = (RecordValue) t.lookup(spec.stepVariable());
        TraceEvent e = c.event();
        return ((IntValue) step.select(CPU)).val == e.cpu()
                && c.actor().equals(step.select(ACTOR))
                && c.action().equals(step.select(ACTION))
                && (c.args() == null || c.args().equals(step.select(ARGS)))
                && retMatches(e.ret(), step.select(RET))
                && c.running().equals(runningOf(t, e.cpu()))
                && copiedMatches(e, s, t);
    }

    /** Every observed field the step from {@code s} to {@code t} does not show (empty when it matches). */
    List<Mismatch> mismatches(Claims c, TLCState s, TLCState t) {
        RecordValue step = (RecordValue) t.lookup(spec.stepVariable());
        TraceEvent e = c.event();
        List<Mismatch> out = new ArrayList<>();
        if (((IntValue) step.select(CPU)).val != e.cpu()) {
            out.add(new Mismatch("step.cpu", String.valueOf(e.cpu()), print(step.select(CPU))));
        }
        if (!c.actor().equals(step.select(ACTOR))) {
            out.add(new Mismatch("step.actor", print(c.actor()), print(step.select(ACTOR))));
        }
        if (!c.action().equals(step.select(ACTION))) {
            out.add(new Mismatch("step.action", print(c.action()), print(step.select(ACTION))));
        }
        if (c.args() != null && !c.args().equals(step.select(ARGS))) {
            out.add(new Mismatch("step.args", print(c.args()), print(step.select(ARGS))));
        }
        IValue ret = step.select(RET);
        if (!retMatches(e.ret(), ret)) {
            Long enc = ReturnEncoding.encode(ret);
            out.add(new Mismatch("step.ret", e.ret().has("hex") ? e.ret().get("hex").asText() : "no value",
                    print(ret) + (enc == null ? "" : String.format(" (0x%016x)", enc))));
        }
        Value running = runningOf(t, e.cpu());
        if (!c.running().equals(running)) {
            out.add(new Mismatch("running", print(c.running()), print(running)));
        }
        if (!copiedMatches(e, s, t)) {
            int[] spec = copiedBySpec(e, s, t);
            out.add(new Mismatch("copied", e.copied() == null ? "nothing" : e.copied().toString(),
                    spec == null ? "nothing" : "{\"to\":" + spec[0] + ",\"from\":" + spec[1] + ",\"size\":"
                            + spec[2] + "}"));
        }
        return out;
    }

    /**
     * The event's x0 against the spec's return record: no value exactly when the spec's record is {@code none};
     * otherwise the hex is the record's 64-bit encoding ({@code context_id}: any value, the spec does not model it).
     */
    private static boolean retMatches(JsonNode eventRet, IValue specRet) {
        String kind = ReturnEncoding.kind(specRet);
        JsonNode hex = eventRet.get("hex");
        if (hex == null) {
            return "none".equals(kind);
        }
        if (kind == null || kind.equals("none")) {
            return false;
        }
        Long enc = ReturnEncoding.encode(specRet);
        return enc == null || enc == Long.parseUnsignedLong(hex.asText().substring(2), 16);
    }

    private Value runningOf(TLCState t, int cpu) {
        return at(t.lookup(current), IntValue.gen(cpu));
    }

    private boolean copiedMatches(TraceEvent e, TLCState s, TLCState t) {
        int[] spec = copiedBySpec(e, s, t);
        JsonNode c = e.copied();
        if (c == null || spec == null) {
            return c == null && spec == null;
        }
        return c.path("to").asInt() == spec[0] && c.path("from").asInt() == spec[1]
                && c.path("size").asInt() == spec[2];
    }

    /**
     * The message the spec step copied, {to, from, size}, or null: a delivery copies when it takes the recipient's
     * mailbox out of {@code empty}; the recipient is the sending CPU's pending send's {@code to}.
     */
    private int[] copiedBySpec(TraceEvent e, TLCState s, TLCState t) {
        if (!e.action().equals(DELIVER)) {
            return null;
        }
        Value op = at(s.lookup(cpuOp), IntValue.gen(e.cpu()));
        if (!(op instanceof RecordValue r) || !(r.select(TO) instanceof IntValue to)
                || !new StringValue("mailbox_send").equals(r.select(OP))) {
            return null;
        }
        Value before = at(s.lookup(mailboxState), to);
        Value after = at(t.lookup(mailboxState), to);
        if (before.equals(after)) {
            return null;
        }
        int from = ((IntValue) at(t.lookup(recvFromId), to)).val;
        int size = ((IntValue) at(t.lookup(recvBytes), to)).val;
        return new int[] {to.val, from, size};
    }

    /** {@code f[x]} for a function value of a state variable. */
    private static Value at(IValue f, Value x) {
        return ((Applicable) f).select(x);
    }

    private static String print(IValue v) {
        return v == null ? "(none)" : TlcValueBridge.print(v).replaceAll("\\s+", " ");
    }
}
