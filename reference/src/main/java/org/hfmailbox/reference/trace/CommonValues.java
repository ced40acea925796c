package org.hfmailbox.reference.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.hfmailbox.reference.CpuOp;
import org.hfmailbox.reference.abi.Ret;

/**
 * The JSON of the state values that most events repeat (the shared return records and {@code cpu_op} values),
 * written once by {@link EventWriter} itself and then copied as raw bytes. Immutable.
 */
final class CommonValues {
    private static final SerializableString NONE = encodeRet(Ret.NONE);
    private static final SerializableString ZERO = encodeRet(Ret.ZERO);
    private static final SerializableString MINUS_ONE = encodeRet(Ret.MINUS_ONE);
    private static final SerializableString RUN_YIELD = encodeRet(Ret.RUN_YIELD);
    private static final SerializableString RUN_WAIT = encodeRet(Ret.RUN_WAIT_FOR_INTERRUPT);
    private static final SerializableString OFF = encodeOp(CpuOp.OFF);
    private static final SerializableString GUEST = encodeOp(CpuOp.GUEST);
    private static final SerializableString CPU_ENTRY = encodeOp(CpuOp.CPU_ENTRY);
    private static final SerializableString MAILBOX_RECEIVE = encodeOp(CpuOp.MAILBOX_RECEIVE);

    private CommonValues() {
    }

    /** The encoded JSON of a shared return record (compared by identity), or null. */
    static SerializableString of(Ret r) {
        if (r == Ret.NONE) {
            return NONE;
        } else if (r == Ret.ZERO) {
            return ZERO;
        } else if (r == Ret.MINUS_ONE) {
            return MINUS_ONE;
        } else if (r == Ret.RUN_YIELD) {
            return RUN_YIELD;
        } else if (r == Ret.RUN_WAIT_FOR_INTERRUPT) {
            return RUN_WAIT;
        }
        return null;
    }

    /** The encoded JSON of a shared {@code cpu_op} value (compared by identity), or null. */
    static SerializableString of(CpuOp op) {
        if (op == CpuOp.GUEST) {
            return GUEST;
        } else if (op == CpuOp.OFF) {
            return OFF;
        } else if (op == CpuOp.CPU_ENTRY) {
            return CPU_ENTRY;
        } else if (op == CpuOp.MAILBOX_RECEIVE) {
            return MAILBOX_RECEIVE;
        }
        return null;
    }

    private interface Writing {
        void write(EventWriter w) throws IOException;
    }

    private static SerializableString encodeRet(Ret r) {
        return encode(w -> w.retUncached(r));
    }

    private static SerializableString encodeOp(CpuOp op) {
        return encode(w -> w.cpuOpUncached(op));
    }

    private static SerializableString encode(Writing writing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            writing.write(new EventWriter(g));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SerializedString(out.toString(StandardCharsets.UTF_8));
    }
}
