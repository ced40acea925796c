package org.hfmailbox.refinement.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads an NDJSON trace (docs/vocabulary.md, docs/trace-format.md) and checks its structure against the declared
 * shape. Every defect is a {@link TraceFormatException} naming file, line and field; nothing here decides whether
 * the steps are allowed (that is TLC's job).
 */
public final class TraceReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public Trace read(Path file) throws TraceFormatException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TraceFormatException(file.toString(), 0, "-", "cannot read: " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    public Trace parse(String source, String text) throws TraceFormatException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new StringReader(text))) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                lines.add(l);
            }
        } catch (IOException e) {
            throw new TraceFormatException(source, 0, "-", e.getMessage());
        }
        return parse(source, lines);
    }

    public Trace parse(String source, List<String> lines) throws TraceFormatException {
        int lineNo = 0;
        TraceHeader header = null;
        List<TraceEvent> events = new ArrayList<>();
        for (String line : lines) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = json(source, lineNo, line);
            Ctx ctx = new Ctx(source, lineNo);
            if (header == null) {
                header = header(ctx, node);
            } else {
                events.add(event(ctx, node, header, events.size() + 1));
            }
        }
        if (header == null) {
            throw new TraceFormatException(source, Math.max(lineNo, 1), "format", "empty trace: no header line");
        }
        return new Trace(source, header, events);
    }

    private static JsonNode json(String source, int line, String text) throws TraceFormatException {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                throw new TraceFormatException(source, line, "-", "not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            int cut = why.indexOf(" (start marker");
            throw new TraceFormatException(source, line, "-", "invalid JSON: "
                    + (cut > 0 ? why.substring(0, cut) : why).replace('\n', ' '));
        }
    }

    private record Ctx(String source, int line) {
        TraceFormatException error(String field, String message) {
            return new TraceFormatException(source, line, field, message);
        }
    }

    private static TraceHeader header(Ctx ctx, JsonNode h) throws TraceFormatException {
        if (!"hafnium-mailbox-trace".equals(text(ctx, h, "format"))) {
            throw ctx.error("format", "expected \"hafnium-mailbox-trace\" (the first line must be the header)");
        }
        if (integer(ctx, h, "version") != 1) {
            throw ctx.error("version", "unsupported version (expected 1)");
        }
        TraceForm form = TraceForm.FULL;
        if (h.has("form")) {
            form = TraceForm.ofJson(text(ctx, h, "form"));
            if (form == null) {
                throw ctx.error("form", "expected \"full\" or \"observable\" (docs/trace-format.md)");
            }
        }
        String semantics = text(ctx, h, "semantics");
        List<String> corrections = new ArrayList<>();
        JsonNode cs = field(ctx, h, "corrections");
        if (!cs.isArray()) {
            throw ctx.error("corrections", "expected an array of correction names");
        }
        for (JsonNode c : cs) {
            if (!c.isTextual() || !Corrections.ALL.contains(c.asText())) {
                throw ctx.error("corrections", "unknown correction " + c + " (docs/corrections.md)");
            }
            if (corrections.contains(c.asText())) {
                throw ctx.error("corrections", "duplicate correction " + c);
            }
            corrections.add(c.asText());
        }
        List<String> canonical = Corrections.ALL.stream().filter(corrections::contains).toList();
        if (!canonical.equals(corrections)) {
            throw ctx.error("corrections", "not in the canonical order of docs/corrections.md");
        }
        if (!Corrections.semanticsFits(semantics, corrections)) {
            throw ctx.error("semantics", "\"" + semantics + "\" does not fit the corrections " + corrections);
        }
        JsonNode shape = field(ctx, h, "shape");
        int cpus = integer(ctx, shape, "cpus", "shape.cpus");
        if (cpus < 1) {
            throw ctx.error("shape.cpus", "must be at least 1");
        }
        JsonNode vc = field(ctx, shape, "vcpu_count", "shape.vcpu_count");
        if (!vc.isArray() || vc.isEmpty()) {
            throw ctx.error("shape.vcpu_count", "expected a non-empty array of integers");
        }
        List<Integer> counts = new ArrayList<>();
        for (int k = 0; k < vc.size(); k++) {
            JsonNode n = vc.get(k);
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1) {
                throw ctx.error("shape.vcpu_count[" + k + "]", "expected a positive integer");
            }
            counts.add(n.asInt());
        }
        if (counts.get(0) != cpus) {
            throw ctx.error("shape.vcpu_count[0]", "the primary's vCPU count must equal shape.cpus (" + cpus + ")");
        }
        SpecConstants constants = new SpecConstants(cpus, counts, corrections);
        if (form == TraceForm.OBSERVABLE) {
            if (h.has("init")) {
                throw ctx.error("init", "an observable-only trace carries no initial state (its validation starts "
                        + "from the spec's Init)");
            }
            return new TraceHeader(semantics, constants, null, form);
        }
        JsonNode init = field(ctx, h, "init");
        if (!init.isObject()) {
            throw ctx.error("init", "expected an object");
        }
        for (String var : Vocabulary.VARIABLES) {
            if (!init.has(var)) {
                throw ctx.error("init." + var, "missing (init holds every variable but step)");
            }
        }
        checkVariables(ctx, init, "init", constants);
        return new TraceHeader(semantics, constants, init);
    }

    private static TraceEvent event(Ctx ctx, JsonNode e, TraceHeader header, int expectedSeq)
            throws TraceFormatException {
        SpecConstants k = header.constants();
        long seq = integer(ctx, e, "seq");
        if (seq != expectedSeq) {
            throw ctx.error("seq", "expected " + expectedSeq + " (events are numbered from 1 without gaps)");
        }
        int cpu = integer(ctx, e, "cpu");
        if (cpu < 0 || cpu >= k.cpus()) {
            throw ctx.error("cpu", "physical CPU " + cpu + " outside the shape (0.." + (k.cpus() - 1) + ")");
        }
        String action = text(ctx, e, "action");
        if (!Vocabulary.isAction(action)) {
            throw ctx.error("action", "unknown action \"" + action + "\" (docs/vocabulary.md)");
        }
        JsonNode actor = field(ctx, e, "actor");
        if (Vocabulary.isCpuLevel(action)) {
            if (!actor.isObject() || actor.size() != 1 || integer(ctx, actor, "cpu", "actor.cpu") != cpu) {
                throw ctx.error("actor", "a CPU-level step's actor is {\"cpu\": " + cpu + "}");
            }
        } else {
            if (!actor.isObject() || actor.size() != 2) {
                throw ctx.error("actor", "expected {\"vm\": k, \"vcpu\": i}");
            }
            int vm = integer(ctx, actor, "vm", "actor.vm");
            int vcpu = integer(ctx, actor, "vcpu", "actor.vcpu");
            if (vm < 0 || vm >= k.vmCount()) {
                throw ctx.error("actor.vm", "VM " + vm + " outside the shape (0.." + (k.vmCount() - 1) + ")");
            }
            if (vcpu < 0 || vcpu >= k.vcpuCount().get(vm)) {
                throw ctx.error("actor.vcpu", "vCPU " + vcpu + " outside VM " + vm + "'s "
                        + k.vcpuCount().get(vm) + " vCPUs");
            }
        }
        TraceEvent.Regs regs = regs(ctx, e.get("regs"));
        if (header.observable()) {
            return observableEvent(ctx, e, k, seq, cpu, actor, action, regs);
        }
        JsonNode args = field(ctx, e, "args");
        checkArgs(ctx, args, action);
        JsonNode ret = field(ctx, e, "ret");
        if (!ret.isObject() || !ret.path("kind").isTextual()) {
            throw ctx.error("ret", "expected a return record with a \"kind\"");
        }
        JsonNode changes = field(ctx, e, "changes");
        if (!changes.isObject()) {
            throw ctx.error("changes", "expected an object");
        }
        for (Iterator<String> it = changes.fieldNames(); it.hasNext(); ) {
            String var = it.next();
            if (VariableType.of(var) == null) {
                throw ctx.error("changes." + var, "not a state variable (docs/vocabulary.md)");
            }
        }
        checkVariables(ctx, changes, "changes", k);
        return new TraceEvent(ctx.line(), seq, cpu, actor, action, regs, args, ret, changes);
    }

    /**
     * The rest of an observable-only event (docs/trace-format.md): optional {@code args}, {@code ret} as the x0
     * handed to the guest ({@code {"hex": ...}}) or {@code {"kind": "none"}}, {@code running}, optional
     * {@code copied}; no {@code changes}.
     */
    private static TraceEvent observableEvent(Ctx ctx, JsonNode e, SpecConstants k, long seq, int cpu,
                                              JsonNode actor, String action, TraceEvent.Regs regs)
            throws TraceFormatException {
        if (e.has("changes")) {
            throw ctx.error("changes", "an observable-only event carries no spec variables");
        }
        JsonNode args = e.get("args");
        if (args != null) {
            checkArgs(ctx, args, action);
        }
        JsonNode ret = field(ctx, e, "ret");
        boolean none = ret.isObject() && ret.size() == 1 && "none".equals(ret.path("kind").asText(null));
        boolean hex = ret.isObject() && ret.size() == 1 && ret.path("hex").isTextual()
                && ret.path("hex").asText().matches("0x[0-9a-f]{16}");
        if (!none && !hex) {
            throw ctx.error("ret", "expected {\"hex\": \"0x\" + 16 lower-case hex digits} (the x0 handed to the "
                    + "guest) or {\"kind\": \"none\"}");
        }
        JsonNode running = field(ctx, e, "running");
        checkElement(ctx, "running", running, VariableType.Element.VCPU, k);
        JsonNode copied = e.get("copied");
        if (copied != null) {
            if (!copied.isObject() || copied.size() != 3) {
                throw ctx.error("copied", "expected {\"to\": k, \"from\": f, \"size\": n}");
            }
            int to = integer(ctx, copied, "to", "copied.to");
            int from = integer(ctx, copied, "from", "copied.from");
            int size = integer(ctx, copied, "size", "copied.size");
            if (to < 0 || to >= k.vmCount()) {
                throw ctx.error("copied.to", "VM " + to + " outside the shape (0.." + (k.vmCount() - 1) + ")");
            }
            if (from < 0 || from >= k.vmCount()) {
                throw ctx.error("copied.from", "VM " + from + " outside the shape (0.." + (k.vmCount() - 1) + ")");
            }
            if (size < 0 || size > 4096) {
                throw ctx.error("copied.size", "expected 0..4096, got " + size);
            }
        }
        return new TraceEvent(ctx.line(), seq, cpu, actor, action, regs, args, ret, null, running, copied);
    }

    private static void checkArgs(Ctx ctx, JsonNode args, String action) throws TraceFormatException {
        List<String> names = Vocabulary.argsOf(action);
        if (!args.isObject() || args.size() != names.size()) {
            throw ctx.error("args", action + " takes the arguments " + names);
        }
        for (String name : names) {
            JsonNode a = field(ctx, args, name, "args." + name);
            boolean ok = switch (name) {
                case "block" -> a.isBoolean();
                case "pages" -> a.isTextual();
                default -> a.isIntegralNumber() && a.canConvertToInt() && a.asInt() >= 0;
            };
            if (!ok) {
                throw ctx.error("args." + name, "wrong type or negative: " + a);
            }
        }
    }

    private static TraceEvent.Regs regs(Ctx ctx, JsonNode r) throws TraceFormatException {
        if (r == null || r.isNull()) {
            return null;
        }
        if (!r.isObject()) {
            throw ctx.error("regs", "expected {\"x0\": \"0x...\", ..., \"x3\": \"0x...\"}");
        }
        long[] x = new long[4];
        for (int i = 0; i < 4; i++) {
            JsonNode n = r.get("x" + i);
            String h = n == null || !n.isTextual() ? "" : n.asText();
            if (h.length() < 3 || h.length() > 18 || !h.startsWith("0x")) {
                throw ctx.error("regs.x" + i, "expected a hex string 0x... of at most 64 bits");
            }
            try {
                x[i] = Long.parseUnsignedLong(h, 2, h.length(), 16);
            } catch (NumberFormatException e) {
                throw ctx.error("regs.x" + i, "expected a hex string 0x... of at most 64 bits");
            }
        }
        return new TraceEvent.Regs(x[0], x[1], x[2], x[3]);
    }

    private static void checkVariables(Ctx ctx, JsonNode obj, String where, SpecConstants k)
            throws TraceFormatException {
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String var = it.next();
            VariableType t = VariableType.of(var);
            if (t == null) {
                throw ctx.error(where + "." + var, "not a state variable (docs/vocabulary.md)");
            }
            JsonNode v = obj.get(var);
            String f = where + "." + var;
            switch (t.layout()) {
                case PER_CPU -> checkArray(ctx, f, v, k.cpus(), "CPU");
                case PER_VM -> checkArray(ctx, f, v, k.vmCount(), "VM");
                case PER_VCPU -> {
                    checkArray(ctx, f, v, k.vmCount(), "VM");
                    for (int vm = 0; vm < k.vmCount(); vm++) {
                        checkArray(ctx, f + "[" + vm + "]", v.get(vm), k.vcpuCount().get(vm), "vCPU");
                    }
                }
                default -> throw new IllegalStateException();
            }
            int outer = v.size();
            for (int i = 0; i < outer; i++) {
                if (t.layout() == VariableType.Layout.PER_VCPU) {
                    for (int j = 0; j < v.get(i).size(); j++) {
                        checkElement(ctx, f + "[" + i + "][" + j + "]", v.get(i).get(j), t.element(), k);
                    }
                } else {
                    checkElement(ctx, f + "[" + i + "]", v.get(i), t.element(), k);
                }
            }
        }
    }

    private static void checkArray(Ctx ctx, String field, JsonNode v, int size, String what)
            throws TraceFormatException {
        if (v == null || !v.isArray() || v.size() != size) {
            throw ctx.error(field, "expected an array of " + size + " entries, one per " + what + " of the shape");
        }
    }

    private static void checkElement(Ctx ctx, String field, JsonNode v, VariableType.Element el, SpecConstants k)
            throws TraceFormatException {
        boolean ok = switch (el) {
            case STRING -> v.isTextual();
            case BOOL -> v.isBoolean();
            case INT -> v.isIntegralNumber() && v.canConvertToInt();
            case RECORD -> v.isObject() && v.size() > 0;
            case INT_SEQ -> v.isArray() && allInts(v);
            case VCPU -> v.isArray() && (v.isEmpty() || (v.size() == 2 && allInts(v)));
        };
        if (!ok) {
            throw ctx.error(field, "wrong form for " + el.name().toLowerCase() + ": " + v);
        }
        if (el == VariableType.Element.VCPU && v.size() == 2) {
            int vm = v.get(0).asInt();
            int i = v.get(1).asInt();
            if (vm < 0 || vm >= k.vmCount() || i < 0 || i >= k.vcpuCount().get(vm)) {
                throw ctx.error(field, "vCPU " + v + " outside the shape");
            }
        }
    }

    private static boolean allInts(JsonNode arr) {
        for (JsonNode n : arr) {
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode field(Ctx ctx, JsonNode obj, String name) throws TraceFormatException {
        return field(ctx, obj, name, name);
    }

    private static JsonNode field(Ctx ctx, JsonNode obj, String name, String path) throws TraceFormatException {
        JsonNode n = obj.get(name);
        if (n == null || n.isNull()) {
            throw ctx.error(path, "missing");
        }
        return n;
    }

    private static String text(Ctx ctx, JsonNode obj, String name) throws TraceFormatException {
        JsonNode n = field(ctx, obj, name);
        if (!n.isTextual()) {
            throw ctx.error(name, "expected a string");
        }
        return n.asText();
    }

    private static int integer(Ctx ctx, JsonNode obj, String name) throws TraceFormatException {
        return integer(ctx, obj, name, name);
    }

    private static int integer(Ctx ctx, JsonNode obj, String name, String path) throws TraceFormatException {
        JsonNode n = field(ctx, obj, name, path);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw ctx.error(path, "expected an integer");
        }
        return n.asInt();
    }
}
