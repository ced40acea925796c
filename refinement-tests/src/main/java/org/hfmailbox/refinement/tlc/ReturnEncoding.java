package org.hfmailbox.refinement.tlc;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The 64-bit encodings of return records (docs/vocabulary.md, "Return records"). A trace carries each return value
 * both as {@code hex} and as decoded fields; the spec sees only the fields. So that a wrong encoding is still a
 * step the spec rejects, a record whose {@code hex} is not the encoding of its fields is given to TLC with an extra
 * field {@code hex_mismatch} (which no spec value has): TLC then rejects the step at that value.
 */
public final class ReturnEncoding {
    private static final java.util.regex.Pattern HEX = java.util.regex.Pattern.compile("0x[0-9a-f]{16}");
    private static final List<String> RUN_CODES = List.of("YIELD", "WAIT_FOR_INTERRUPT", "WAKE_UP", "MESSAGE");

    private ReturnEncoding() {
    }

    /** True when the record has no hex, or a kind without a checkable encoding, or hex equals its encoding. */
    public static boolean consistent(JsonNode record) {
        JsonNode hex = record.get("hex");
        if (hex == null || !hex.isTextual()) {
            return true;
        }
        String h = hex.asText();
        if (!HEX.matcher(h).matches()) {
            return false;
        }
        long actual = Long.parseUnsignedLong(h.substring(2), 16);
        Long expected = encode(record);
        return expected == null || expected == actual;
    }

    /**
     * The 64-bit encoding of a spec return record (a TLC record value), or null when its kind has none to check
     * ({@code none}: no value reaches the guest; {@code context_id}: the CPU_ON x3, which the spec does not model).
     */
    public static Long encode(tlc2.value.IValue ret) {
        if (!(ret instanceof tlc2.value.impl.RecordValue r)) {
            return null;
        }
        String kind = text(r, "kind");
        switch (kind == null ? "" : kind) {
            case "int":
                return (long) integer(r, "value");
            case "run":
                return RUN_CODES.indexOf(text(r, "code")) | ((long) integer(r, "vm_id") << 16)
                        | ((long) integer(r, "data") << 32);
            case "recv":
                return integer(r, "vm_id") | ((long) integer(r, "size") << 32);
            default:
                return null;
        }
    }

    /** The kind of a spec return record, or null when it is not one. */
    public static String kind(tlc2.value.IValue ret) {
        return ret instanceof tlc2.value.impl.RecordValue r ? text(r, "kind") : null;
    }

    private static String text(tlc2.value.impl.RecordValue r, String field) {
        tlc2.value.impl.Value v = r.select(new tlc2.value.impl.StringValue(field));
        return v instanceof tlc2.value.impl.StringValue s ? s.getVal().toString() : null;
    }

    private static int integer(tlc2.value.impl.RecordValue r, String field) {
        tlc2.value.impl.Value v = r.select(new tlc2.value.impl.StringValue(field));
        return v instanceof tlc2.value.impl.IntValue i ? i.val : 0;
    }

    /** The encoding of the record's fields, or null when the kind has none to check (context_id, none). */
    static Long encode(JsonNode r) {
        String kind = r.path("kind").asText();
        switch (kind) {
            case "int":
                return r.path("value").isIntegralNumber() ? r.path("value").asLong() : Long.MIN_VALUE;
            case "run": {
                int code = RUN_CODES.indexOf(r.path("code").asText());
                long vm = r.path("vm_id").asLong(-1);
                long data = r.path("data").asLong(-1);
                if (code < 0 || vm < 0 || vm > 0xffff || data < 0 || data > 0xffffffffL) {
                    return Long.MIN_VALUE;
                }
                return code | (vm << 16) | (data << 32);
            }
            case "recv": {
                long vm = r.path("vm_id").asLong(-1);
                long size = r.path("size").asLong(-1);
                if (vm < 0 || vm > 0xffff || size < 0 || size > 0xffffffffL) {
                    return Long.MIN_VALUE;
                }
                return vm | (size << 32);
            }
            default:
                return null;
        }
    }
}
