package org.hfmailbox.reference.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hfmailbox.reference.MemoryLayout;
import org.hfmailbox.reference.MemoryRange;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.reference.abi.HfAbi;
import org.hfmailbox.reference.abi.Psci;

/**
 * Parses the scenario text format of docs/scenario-format.md. Every error is a {@link ScenarioException} naming
 * file, line and column. Header lines ({@code shape}, {@code semantics}, {@code valid-for}, {@code memory}) come
 * before the first step line ({@code CPU: CALL ARGS... [-> EXPECTATIONS...]}).
 */
public final class ScenarioParser {
    /** Calls and the number of numeric arguments they take (min, max). */
    private static final Map<String, int[]> CALLS = Map.ofEntries(
            Map.entry("vm_get_count", new int[] {0, 0}),
            Map.entry("vcpu_get_count", new int[] {1, 1}),
            Map.entry("vcpu_run", new int[] {2, 2}),
            Map.entry("vm_configure", new int[] {2, 2}),
            Map.entry("mailbox_send", new int[] {2, 2}),
            Map.entry("mailbox_receive", new int[] {1, 1}),
            Map.entry("mailbox_clear", new int[] {0, 0}),
            Map.entry("hvc", new int[] {1, 4}),
            Map.entry("psci_version", new int[] {0, 0}),
            Map.entry("psci_migrate_info_type", new int[] {0, 0}),
            Map.entry("psci_affinity_info", new int[] {2, 2}),
            Map.entry("psci_cpu_on", new int[] {1, 3}),
            Map.entry("psci_cpu_off", new int[] {0, 0}),
            Map.entry("interrupt_inject", new int[] {2, 2}),
            Map.entry("wfi", new int[] {0, 0}),
            Map.entry("irq", new int[] {0, 0}),
            Map.entry("continue", new int[] {0, 0}),
            Map.entry("settle", new int[] {0, 0}));

    /** Expectation keys and how many indices each takes. */
    private static final Map<String, Integer> KEYS = Map.ofEntries(
            Map.entry("ret", 0), Map.entry("outcome", 0), Map.entry("action", 0), Map.entry("invariants", 0),
            Map.entry("vcpu_state", 2), Map.entry("saved_x0", 2), Map.entry("regs_available", 2),
            Map.entry("recv_pending", 2), Map.entry("mailbox_state", 1), Map.entry("recv_from_id", 1),
            Map.entry("recv_bytes", 1), Map.entry("send_configured", 1), Map.entry("recv_configured", 1),
            Map.entry("recv_waiter", 1), Map.entry("recv_page", 1), Map.entry("current", 1),
            Map.entry("is_on", 1), Map.entry("cpu_op", 1), Map.entry("delivered", 1), Map.entry("waiting_for", 2),
            Map.entry("wants_send_to", 1));

    private static final Set<String> SEMANTICS_NAMES = Set.of("corrected", "aa039b39", "custom");

    private final String file;
    /** The indices of the repeat blocks around the line being read (empty outside them). */
    private Map<String, Long> names = Map.of();

    private ScenarioParser(String file) {
        this.file = file;
    }

    public static Scenario parse(Path path) throws IOException, ScenarioException {
        return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
    }

    public static Scenario parse(String file, String text) throws ScenarioException {
        return new ScenarioParser(file).parseText(text);
    }

    private Scenario parseText(String text) throws ScenarioException {
        String[] lines = text.split("\r?\n", -1);
        SystemShape shape = null;
        int shapeLine = 0;
        List<Semantics> runs = null;
        int semanticsLine = 0;
        List<String> validFor = new ArrayList<>();
        Map<Integer, List<MemoryRange>> memory = new HashMap<>();
        Map<Integer, Token> memoryTokens = new HashMap<>();
        List<ScenarioStep> steps = new ArrayList<>();
        MemoryLayout layout = null;
        for (RepeatBlocks.Line line : RepeatBlocks.expand(file, lines)) {
            int ln = line.number();
            List<Token> t = Token.split(line.text());
            if (t.isEmpty()) {
                continue;
            }
            names = line.names();
            String head = t.get(0).text();
            if (head.endsWith(":") || (t.size() > 1 && t.get(1).text().equals(":"))) {
                if (shape == null) {
                    throw error(ln, t.get(0), "the 'shape' line must come before the first step");
                }
                if (layout == null) {
                    layout = buildLayout(shape, memory, memoryTokens, shapeLine);
                }
                steps.add(parseStep(ln, t, shape, layout, line.text().trim(), line.where()));
                continue;
            }
            if (!names.isEmpty()) {
                throw error(ln, t.get(0), "only step lines ('CPU: CALL ...') may stand inside a repeat block");
            }
            if (!steps.isEmpty()) {
                throw error(ln, t.get(0), "header line '" + head + "' after the first step");
            }
            switch (head) {
                case "shape" -> {
                    if (shape != null) {
                        throw error(ln, t.get(0), "second 'shape' line");
                    }
                    shape = parseShape(ln, t);
                    shapeLine = ln;
                }
                case "semantics" -> {
                    if (runs != null) {
                        throw error(ln, t.get(0), "second 'semantics' line");
                    }
                    runs = parseSemantics(ln, t);
                    semanticsLine = ln;
                }
                case "valid-for" -> {
                    if (t.size() < 2) {
                        throw error(ln, t.get(0), "valid-for needs one or more of corrected, aa039b39, custom");
                    }
                    for (Token w : t.subList(1, t.size())) {
                        if (!SEMANTICS_NAMES.contains(w.text())) {
                            throw error(ln, w, "unknown semantics name '" + w.text()
                                    + "' (corrected, aa039b39 or custom)");
                        }
                        validFor.add(w.text());
                    }
                }
                case "memory" -> {
                    if (shape == null) {
                        throw error(ln, t.get(0), "the 'shape' line must come before 'memory'");
                    }
                    if (t.size() != 4) {
                        throw error(ln, t.get(0), "expected: memory VM BASE SIZE");
                    }
                    int vm = (int) vmIndex(ln, t.get(1), shape);
                    long base = number(ln, t.get(2));
                    long size = number(ln, t.get(3));
                    try {
                        memory.computeIfAbsent(vm, k -> new ArrayList<>()).add(new MemoryRange(base, size));
                    } catch (IllegalArgumentException e) {
                        throw error(ln, t.get(2), e.getMessage());
                    }
                    memoryTokens.putIfAbsent(vm, t.get(0));
                    memoryTokens.put(-ln, t.get(0));
                }
                default -> throw error(ln, t.get(0), "unknown line '" + head
                        + "': expected shape, semantics, valid-for, memory or a step 'CPU: CALL ...'");
            }
        }
        if (shape == null) {
            throw new ScenarioException(file, lines.length, 1, "no 'shape' line");
        }
        if (layout == null) {
            layout = buildLayout(shape, memory, memoryTokens, shapeLine);
        }
        return new Scenario(file, shape, runs(runs, semanticsLine, validFor), validFor, layout, steps);
    }

    /**
     * The semantics the header selects: its {@code semantics} line (one, or {@code both}), else those of corrected
     * and aa039b39 its {@code valid-for} line names, else corrected. Each must be one valid-for allows.
     */
    private List<Semantics> runs(List<Semantics> declared, int semanticsLine, List<String> validFor)
            throws ScenarioException {
        if (declared == null) {
            List<Semantics> fromValidFor = new ArrayList<>();
            if (validFor.contains("corrected")) {
                fromValidFor.add(Semantics.corrected());
            }
            if (validFor.contains("aa039b39")) {
                fromValidFor.add(Semantics.aa039b39());
            }
            return fromValidFor.isEmpty() ? List.of(Semantics.corrected()) : fromValidFor;
        }
        for (Semantics s : declared) {
            if (!validFor.isEmpty() && !validFor.contains(s.name())) {
                throw new ScenarioException(file, semanticsLine, 1, "semantics " + s.name()
                        + " is not one of the valid-for line's (" + String.join(" ", validFor) + ")");
            }
        }
        return declared;
    }

    private MemoryLayout buildLayout(SystemShape shape, Map<Integer, List<MemoryRange>> memory,
                                     Map<Integer, Token> tokens, int shapeLine) throws ScenarioException {
        List<List<MemoryRange>> ranges = new ArrayList<>();
        for (int k = 0; k < shape.vmCount(); k++) {
            ranges.add(memory.getOrDefault(k, List.of(
                    new MemoryRange(MemoryLayout.defaultBase(k), MemoryLayout.DEFAULT_SIZE))));
        }
        try {
            return MemoryLayout.of(ranges);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(file, shapeLine, 1, "memory layout: " + e.getMessage());
        }
    }

    private SystemShape parseShape(int ln, List<Token> t) throws ScenarioException {
        Integer cpus = null;
        List<Integer> counts = null;
        for (Token w : t.subList(1, t.size())) {
            String[] kv = w.text().split("=", 2);
            if (kv.length != 2) {
                throw error(ln, w, "expected cpus=N or vcpu_count=N,C1,C2,...");
            }
            if (kv[0].equals("cpus")) {
                cpus = (int) number(ln, new Token(kv[1], w.column() + 5));
            } else if (kv[0].equals("vcpu_count")) {
                counts = new ArrayList<>();
                for (String part : kv[1].split(",")) {
                    counts.add((int) number(ln, new Token(part, w.column() + 11)));
                }
            } else {
                throw error(ln, w, "unknown shape field '" + kv[0] + "' (cpus, vcpu_count)");
            }
        }
        if (cpus == null || counts == null) {
            throw error(ln, t.get(0), "shape needs cpus=N and vcpu_count=N,C1,...");
        }
        String problem = SystemShape.problem(cpus, counts);
        if (problem != null) {
            throw error(ln, t.get(0), "shape: " + problem);
        }
        return new SystemShape(cpus, counts);
    }

    private List<Semantics> parseSemantics(int ln, List<Token> t) throws ScenarioException {
        if (t.size() < 2) {
            throw error(ln, t.get(0), "semantics needs 'corrected', 'aa039b39', 'both' or correction names");
        }
        if (t.size() == 2 && t.get(1).text().equals("both")) {
            return List.of(Semantics.corrected(), Semantics.aa039b39());
        }
        List<String> words = new ArrayList<>();
        for (Token w : t.subList(1, t.size())) {
            words.add(w.text());
        }
        try {
            return List.of(Semantics.parse(String.join(",", words)));
        } catch (IllegalArgumentException e) {
            throw error(ln, t.get(1), e.getMessage());
        }
    }

    private ScenarioStep parseStep(int ln, List<Token> t, SystemShape shape, MemoryLayout layout, String text,
                                   String where) throws ScenarioException {
        int i = 0;
        String cpuText = t.get(0).text();
        if (cpuText.endsWith(":")) {
            cpuText = cpuText.substring(0, cpuText.length() - 1);
            i = 1;
        } else {
            i = 2;
        }
        Token cpuTok = new Token(cpuText, t.get(0).column());
        long cpu = number(ln, cpuTok);
        if (cpu < 0 || cpu >= shape.cpus()) {
            throw error(ln, cpuTok, "CPU " + cpuText + " is outside the shape (cpus " + shape.cpus() + ")");
        }
        if (i >= t.size()) {
            throw error(ln, t.get(t.size() - 1), "missing call after the CPU");
        }
        Token callTok = t.get(i++);
        String call = callTok.text();
        int[] arity = CALLS.get(call);
        if (arity == null) {
            throw error(ln, callTok, "unknown call '" + call + "'; known: " + String.join(", ",
                    new java.util.TreeSet<>(CALLS.keySet())));
        }
        List<Long> nums = new ArrayList<>();
        Token payloadToken = null;
        String mapFailure = null;
        List<Expectation> expectations = new ArrayList<>();
        for (; i < t.size(); i++) {
            Token w = t.get(i);
            if (w.text().equals("->")) {
                for (i++; i < t.size(); i++) {
                    expectations.add(parseExpectation(ln, t.get(i), shape));
                }
                break;
            }
            if (call.equals("mailbox_send") && w.text().equals("echo")) {
                payloadToken = onePayload(ln, payloadToken, w);
                continue;
            }
            int eq = w.text().indexOf('=');
            if (eq > 0) {
                String k = w.text().substring(0, eq);
                String v = w.text().substring(eq + 1);
                if (call.equals("mailbox_send") && (k.equals("text") || k.equals("hex") || k.equals("pattern"))) {
                    payloadToken = onePayload(ln, payloadToken, w);
                } else if (call.equals("vm_configure") && k.equals("map_fails")) {
                    if (!v.equals("send") && !v.equals("recv")) {
                        throw error(ln, w, "map_fails must be send or recv");
                    }
                    mapFailure = v;
                } else {
                    throw error(ln, w, "unknown option '" + k + "' for " + call);
                }
                continue;
            }
            nums.add(argument(ln, w, shape, layout));
        }
        if (nums.size() < arity[0] || nums.size() > arity[1]) {
            throw error(ln, callTok, call + " takes " + (arity[0] == arity[1] ? "" + arity[0]
                    : arity[0] + ".." + arity[1]) + " argument(s), got " + nums.size());
        }
        long[] regs = registers(call, nums);
        byte[] payload = null;
        boolean echo = payloadToken != null && payloadToken.text().equals("echo");
        if (call.equals("mailbox_send")) {
            long size = nums.get(1);
            boolean fits = Long.compareUnsigned(size, HfAbi.HF_MAILBOX_SIZE) <= 0;
            if (payloadToken == null) {
                payload = pattern(fits ? (int) size : 0, ln);
            } else if (!fits) {
                throw error(ln, payloadToken, "a payload goes only with a size of 0.." + HfAbi.HF_MAILBOX_SIZE
                        + "; this send's size is " + Long.toUnsignedString(size) + " (the send must fail: leave the"
                        + " payload out)");
            } else if (!echo) {
                payload = payloadOf(ln, payloadToken, (int) size);
            }
        }
        return new ScenarioStep(ln, (int) cpu, call, regs, payload, echo, mapFailure, expectations, text, where);
    }

    private Token onePayload(int ln, Token earlier, Token w) throws ScenarioException {
        if (earlier != null) {
            throw error(ln, w, "a send has one payload; '" + earlier.text() + "' already gives it");
        }
        return w;
    }

    private static long[] registers(String call, List<Long> a) {
        long x1 = a.size() > 0 ? a.get(0) : 0;
        long x2 = a.size() > 1 ? a.get(1) : 0;
        long x3 = a.size() > 2 ? a.get(2) : 0;
        return switch (call) {
            case "vm_get_count" -> new long[] {HfAbi.HF_VM_GET_COUNT, 0, 0, 0};
            case "vcpu_get_count" -> new long[] {HfAbi.HF_VCPU_GET_COUNT, x1, 0, 0};
            case "vcpu_run" -> new long[] {HfAbi.HF_VCPU_RUN, x1, x2, 0};
            case "vm_configure" -> new long[] {HfAbi.HF_VM_CONFIGURE, x1, x2, 0};
            case "mailbox_send" -> new long[] {HfAbi.HF_MAILBOX_SEND, x1, x2, 0};
            case "mailbox_receive" -> new long[] {HfAbi.HF_MAILBOX_RECEIVE, x1, 0, 0};
            case "mailbox_clear" -> new long[] {HfAbi.HF_MAILBOX_CLEAR, 0, 0, 0};
            case "hvc" -> new long[] {x1, x2, x3, a.size() > 3 ? a.get(3) : 0};
            case "psci_version" -> new long[] {Psci.PSCI_VERSION & 0xffffffffL, 0, 0, 0};
            case "psci_migrate_info_type" -> new long[] {Psci.PSCI_MIGRATE_INFO_TYPE & 0xffffffffL, 0, 0, 0};
            case "psci_affinity_info" -> new long[] {Psci.PSCI_AFFINITY_INFO & 0xffffffffL, x1, x2, 0};
            case "psci_cpu_on" -> new long[] {Psci.PSCI_CPU_ON & 0xffffffffL, x1, x2, x3};
            case "psci_cpu_off" -> new long[] {Psci.PSCI_CPU_OFF & 0xffffffffL, 0, 0, 0};
            case "interrupt_inject" -> new long[] {HfAbi.HF_INTERRUPT_INJECT, x1, x2, 0};
            default -> null; // wfi, irq, continue, settle
        };
    }

    /** The default payload pattern: byte j = (j + line) mod 256, so different sends carry different bytes. */
    static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int j = 0; j < n; j++) {
            b[j] = (byte) (j + seed);
        }
        return b;
    }

    /**
     * The bytes of a payload option, exactly {@code size} of them: {@code text=} (UTF-8, never padded), {@code hex=}
     * (two digits a byte), {@code pattern=seq[:N]} (bytes 0, 1, 2, ...) or {@code pattern=fill[:N]} (bytes 0xa5).
     */
    private byte[] payloadOf(int ln, Token w, int size) throws ScenarioException {
        int eq = w.text().indexOf('=');
        String kind = w.text().substring(0, eq);
        String v = w.text().substring(eq + 1);
        byte[] out;
        switch (kind) {
            case "text" -> out = v.getBytes(StandardCharsets.UTF_8);
            case "hex" -> {
                int bad = firstNonHexDigit(v);
                if (bad >= 0) {
                    throw new ScenarioException(file, ln, w.column() + 4 + bad, "hex payload: '" + v.charAt(bad)
                            + "' is not a hex digit (0-9, a-f, A-F)");
                }
                if (v.length() % 2 != 0) {
                    throw error(ln, w, "hex payload: two hex digits a byte, got " + v.length() + " digits");
                }
                out = new byte[v.length() / 2];
                for (int j = 0; j < out.length; j++) {
                    out[j] = (byte) Integer.parseInt(v.substring(2 * j, 2 * j + 2), 16);
                }
            }
            default -> {
                String[] p = v.split(":", 2);
                if (!(p[0].equals("seq") || p[0].equals("fill"))) {
                    throw error(ln, w, "pattern must be seq[:N] (bytes 0,1,2,...) or fill[:N] (bytes 0xa5)");
                }
                int n = p.length == 1 ? size : (int) number(ln, new Token(p[1], w.column() + 8 + p[0].length() + 1));
                if (n < 0 || n > HfAbi.HF_MAILBOX_SIZE) {
                    throw error(ln, w, "pattern size must be 0.." + HfAbi.HF_MAILBOX_SIZE);
                }
                out = new byte[n];
                for (int j = 0; j < n; j++) {
                    out[j] = p[0].equals("seq") ? (byte) j : (byte) 0xa5;
                }
            }
        }
        if (out.length != size) {
            throw error(ln, w, "the payload has " + out.length + " byte" + (out.length == 1 ? "" : "s")
                    + ", the size argument says " + size + " (a payload is never padded or cut: make them equal)");
        }
        return out;
    }

    private static int firstNonHexDigit(String v) {
        for (int j = 0; j < v.length(); j++) {
            if (Character.digit(v.charAt(j), 16) < 0) {
                return j;
            }
        }
        return -1;
    }

    /** A numeric argument: a number expression ({@link NumberExpression}), page(VM,N) allowed. */
    private long argument(int ln, Token w, SystemShape shape, MemoryLayout layout) throws ScenarioException {
        return evaluate(ln, w, (vm, n) -> {
            if (vm < 0 || vm >= shape.vmCount()) {
                throw new IllegalArgumentException("page(VM,N): VM " + vm + " is outside the shape (vm_count "
                        + shape.vmCount() + ")");
            }
            return layout.ranges((int) vm).get(0).base() + n * HfAbi.PAGE_SIZE;
        });
    }

    private long vmIndex(int ln, Token w, SystemShape shape) throws ScenarioException {
        long vm = number(ln, w);
        if (vm < 0 || vm >= shape.vmCount()) {
            throw error(ln, w, "VM " + w.text() + " is outside the shape (vm_count " + shape.vmCount() + ")");
        }
        return vm;
    }

    /** A number expression without page(...): shape, memory, CPUs, pattern sizes. */
    long number(int ln, Token w) throws ScenarioException {
        return evaluate(ln, w, null);
    }

    private long evaluate(int ln, Token w, NumberExpression.Pages pages) throws ScenarioException {
        try {
            return NumberExpression.eval(w.text(), names, pages);
        } catch (NumberExpression.Error e) {
            throw new ScenarioException(file, ln, w.column() + e.offset(), "not a number: '" + w.text() + "': "
                    + e.getMessage());
        }
    }

    private Expectation parseExpectation(int ln, Token w, SystemShape shape) throws ScenarioException {
        String s = w.text();
        int eq = s.indexOf('=');
        if (eq <= 0) {
            throw error(ln, w, "expectation must be KEY=VALUE, got '" + s + "'");
        }
        String lhs = s.substring(0, eq);
        String value = s.substring(eq + 1);
        String onlyFor = null;
        int colon = lhs.indexOf(':');
        if (colon >= 0) {
            onlyFor = lhs.substring(0, colon);
            if (!SEMANTICS_NAMES.contains(onlyFor)) {
                throw error(ln, w, "unknown semantics prefix '" + onlyFor + "' (corrected, aa039b39, custom)");
            }
            lhs = lhs.substring(colon + 1);
        }
        int br = lhs.indexOf('[');
        String key = br < 0 ? lhs : lhs.substring(0, br);
        Integer want = KEYS.get(key);
        if (want == null) {
            throw error(ln, w, "unknown expectation '" + key + "'; known: "
                    + String.join(", ", new java.util.TreeSet<>(KEYS.keySet())));
        }
        List<Integer> idx = new ArrayList<>();
        if (br >= 0) {
            String rest = lhs.substring(br);
            if (!rest.matches("(\\[\\d+\\])+")) {
                throw error(ln, w, "indices must be [N] or [N][M]");
            }
            for (String part : rest.substring(1, rest.length() - 1).split("\\]\\[")) {
                idx.add(Integer.parseInt(part));
            }
        }
        if (idx.size() != want) {
            throw error(ln, w, key + " takes " + want + " index(es), got " + idx.size());
        }
        boolean perCpu = key.equals("current") || key.equals("is_on") || key.equals("cpu_op");
        if (want >= 1) {
            int bound = perCpu ? shape.cpus() : shape.vmCount();
            if (idx.get(0) >= bound) {
                throw error(ln, w, (perCpu ? "CPU " : "VM ") + idx.get(0) + " is outside the shape");
            }
        }
        if (want == 2 && idx.get(1) >= shape.vcpuCount(idx.get(0))) {
            throw error(ln, w, "vCPU " + idx.get(1) + " of VM " + idx.get(0) + " is outside the shape");
        }
        if (value.isEmpty()) {
            throw error(ln, w, "empty value for " + key);
        }
        int[] ia = idx.stream().mapToInt(Integer::intValue).toArray();
        return new Expectation(onlyFor, key, ia, value, w.column());
    }

    private ScenarioException error(int ln, Token t, String message) {
        return new ScenarioException(file, ln, t.column(), message);
    }
}
