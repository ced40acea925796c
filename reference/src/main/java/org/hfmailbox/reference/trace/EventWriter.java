package org.hfmailbox.reference.trace;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hfmailbox.reference.Action;
import org.hfmailbox.reference.CpuOp;
import org.hfmailbox.reference.MailboxState;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.StateView;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.reference.VcpuId;
import org.hfmailbox.reference.VcpuState;
import org.hfmailbox.reference.WaitingFor;
import org.hfmailbox.reference.abi.Ret;

/**
 * Writes the JSON forms of docs/trace-format.md to one {@link JsonGenerator}, with pre-encoded names and raw hex.
 * An event is written either from a {@link TraceEvent} or from the parts of a step and the live state (the
 * hypervisor's streaming path, which builds no event object); both give the same bytes, which a test checks.
 */
final class EventWriter {
    private final JsonGenerator g;
    private final HexJson hex = new HexJson();
    /** The JSON of each actor met so far (a handful per shape). */
    private final Map<Actor, SerializableString> actors = new HashMap<>();

    EventWriter(JsonGenerator g) {
        this.g = g;
    }

    void header(TraceHeader h) throws IOException {
        headerStart(h.semantics(), h.shape());
        for (Variable v : Variable.values()) {
            g.writeFieldName(JsonNames.of(v));
            value(v, h.init().value(v));
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A header whose initial state is read from a live state. */
    void header(Semantics semantics, StateView init) throws IOException {
        headerStart(semantics, init.shape());
        for (Variable v : Variable.values()) {
            g.writeFieldName(JsonNames.of(v));
            variable(init, v);
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Everything up to the opening brace of {@code init}. */
    private void headerStart(Semantics semantics, SystemShape shape) throws IOException {
        g.writeStartObject();
        g.writeStringField("format", TraceHeader.FORMAT);
        g.writeNumberField("version", TraceHeader.VERSION);
        g.writeStringField("semantics", semantics.name());
        g.writeArrayFieldStart("corrections");
        for (String name : semantics.names()) {
            g.writeString(name);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("shape");
        g.writeNumberField("cpus", shape.cpus());
        g.writeArrayFieldStart("vcpu_count");
        for (int n : shape.vcpuCount()) {
            g.writeNumber(n);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("init");
    }

    void event(TraceEvent e) throws IOException {
        head(e.seq(), e.cpu(), e.actor(), e.action(), e.regs(), e.payloadBytes(), e.payloadLength(), e.args());
        g.writeStartObject();
        if (e.retHex() != null) {
            g.writeFieldName(JsonNames.HEX);
            g.writeString(e.retHex());
        }
        retFields(e.ret());
        g.writeFieldName(JsonNames.CHANGES);
        g.writeStartObject();
        for (Map.Entry<Variable, Object> entry : e.changes().entrySet()) {
            g.writeFieldName(JsonNames.of(entry.getKey()));
            value(entry.getKey(), entry.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /**
     * An event from its parts: {@code payload} holds the copied bytes in its first {@code payloadLength} (-1: no
     * payload field); {@code x0} is the delivered value, written as {@code hex} unless {@code ret} is none;
     * {@code changed} is the bit mask ({@link Variable#bit()}) of the variables whose new values {@code state}
     * holds.
     */
    void event(long seq, int cpu, Actor actor, Action action, Regs regs, byte[] payload, int payloadLength,
               List<Arg> args, Ret ret, long x0, StateView state, int changed) throws IOException {
        head(seq, cpu, actor, action, regs, payload, payloadLength, args);
        g.writeStartObject();
        if (ret.hasEncoding()) {
            g.writeFieldName(JsonNames.HEX);
            hex.writeX64(g, x0);
        }
        retFields(ret);
        g.writeFieldName(JsonNames.CHANGES);
        g.writeStartObject();
        for (int b = 0; b < Variable.count(); b++) {
            if ((changed & (1 << b)) != 0) {
                Variable v = Variable.ofOrdinal(b);
                g.writeFieldName(JsonNames.of(v));
                variable(state, v);
            }
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static SerializableString actorJson(Actor a) {
        return new SerializedString(a.isCpu() ? "{\"cpu\":" + a.cpu() + "}"
                : "{\"vm\":" + a.vm() + ",\"vcpu\":" + a.vcpu() + "}");
    }

    /** Everything up to and including the {@code ret} field name. */
    private void head(long seq, int cpu, Actor actor, Action action, Regs regs, byte[] payload, int payloadLength,
                      List<Arg> args) throws IOException {
        g.writeStartObject();
        g.writeFieldName(JsonNames.SEQ);
        g.writeNumber(seq);
        g.writeFieldName(JsonNames.CPU);
        g.writeNumber(cpu);
        g.writeFieldName(JsonNames.ACTOR);
        g.writeRawValue(actors.computeIfAbsent(actor, EventWriter::actorJson));
        g.writeFieldName(JsonNames.ACTION);
        g.writeString(JsonNames.of(action));
        if (regs != null) {
            g.writeFieldName(JsonNames.REGS);
            hex.writeRegs(g, regs);
        }
        if (payloadLength >= 0) {
            g.writeFieldName(JsonNames.PAYLOAD);
            hex.writeBytes(g, payload, payloadLength);
        }
        g.writeFieldName(JsonNames.ARGS);
        g.writeStartObject();
        for (int j = 0; j < args.size(); j++) {
            Arg a = args.get(j);
            Object v = a.value();
            g.writeFieldName(JsonNames.name(a.name()));
            if (v instanceof Integer i) {
                g.writeNumber(i);
            } else if (v instanceof Boolean b) {
                g.writeBoolean(b);
            } else {
                g.writeString((String) v);
            }
        }
        g.writeEndObject();
        g.writeFieldName(JsonNames.RET);
    }

    /** A return record inside a state value: its {@code hex} is its own encoding. */
    void ret(Ret r) throws IOException {
        SerializableString common = CommonValues.of(r);
        if (common != null) {
            g.writeRawValue(common);
        } else {
            retUncached(r);
        }
    }

    void retUncached(Ret r) throws IOException {
        g.writeStartObject();
        if (r.hasEncoding()) {
            g.writeFieldName(JsonNames.HEX);
            hex.writeX64(g, r.encoding());
        }
        retFields(r);
    }

    /** A return record with an explicit {@code hex} (null: none). */
    void ret(Ret r, String hexText) throws IOException {
        g.writeStartObject();
        if (hexText != null) {
            g.writeFieldName(JsonNames.HEX);
            g.writeString(hexText);
        }
        retFields(r);
    }

    /** The fields after {@code hex}, and the closing brace. */
    private void retFields(Ret r) throws IOException {
        g.writeFieldName(JsonNames.KIND);
        if (r instanceof Ret.Int i) {
            g.writeString(JsonNames.KIND_INT);
            g.writeFieldName(JsonNames.VALUE);
            g.writeNumber(i.value());
        } else if (r instanceof Ret.Run run) {
            g.writeString(JsonNames.KIND_RUN);
            g.writeFieldName(JsonNames.CODE);
            g.writeString(JsonNames.of(run.code()));
            g.writeFieldName(JsonNames.VM_ID);
            g.writeNumber(run.vmId());
            g.writeFieldName(JsonNames.DATA);
            g.writeNumber(run.data());
        } else if (r instanceof Ret.Recv recv) {
            g.writeString(JsonNames.KIND_RECV);
            g.writeFieldName(JsonNames.VM_ID);
            g.writeNumber(recv.vmId());
            g.writeFieldName(JsonNames.SIZE);
            g.writeNumber(recv.size());
        } else if (r instanceof Ret.ContextId) {
            g.writeString(JsonNames.KIND_CONTEXT_ID);
        } else {
            g.writeString(JsonNames.KIND_NONE);
        }
        g.writeEndObject();
    }

    /** One variable's value in the immutable forms of {@link StateSnapshot}. */
    @SuppressWarnings("unchecked")
    void value(Variable v, Object value) throws IOException {
        g.writeStartArray();
        for (Object item : (List<Object>) value) {
            switch (v) {
                case VCPU_STATE, SAVED_X0, REGS_AVAILABLE, RECV_PENDING, RECV_WAITER, WAITING_FOR -> {
                    g.writeStartArray();
                    for (Object x : (List<Object>) item) {
                        scalar(x);
                    }
                    g.writeEndArray();
                }
                default -> scalar(item);
            }
        }
        g.writeEndArray();
    }

    /** One variable's value read from a live state. */
    void variable(StateView s, Variable v) throws IOException {
        SystemShape shape = s.shape();
        int vms = shape.vmCount();
        int cpus = shape.cpus();
        g.writeStartArray();
        switch (v) {
            case VCPU_STATE, SAVED_X0, REGS_AVAILABLE, RECV_PENDING, WAITING_FOR -> {
                for (int k = 0; k < vms; k++) {
                    g.writeStartArray();
                    int n = shape.vcpuCount(k);
                    for (int i = 0; i < n; i++) {
                        switch (v) {
                            case VCPU_STATE -> g.writeString(JsonNames.of(s.vcpuState(k, i)));
                            case SAVED_X0 -> ret(s.savedX0(k, i));
                            case REGS_AVAILABLE -> g.writeBoolean(s.regsAvailable(k, i));
                            case WAITING_FOR -> g.writeString(JsonNames.of(s.waitingFor(k, i)));
                            default -> ret(s.recvPending(k, i));
                        }
                    }
                    g.writeEndArray();
                }
            }
            case RECV_WAITER -> {
                for (int k = 0; k < vms; k++) {
                    g.writeStartArray();
                    for (int w : s.recvWaiter(k)) {
                        g.writeNumber(w);
                    }
                    g.writeEndArray();
                }
            }
            case MAILBOX_STATE, RECV_FROM_ID, RECV_BYTES, SEND_CONFIGURED, RECV_CONFIGURED, DELIVERED,
                 WANTS_SEND_TO -> {
                for (int k = 0; k < vms; k++) {
                    switch (v) {
                        case MAILBOX_STATE -> g.writeString(JsonNames.of(s.mailboxState(k)));
                        case RECV_FROM_ID -> g.writeNumber(s.recvFromId(k));
                        case RECV_BYTES -> g.writeNumber(s.recvBytes(k));
                        case SEND_CONFIGURED -> g.writeBoolean(s.sendConfigured(k));
                        case DELIVERED -> ret(s.delivered(k));
                        case WANTS_SEND_TO -> g.writeNumber(s.wantsSendTo(k));
                        default -> g.writeBoolean(s.recvConfigured(k));
                    }
                }
            }
            default -> {
                for (int c = 0; c < cpus; c++) {
                    switch (v) {
                        case CURRENT -> vcpuId(s.current(c));
                        case IS_ON -> g.writeBoolean(s.isOn(c));
                        default -> cpuOp(s.cpuOp(c));
                    }
                }
            }
        }
        g.writeEndArray();
    }

    private void scalar(Object x) throws IOException {
        if (x instanceof VcpuState s) {
            g.writeString(JsonNames.of(s));
        } else if (x instanceof MailboxState s) {
            g.writeString(JsonNames.of(s));
        } else if (x instanceof WaitingFor w) {
            g.writeString(JsonNames.of(w));
        } else if (x instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (x instanceof Integer i) {
            g.writeNumber(i);
        } else if (x instanceof Ret r) {
            ret(r);
        } else if (x instanceof VcpuId id) {
            vcpuId(id);
        } else if (x instanceof CpuOp op) {
            cpuOp(op);
        } else {
            throw new IllegalArgumentException("not a state value: " + x);
        }
    }

    private void vcpuId(VcpuId id) throws IOException {
        g.writeStartArray();
        if (!id.isNone()) {
            g.writeNumber(id.vm());
            g.writeNumber(id.idx());
        }
        g.writeEndArray();
    }

    private void cpuOp(CpuOp op) throws IOException {
        SerializableString common = CommonValues.of(op);
        if (common != null) {
            g.writeRawValue(common);
        } else {
            cpuOpUncached(op);
        }
    }

    void cpuOpUncached(CpuOp op) throws IOException {
        g.writeStartObject();
        g.writeFieldName(JsonNames.OP);
        g.writeString(JsonNames.name(op.op()));
        if (op instanceof CpuOp.MailboxSend s) {
            g.writeFieldName(JsonNames.TO);
            g.writeNumber(s.to());
            g.writeFieldName(JsonNames.SIZE);
            g.writeNumber(s.size());
        } else if (op instanceof CpuOp.MailboxSendSwitch s) {
            g.writeFieldName(JsonNames.PRIMARY_RET);
            ret(s.primaryRet());
            g.writeFieldName(JsonNames.USER_RET);
            ret(s.userRet());
        } else if (op instanceof CpuOp.VcpuSwitch s) {
            g.writeFieldName(JsonNames.NEXT);
            vcpuId(s.next());
            g.writeFieldName(JsonNames.USER_RET);
            ret(s.userRet());
        }
        g.writeEndObject();
    }
}
