package org.hfmailbox.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The word layout of the image's state snapshot (events.S snapshot_build) for one shape, and the conversion of the
 * trace's JSON variables into it, so that a reference state and an EL2 state compare word by word; a differing
 * word is explained field by field with the vocabulary's names. The ghosts {@code delivered}, {@code waiting_for}
 * and {@code wants_send_to} have no words: the image does not compute them.
 *
 * <pre>
 * per vCPU (VM-major): [vcpu_state | saved_x0 present &lt;&lt; 24], saved_x0 (0 when none), 0 (the spec's ghosts
 *          regs_available and recv_pending are neither computed by the image nor compared)
 * per VM:  [mailbox_state | send_configured &lt;&lt; 8 | recv_configured &lt;&lt; 16 | recv_bytes &lt;&lt; 32], recv_from_id,
 *          recv_waiter (count | idx_j &lt;&lt; (8 + 4j), head first)
 * per CPU: [current (1 | vm &lt;&lt; 8 | idx &lt;&lt; 16) | is_on &lt;&lt; 24 | op &lt;&lt; 32 | user_ret present &lt;&lt; 40], a, b
 *          (mailbox_send: to, size; mailbox_send_switch: primary_ret, user_ret; vcpu_switch: next, user_ret)
 * </pre>
 */
public final class El2Snapshot {
    static final String[] VCPU_STATES = {"off", "ready", "running", "blocked_mailbox", "blocked_interrupt"};
    static final String[] MAILBOX_STATES = {"empty", "received", "read"};
    static final String[] OPS = {"off", "cpu_entry", "guest", "mailbox_send", "mailbox_receive",
        "mailbox_send_switch", "vcpu_switch"};

    private final int cpus;
    private final List<Integer> vcpuCount;
    private final int[] vcpuBase;
    private final int vmBase;
    private final int cpuBase;
    private final int size;

    public El2Snapshot(int cpus, List<Integer> vcpuCount) {
        this.cpus = cpus;
        this.vcpuCount = List.copyOf(vcpuCount);
        this.vcpuBase = new int[vcpuCount.size()];
        int w = 0;
        for (int k = 0; k < vcpuCount.size(); k++) {
            vcpuBase[k] = w;
            w += 3 * vcpuCount.get(k);
        }
        this.vmBase = w;
        this.cpuBase = vmBase + 3 * vcpuCount.size();
        this.size = cpuBase + 3 * cpus;
    }

    public int size() {
        return size;
    }

    /** The words of a full JSON state (a trace header's {@code init}). */
    public long[] encode(JsonNode state) {
        long[] words = new long[size];
        state.fields().forEachRemaining(e -> apply(e.getKey(), e.getValue(), words));
        return words;
    }

    /** Writes one variable's full new value (a trace event's {@code changes} entry) into the words. */
    public void apply(String variable, JsonNode value, long[] w) {
        int vms = vcpuCount.size();
        switch (variable) {
            case "vcpu_state" -> perVcpu(value, (k, i, v) -> set(w, vcpuWord(k, i), 0, 8, indexOf(VCPU_STATES, v.asText())));
            case "saved_x0" -> perVcpu(value, (k, i, v) -> {
                boolean present = !"none".equals(v.path("kind").asText());
                set(w, vcpuWord(k, i), 24, 8, present ? 1 : 0);
                w[vcpuWord(k, i) + 1] = present ? hex(v) : 0;
            });
            case "mailbox_state" -> perVm(value, vms, (k, v) -> set(w, vmWord(k), 0, 8, indexOf(MAILBOX_STATES, v.asText())));
            case "send_configured" -> perVm(value, vms, (k, v) -> set(w, vmWord(k), 8, 8, v.asBoolean() ? 1 : 0));
            case "recv_configured" -> perVm(value, vms, (k, v) -> set(w, vmWord(k), 16, 8, v.asBoolean() ? 1 : 0));
            case "recv_bytes" -> perVm(value, vms, (k, v) -> set(w, vmWord(k), 32, 32, v.asLong()));
            case "recv_from_id" -> perVm(value, vms, (k, v) -> w[vmWord(k) + 1] = v.asLong());
            case "recv_waiter" -> perVm(value, vms, (k, v) -> {
                long enc = v.size();
                for (int j = 0; j < v.size() && j < El2Layout.MAX_VCPUS; j++) {
                    enc |= v.get(j).asLong() << (8 + 4 * j);
                }
                w[vmWord(k) + 2] = enc;
            });
            case "current" -> perVm(value, cpus, (c, v) -> set(w, cpuWord(c), 0, 24, vcpuRef(v)));
            case "is_on" -> perVm(value, cpus, (c, v) -> set(w, cpuWord(c), 24, 8, v.asBoolean() ? 1 : 0));
            case "cpu_op" -> perVm(value, cpus, (c, v) -> {
                String op = v.path("op").asText();
                int id = indexOf(OPS, op);
                long a = 0;
                long b = 0;
                boolean userRet = false;
                switch (op) {
                    case "mailbox_send" -> {
                        a = v.path("to").asLong();
                        b = v.path("size").asLong();
                    }
                    case "mailbox_send_switch" -> {
                        a = hex(v.path("primary_ret"));
                        b = hex(v.path("user_ret"));
                    }
                    case "vcpu_switch" -> {
                        a = vcpuRef(v.path("next"));
                        userRet = !"none".equals(v.path("user_ret").path("kind").asText());
                        b = userRet ? hex(v.path("user_ret")) : 0;
                    }
                    default -> {
                    }
                }
                set(w, cpuWord(c), 32, 8, id);
                set(w, cpuWord(c), 40, 8, userRet ? 1 : 0);
                w[cpuWord(c) + 1] = a;
                w[cpuWord(c) + 2] = b;
            });
            case "delivered", "waiting_for", "wants_send_to" -> {
                // the ghosts of what guests asked for and were handed (docs/vocabulary.md, issue 10): the EL2 code
                // does not compute them, so the comparison with the reference skips them
            }
            default -> {
                // the step record and the spec's ghosts (regs_available, recv_pending, delivered, waiting_for,
                // wants_send_to), which the image does not compute, are not compared
            }
        }
    }

    /** Field-level differences of word {@code index} between the reference's and the image's values. */
    public List<FieldDifference> explain(int index, long reference, long el2) {
        List<FieldDifference> out = new ArrayList<>();
        if (index < vmBase) {
            int k = vcpuCount.size() - 1;
            while (vcpuBase[k] > index) {
                k--;
            }
            int i = (index - vcpuBase[k]) / 3;
            int part = (index - vcpuBase[k]) % 3;
            String at = "[" + k + "][" + i + "]";
            if (part == 0) {
                field(out, "vcpu_state" + at, name(VCPU_STATES, bits(reference, 0, 8)), name(VCPU_STATES, bits(el2, 0, 8)));
                field(out, "saved_x0" + at + " present (not none)", bits(reference, 24, 8) != 0, bits(el2, 24, 8) != 0);
            } else {
                field(out, "saved_x0" + at, hexText(reference), hexText(el2));
            }
        } else if (index < cpuBase) {
            int k = (index - vmBase) / 3;
            int part = (index - vmBase) % 3;
            String at = "[" + k + "]";
            if (part == 0) {
                field(out, "mailbox_state" + at, name(MAILBOX_STATES, bits(reference, 0, 8)), name(MAILBOX_STATES, bits(el2, 0, 8)));
                field(out, "send_configured" + at, bits(reference, 8, 8) != 0, bits(el2, 8, 8) != 0);
                field(out, "recv_configured" + at, bits(reference, 16, 8) != 0, bits(el2, 16, 8) != 0);
                field(out, "recv_bytes" + at, bits(reference, 32, 32), bits(el2, 32, 32));
            } else if (part == 1) {
                field(out, "recv_from_id" + at, reference, el2);
            } else {
                field(out, "recv_waiter" + at, waiterText(reference), waiterText(el2));
            }
        } else {
            int c = (index - cpuBase) / 3;
            int part = (index - cpuBase) % 3;
            String at = "[" + c + "]";
            if (part == 0) {
                field(out, "current" + at, vcpuRefText((int) bits(reference, 0, 24)), vcpuRefText((int) bits(el2, 0, 24)));
                field(out, "is_on" + at, bits(reference, 24, 8) != 0, bits(el2, 24, 8) != 0);
                field(out, "cpu_op" + at + ".op", name(OPS, bits(reference, 32, 8)), name(OPS, bits(el2, 32, 8)));
                field(out, "cpu_op" + at + ".user_ret present", bits(reference, 40, 8) != 0, bits(el2, 40, 8) != 0);
            } else {
                field(out, "cpu_op" + at + (part == 1 ? " field a (to / primary_ret / next)" : " field b (size / user_ret)"),
                        hexText(reference), hexText(el2));
            }
        }
        return out;
    }

    /** {@code vcpu_state[k][i]} in a snapshot of this shape. */
    public String vcpuState(long[] words, int k, int i) {
        long v = bits(words[vcpuWord(k, i)], 0, 8);
        return v < VCPU_STATES.length ? VCPU_STATES[(int) v] : "#" + v;
    }

    /**
     * Whether a word's change from {@code before} to {@code after} changes hypervisor state: a vCPU's or a VM's
     * fields, or a CPU's {@code current} / {@code is_on}; not a CPU's {@code cpu_op} (where it is in a handler).
     */
    public boolean changesHypervisorState(int index, long before, long after) {
        if (before == after) {
            return false;
        }
        if (index < cpuBase) {
            return true;
        }
        return (index - cpuBase) % 3 == 0 && ((before ^ after) & 0xffff_ffffL) != 0;
    }

    /** The CPU {@code c}'s {@code current} vCPU {@code {k, i}} in a snapshot, or null. */
    public int[] current(long[] words, int c) {
        long ref = bits(words[cpuWord(c)], 0, 24);
        return (ref & 1) == 0 ? null : new int[] {(int) ((ref >>> 8) & 0xff), (int) ((ref >>> 16) & 0xff)};
    }

    /** Whether CPU c is on and its cpu_op is {@code guest} (its current vCPU runs guest code). */
    public boolean inGuest(long[] words, int c) {
        return bits(words[cpuWord(c)], 24, 8) != 0 && bits(words[cpuWord(c)], 32, 8) == 2;
    }

    /** {@code mailbox_state[k]} in a snapshot of this shape. */
    public String mailboxState(long[] words, int k) {
        long v = bits(words[vmWord(k)], 0, 8);
        return v < MAILBOX_STATES.length ? MAILBOX_STATES[(int) v] : "#" + v;
    }

    /** The text of a vCPU reference word: {@code <<k, i>>} or {@code <<>>}. */
    public static String vcpuRefText(int ref) {
        return (ref & 1) == 0 ? "<<>>" : "<<" + ((ref >>> 8) & 0xff) + ", " + ((ref >>> 16) & 0xff) + ">>";
    }

    private int vcpuWord(int k, int i) {
        return vcpuBase[k] + 3 * i;
    }

    private int vmWord(int k) {
        return vmBase + 3 * k;
    }

    private int cpuWord(int c) {
        return cpuBase + 3 * c;
    }

    private interface VcpuFn {
        void accept(int k, int i, JsonNode v);
    }

    private interface IndexFn {
        void accept(int k, JsonNode v);
    }

    private void perVcpu(JsonNode value, VcpuFn fn) {
        for (int k = 0; k < vcpuCount.size() && k < value.size(); k++) {
            JsonNode row = value.get(k);
            for (int i = 0; i < vcpuCount.get(k) && i < row.size(); i++) {
                fn.accept(k, i, row.get(i));
            }
        }
    }

    private static void perVm(JsonNode value, int n, IndexFn fn) {
        for (int k = 0; k < n && k < value.size(); k++) {
            fn.accept(k, value.get(k));
        }
    }

    private static long vcpuRef(JsonNode v) {
        if (v == null || !v.isArray() || v.size() < 2) {
            return 0;
        }
        return 1 | v.get(0).asLong() << 8 | v.get(1).asLong() << 16;
    }

    /** The exact 64-bit encoding of a return record ({@code hex}); 0 for none. */
    static long hex(JsonNode ret) {
        JsonNode h = ret.get("hex");
        if (h == null || !h.isTextual()) {
            return 0;
        }
        String s = h.asText();
        return Long.parseUnsignedLong(s.startsWith("0x") ? s.substring(2) : s, 16);
    }

    private static void set(long[] w, int index, int shift, int width, long value) {
        long mask = (width == 64 ? -1L : ((1L << width) - 1)) << shift;
        w[index] = (w[index] & ~mask) | ((value << shift) & mask);
    }

    private static long bits(long w, int shift, int width) {
        return (w >>> shift) & ((1L << width) - 1);
    }

    private static int indexOf(String[] names, String s) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(s)) {
                return i;
            }
        }
        return 0xff;
    }

    private static String name(String[] names, long i) {
        return i < names.length ? "\"" + names[(int) i] + "\"" : "#" + i;
    }

    private static String hexText(long v) {
        return String.format("0x%016x", v);
    }

    private static String waiterText(long enc) {
        int n = (int) (enc & 0xff);
        StringBuilder sb = new StringBuilder("<<");
        for (int j = 0; j < n && j < El2Layout.MAX_VCPUS; j++) {
            sb.append(j == 0 ? "" : ", ").append((enc >>> (8 + 4 * j)) & 0xf);
        }
        return sb.append(">>").toString();
    }

    private static void field(List<FieldDifference> out, String name, Object reference, Object el2) {
        if (!reference.equals(el2)) {
            out.add(new FieldDifference(name, String.valueOf(reference), String.valueOf(el2)));
        }
    }

    /** One differing field: its vocabulary name with indices, and both values as text. */
    public record FieldDifference(String field, String reference, String el2) {
    }
}
