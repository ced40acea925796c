package org.hfmailbox.reference.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.hfmailbox.reference.abi.Ret;

/**
 * The JSON forms of docs/trace-format.md: writes headers and events with their fixed field order through a
 * streaming {@link JsonGenerator} (see {@link EventWriter}), or as lines and Jackson trees for in-process consumers.
 * Generators must write bytes (UTF-8), as {@link NdjsonTraceWriter}'s do.
 */
public final class TraceJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TraceJson() {
    }

    public static void writeHeader(JsonGenerator g, TraceHeader h) throws IOException {
        new EventWriter(g).header(h);
    }

    public static void writeEvent(JsonGenerator g, TraceEvent e) throws IOException {
        new EventWriter(g).event(e);
    }

    /** A return record: {@code {"hex": ..., "kind": ..., fields...}}; {@code hex} absent when null. */
    public static void writeRet(JsonGenerator g, Ret r, String hex) throws IOException {
        new EventWriter(g).ret(r, hex);
    }

    /** The JSON form of one variable's value (the immutable forms of {@link StateSnapshot}). */
    public static void writeValue(JsonGenerator g, Variable v, Object value) throws IOException {
        new EventWriter(g).value(v, value);
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
        return line(w -> w.header(h));
    }

    /** One NDJSON line (without the newline) for an event. */
    public static String eventLine(TraceEvent e) {
        return line(w -> w.event(e));
    }

    public static ObjectNode headerNode(TraceHeader h) {
        return tree(headerLine(h));
    }

    public static ObjectNode eventNode(TraceEvent e) {
        return tree(eventLine(e));
    }

    private interface Writing {
        void write(EventWriter w) throws IOException;
    }

    private static String line(Writing w) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            w.write(new EventWriter(g));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ObjectNode tree(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
