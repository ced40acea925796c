package org.hfmailbox.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads NDJSON traces (docs/vocabulary.md): the header line, then one event per line. Checks what the replay
 * relies on and reports the first problem with file, line and field; never throws anything else for bad input.
 */
public final class TraceReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] VARIABLES = {"vcpu_state", "saved_x0", "regs_available", "recv_pending",
        "mailbox_state", "recv_from_id", "recv_bytes", "send_configured", "recv_configured", "recv_waiter", "current",
        "is_on", "cpu_op"};

    private TraceReader() {
    }

    public static ReferenceTrace read(Path path) throws IOException, HarnessInputException {
        return parse(path.toString(), Files.readAllLines(path, StandardCharsets.UTF_8));
    }

    /** Parses trace lines (blank lines are skipped); {@code file} names the source in messages. */
    public static ReferenceTrace parse(String file, List<String> lines) throws HarnessInputException {
        JsonNode header = null;
        List<JsonNode> events = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        int cpus = 0;
        List<Integer> counts = List.of();
        long lastSeq = 0;
        for (int n = 1; n <= lines.size(); n++) {
            String text = lines.get(n - 1).trim();
            if (text.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                throw new HarnessInputException(file, n, "", "not valid JSON: " + e.getOriginalMessage());
            }
            if (!node.isObject()) {
                throw new HarnessInputException(file, n, "", "expected a JSON object");
            }
            if (header == null) {
                header = node;
                if (!"hafnium-mailbox-trace".equals(node.path("format").asText())) {
                    throw new HarnessInputException(file, n, "format", "expected \"hafnium-mailbox-trace\"");
                }
                if (node.path("version").asInt(-1) != 1) {
                    throw new HarnessInputException(file, n, "version", "expected 1");
                }
                JsonNode shape = node.path("shape");
                if (!shape.path("cpus").isInt() || !shape.path("vcpu_count").isArray()) {
                    throw new HarnessInputException(file, n, "shape", "expected {\"cpus\": N, \"vcpu_count\": [...]}");
                }
                cpus = shape.path("cpus").asInt();
                List<Integer> c = new ArrayList<>();
                for (JsonNode x : shape.path("vcpu_count")) {
                    if (!x.isInt()) {
                        throw new HarnessInputException(file, n, "shape.vcpu_count", "expected integers");
                    }
                    c.add(x.asInt());
                }
                counts = List.copyOf(c);
                String problem = ReplayInput.shapeProblem(cpus, counts);
                if (problem != null) {
                    throw new HarnessInputException(file, n, "shape", problem);
                }
                if (!node.path("corrections").isArray()) {
                    throw new HarnessInputException(file, n, "corrections", "expected an array of names");
                }
                for (JsonNode x : node.path("corrections")) {
                    if (!El2Layout.CORRECTIONS.contains(x.asText())) {
                        throw new HarnessInputException(file, n, "corrections", "unknown correction " + x);
                    }
                }
                JsonNode init = node.path("init");
                for (String v : VARIABLES) {
                    if (!init.has(v)) {
                        throw new HarnessInputException(file, n, "init." + v, "missing");
                    }
                }
                continue;
            }
            long seq = node.path("seq").asLong(-1);
            if (seq != lastSeq + 1) {
                throw new HarnessInputException(file, n, "seq", "expected " + (lastSeq + 1) + ", found "
                        + node.path("seq"));
            }
            lastSeq = seq;
            JsonNode cpu = node.path("cpu");
            if (!cpu.isInt() || cpu.asInt() < 0 || cpu.asInt() >= cpus) {
                throw new HarnessInputException(file, n, "cpu", "CPU " + cpu + " is outside the shape (cpus "
                        + cpus + ")");
            }
            El2Action action = El2Action.ofName(node.path("action").asText());
            if (action == null) {
                throw new HarnessInputException(file, n, "action", "unknown action " + node.path("action"));
            }
            JsonNode actor = node.path("actor");
            if (actor.has("vm")) {
                int vm = actor.path("vm").asInt(-1);
                int vcpu = actor.path("vcpu").asInt(-1);
                if (vm < 0 || vm >= counts.size() || vcpu < 0 || vcpu >= counts.get(vm)) {
                    throw new HarnessInputException(file, n, "actor", "vCPU <<" + vm + ", " + vcpu
                            + ">> is outside the shape");
                }
            }
            if (action.stepKind() == StepKind.HVC) {
                JsonNode regs = node.path("regs");
                for (String r : new String[] {"x0", "x1", "x2", "x3"}) {
                    if (!regs.path(r).isTextual() || parseHex(regs.path(r).asText()) == null) {
                        throw new HarnessInputException(file, n, "regs." + r, "expected a 64-bit hex string");
                    }
                }
            }
            if (node.has("payload") && !node.path("payload").isTextual()) {
                throw new HarnessInputException(file, n, "payload", "expected a hex string");
            }
            if (!node.path("ret").isObject() || !node.path("changes").isObject()) {
                throw new HarnessInputException(file, n, node.path("ret").isObject() ? "changes" : "ret",
                        "expected an object");
            }
            events.add(node);
            lineNumbers.add(n);
        }
        if (header == null) {
            throw new HarnessInputException(file, 1, "", "empty trace: no header line");
        }
        return new ReferenceTrace(file, header, events, lineNumbers);
    }

    /** A 64-bit value from "0x..." hex text, or null. */
    static Long parseHex(String s) {
        String t = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        if (t.isEmpty() || t.length() > 16) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(t, 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Bytes from hex text (the payload field); null when malformed. */
    static byte[] parseBytes(String s) {
        if (s.length() % 2 != 0) {
            return null;
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }
}
