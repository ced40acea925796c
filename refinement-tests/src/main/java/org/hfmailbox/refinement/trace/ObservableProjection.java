package org.hfmailbox.refinement.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The observable-only form of a full-state trace (docs/trace-format.md): what the code would have logged had it
 * logged only what it observes. The header loses {@code init} and gains {@code "form": "observable"}; each event
 * keeps {@code seq, cpu, actor, action, regs, payload}, loses {@code args} (the validator derives them from the
 * registers) and {@code changes}, keeps of {@code ret} only its {@code hex} (or {@code {"kind": "none"}}), and gains
 * {@code running} (the vCPU current on the CPU after the step) and, on a delivery that copied a message,
 * {@code copied} ({@code to} from the sending CPU's pending send, {@code from} the sender's VM, {@code size} the
 * payload's length). The projection reads the full state only to fill in these two fields, which the code knows
 * without it (its own current vCPU, its own handler's locals).
 */
public final class ObservableProjection {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ObservableProjection() {
    }

    /**
     * The observable-only lines of one full-state trace given as NDJSON lines (header first). The input is assumed
     * well formed (read it with {@link TraceReader} first for file, line and field errors).
     */
    public static List<String> project(List<String> fullLines) {
        List<String> out = new ArrayList<>(fullLines.size());
        ArrayNode current = null;
        ArrayNode cpuOp = null;
        for (String line : fullLines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = read(line);
            if (current == null) {
                current = (ArrayNode) node.path("init").path("current").deepCopy();
                cpuOp = (ArrayNode) node.path("init").path("cpu_op").deepCopy();
                out.add(write(header(node)));
                continue;
            }
            int cpu = node.path("cpu").asInt();
            JsonNode pendingSend = cpuOp.get(cpu);
            JsonNode changes = node.path("changes");
            if (changes.has("current")) {
                current = (ArrayNode) changes.get("current").deepCopy();
            }
            if (changes.has("cpu_op")) {
                cpuOp = (ArrayNode) changes.get("cpu_op").deepCopy();
            }
            out.add(write(event(node, current.get(cpu), pendingSend)));
        }
        return out;
    }

    private static ObjectNode header(JsonNode full) {
        ObjectNode h = MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = full.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("init") || f.getKey().equals("form")) {
                continue;
            }
            h.set(f.getKey(), f.getValue());
            if (f.getKey().equals("version")) {
                h.put("form", TraceForm.OBSERVABLE.jsonName());
            }
        }
        return h;
    }

    private static ObjectNode event(JsonNode full, JsonNode running, JsonNode pendingSend) {
        ObjectNode e = MAPPER.createObjectNode();
        for (String f : List.of("seq", "cpu", "actor", "action", "regs", "payload")) {
            if (full.has(f)) {
                e.set(f, full.get(f));
            }
        }
        JsonNode ret = full.path("ret");
        ObjectNode r = e.putObject("ret");
        if (ret.has("hex")) {
            r.set("hex", ret.get("hex"));
        } else {
            r.put("kind", "none");
        }
        e.set("running", running);
        if (full.has("payload") && "mailbox_send".equals(pendingSend.path("op").asText())) {
            ObjectNode c = e.putObject("copied");
            c.put("to", pendingSend.path("to").asInt());
            c.put("from", full.path("actor").path("vm").asInt());
            c.put("size", full.path("payload").asText().length() / 2);
        }
        return e;
    }

    private static JsonNode read(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON line: " + e.getOriginalMessage(), e);
        }
    }

    private static String write(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
