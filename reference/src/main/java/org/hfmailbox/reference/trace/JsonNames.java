package org.hfmailbox.reference.trace;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import org.hfmailbox.reference.Action;
import org.hfmailbox.reference.MailboxState;
import org.hfmailbox.reference.VcpuState;
import org.hfmailbox.reference.WaitingFor;
import org.hfmailbox.reference.abi.RunCode;

/** The trace's field names and enum values, encoded once (Jackson reuses their UTF-8 and quoted forms). */
final class JsonNames {
    private JsonNames() {
    }

    static final SerializableString SEQ = new SerializedString("seq");
    static final SerializableString CPU = new SerializedString("cpu");
    static final SerializableString ACTOR = new SerializedString("actor");
    static final SerializableString ACTION = new SerializedString("action");
    static final SerializableString REGS = new SerializedString("regs");
    static final SerializableString PAYLOAD = new SerializedString("payload");
    static final SerializableString ARGS = new SerializedString("args");
    static final SerializableString RET = new SerializedString("ret");
    static final SerializableString CHANGES = new SerializedString("changes");
    static final SerializableString HEX = new SerializedString("hex");
    static final SerializableString KIND = new SerializedString("kind");
    static final SerializableString VALUE = new SerializedString("value");
    static final SerializableString CODE = new SerializedString("code");
    static final SerializableString VM_ID = new SerializedString("vm_id");
    static final SerializableString DATA = new SerializedString("data");
    static final SerializableString SIZE = new SerializedString("size");
    static final SerializableString OP = new SerializedString("op");
    static final SerializableString TO = new SerializedString("to");
    static final SerializableString PRIMARY_RET = new SerializedString("primary_ret");
    static final SerializableString USER_RET = new SerializedString("user_ret");
    static final SerializableString NEXT = new SerializedString("next");
    static final SerializableString KIND_INT = new SerializedString("int");
    static final SerializableString KIND_RUN = new SerializedString("run");
    static final SerializableString KIND_RECV = new SerializedString("recv");
    static final SerializableString KIND_CONTEXT_ID = new SerializedString("context_id");
    static final SerializableString KIND_NONE = new SerializedString("none");

    private static final SerializableString[] ACTIONS = encode(Action.values().length, i -> Action.values()[i].jsonName());
    private static final SerializableString[] VARIABLES =
            encode(Variable.count(), i -> Variable.ofOrdinal(i).jsonName());
    private static final SerializableString[] VCPU_STATES =
            encode(VcpuState.values().length, i -> VcpuState.values()[i].jsonName());
    private static final SerializableString[] MAILBOX_STATES =
            encode(MailboxState.values().length, i -> MailboxState.values()[i].jsonName());
    private static final SerializableString[] WAITING_FOR =
            encode(WaitingFor.values().length, i -> WaitingFor.values()[i].jsonName());
    private static final SerializableString[] RUN_CODES =
            encode(RunCode.values().length, i -> RunCode.values()[i].name());

    private static final java.util.Map<String, SerializableString> OTHER_NAMES = encodeAll(
            "off", "cpu_entry", "guest", "mailbox_send", "mailbox_receive", "mailbox_send_switch", "vcpu_switch",
            "vm_id", "vcpu_idx", "size", "block", "pages", "target_cpu", "target", "level");

    /** A {@code cpu_op} name or an argument name, pre-encoded when it is one of the vocabulary's. */
    static SerializableString name(String text) {
        SerializableString s = OTHER_NAMES.get(text);
        return s != null ? s : new SerializedString(text);
    }

    private static java.util.Map<String, SerializableString> encodeAll(String... names) {
        java.util.Map<String, SerializableString> m = new java.util.HashMap<>();
        for (String n : names) {
            m.put(n, new SerializedString(n));
        }
        return java.util.Map.copyOf(m);
    }

    static SerializableString of(Action a) {
        return ACTIONS[a.ordinal()];
    }

    static SerializableString of(Variable v) {
        return VARIABLES[v.ordinal()];
    }

    static SerializableString of(VcpuState s) {
        return VCPU_STATES[s.ordinal()];
    }

    static SerializableString of(MailboxState s) {
        return MAILBOX_STATES[s.ordinal()];
    }

    static SerializableString of(WaitingFor w) {
        return WAITING_FOR[w.ordinal()];
    }

    static SerializableString of(RunCode c) {
        return RUN_CODES[c.ordinal()];
    }

    private static SerializableString[] encode(int n, java.util.function.IntFunction<String> name) {
        SerializableString[] out = new SerializableString[n];
        for (int i = 0; i < n; i++) {
            out[i] = new SerializedString(name.apply(i));
        }
        return out;
    }
}
