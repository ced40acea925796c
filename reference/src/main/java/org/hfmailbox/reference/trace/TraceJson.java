package org.hfmailbox.reference.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.hfmailbox.reference.CpuOp;
import org.hfmailbox.reference.MailboxState;
import org.hfmailbox.reference.VcpuId;
import org.hfmailbox.reference.VcpuState;
import org.hfmailbox.reference.abi.Ret;

/**
 * The JSON forms of docs/trace-format.md: writes headers and events with their fixed field order through a
 * streaming {@link JsonGenerator}, or as Jackson trees for in-process consumers.
 */
public final class TraceJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TraceJson() {
    }

    public static void writeHeader(JsonGenerator g, TraceHeader h) throws IOException {
        g.writeStartObject();
        g.writeStringField("format", TraceHeader.FORMAT);
        g.writeNumberField("version", TraceHeader.VERSION);
        g.writeStringField("semantics", h.semantics().name());
        g.writeArrayFieldStart("corrections");
        for (String name : h.semantics().names()) {
            g.writeString(name);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("shape");
        g.writeNumberField("cpus", h.shape().cpus());
        g.writeArrayFieldStart("vcpu_count");
        for (int n : h.shape().vcpuCount()) {
            g.writeNumber(n);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("init");
        for (Variable v : Variable.values()) {
            g.writeFieldName(v.jsonName());
            writeValue(g, v, h.init().value(v));
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    public static void writeEvent(JsonGenerator g, TraceEvent e) throws IOException {
        g.writeStartObject();
        g.writeNumberField("seq", e.seq());
        g.writeNumberField("cpu", e.cpu());
        g.writeObjectFieldStart("actor");
        if (e.actor().isCpu()) {
            g.writeNumberField("cpu", e.actor().cpu());
        } else {
            g.writeNumberField("vm", e.actor().vm());
            g.writeNumberField("vcpu", e.actor().vcpu());
        }
        g.writeEndObject();
        g.writeStringField("action", e.action().jsonName());
        if (e.regs() != null) {
            g.writeObjectFieldStart("regs");
            g.writeStringField("x0", hex64(e.regs().x0()));
            g.writeStringField("x1", hex64(e.regs().x1()));
            g.writeStringField("x2", hex64(e.regs().x2()));
            g.writeStringField("x3", hex64(e.regs().x3()));
            g.writeEndObject();
        }
        if (e.payloadLength() >= 0) {
            g.writeStringField("payload", hexBytes(e.payload()));
        }
        g.writeObjectFieldStart("args");
        for (Arg a : e.args()) {
            Object v = a.value();
            if (v instanceof Integer i) {
                g.writeNumberField(a.name(), i);
            } else if (v instanceof Boolean b) {
                g.writeBooleanField(a.name(), b);
            } else {
                g.writeStringField(a.name(), (String) v);
            }
        }
        g.writeEndObject();
        g.writeFieldName("ret");
        writeRet(g, e.ret(), e.retHex());
        g.writeObjectFieldStart("changes");
        for (var entry : e.changes().entrySet()) {
            g.writeFieldName(entry.getKey().jsonName());
            writeValue(g, entry.getKey(), entry.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A return record: {@code {"hex": ..., "kind": ..., fields...}}; {@code hex} absent for none. */
    public static void writeRet(JsonGenerator g, Ret r, String hex) throws IOException {
        g.writeStartObject();
        if (hex != null) {
            g.writeStringField("hex", hex);
        }
        g.writeStringField("kind", r.kind());
        if (r instanceof Ret.Int i) {
            g.writeNumberField("value", i.value());
        } else if (r instanceof Ret.Run run) {
            g.writeStringField("code", run.code().name());
            g.writeNumberField("vm_id", run.vmId());
            g.writeNumberField("data", run.data());
        } else if (r instanceof Ret.Recv recv) {
            g.writeNumberField("vm_id", recv.vmId());
            g.writeNumberField("size", recv.size());
        }
        g.writeEndObject();
    }

    /** The JSON form of one variable's value (the immutable forms of {@link StateSnapshot}). */
    @SuppressWarnings("unchecked")
    public static void writeValue(JsonGenerator g, Variable v, Object value) throws IOException {
        g.writeStartArray();
        for (Object item : (List<Object>) value) {
            switch (v) {
                case VCPU_STATE, SAVED_X0, REGS_AVAILABLE, RECV_PENDING, RECV_WAITER -> {
                    g.writeStartArray();
                    for (Object x : (List<Object>) item) {
                        writeScalar(g, x);
                    }
                    g.writeEndArray();
                }
                default -> writeScalar(g, item);
            }
        }
        g.writeEndArray();
    }

    private static void writeScalar(JsonGenerator g, Object x) throws IOException {
        if (x instanceof VcpuState s) {
            g.writeString(s.jsonName());
        } else if (x instanceof MailboxState s) {
            g.writeString(s.jsonName());
        } else if (x instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (x instanceof Integer i) {
            g.writeNumber(i);
        } else if (x instanceof Ret r) {
            writeRet(g, r, r.hex());
        } else if (x instanceof VcpuId id) {
            g.writeStartArray();
            if (!id.isNone()) {
                g.writeNumber(id.vm());
                g.writeNumber(id.idx());
            }
            g.writeEndArray();
        } else if (x instanceof CpuOp op) {
            writeCpuOp(g, op);
        } else {
            throw new IllegalArgumentException("not a state value: " + x);
        }
    }

    private static void writeCpuOp(JsonGenerator g, CpuOp op) throws IOException {
        g.writeStartObject();
        g.writeStringField("op", op.op());
        if (op instanceof CpuOp.MailboxSend s) {
            g.writeNumberField("to", s.to());
            g.writeNumberField("size", s.size());
        } else if (op instanceof CpuOp.MailboxSendSwitch s) {
            g.writeFieldName("primary_ret");
            writeRet(g, s.primaryRet(), s.primaryRet().hex());
            g.writeFieldName("user_ret");
            writeRet(g, s.userRet(), s.userRet().hex());
        } else if (op instanceof CpuOp.VcpuSwitch s) {
            g.writeFieldName("next");
            writeScalar(g, s.next());
            g.writeFieldName("user_ret");
            writeRet(g, s.userRet(), s.userRet().hex());
        }
        g.writeEndObject();
    }

    public static String hex64(long value) {
        char[] out = new char[18];
        out[0] = '0';
        out[1] = 'x';
        for (int i = 0; i < 16; i++) {
            out[17 - i] = HEX[(int) (value >>> (4 * i)) & 0xf];
        }
        return new String(out);
    }

    public static String hexBytes(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** One NDJSON line (without the newline) for a header. */
    public static String headerLine(TraceHeader h) {
        return line(g -> writeHeader(g, h));
    }

    /** One NDJSON line (without the newline) for an event. */
    public static String eventLine(TraceEvent e) {
        return line(g -> writeEvent(g, e));
    }

    public static ObjectNode headerNode(TraceHeader h) {
        return tree(headerLine(h));
    }

    public static ObjectNode eventNode(TraceEvent e) {
        return tree(eventLine(e));
    }

    private interface Writing {
        void write(JsonGenerator g) throws IOException;
    }

    private static String line(Writing w) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            w.write(g);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    private static ObjectNode tree(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
