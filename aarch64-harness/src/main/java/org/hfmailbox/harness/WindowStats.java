package org.hfmailbox.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a (free-running) trace shows of aa039b39's register-save windows, read from its states: {@code vcpu_run}
 * decisions on a vCPU whose register save had not completed (the spec's ResumeFromSavedInv fails in the next state;
 * {@code save-before-publish} forbids the step), loads of such a vCPU's stale buffer, register saves that overwrote
 * a receive response a sender had written for the vCPU (NoLostReturnValueInv fails; {@code retval-before-publish}
 * forbids it); and, so that a workload that only collects errors shows, its successful deliveries and its error
 * returns. Immutable; {@link #plus} adds up traces.
 */
public record WindowStats(int traces, long steps, long unsavedRuns, long staleLoads, long lostReturnValues,
                          long deliveries, long errorReturns, long firstUnsavedRunSeq, long firstLostSeq) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static WindowStats none() {
        return new WindowStats(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** The windows hit: unsaved runs plus lost return values. */
    public long windowsHit() {
        return unsavedRuns + lostReturnValues;
    }

    public WindowStats plus(WindowStats o) {
        return new WindowStats(traces + o.traces, steps + o.steps, unsavedRuns + o.unsavedRuns,
                staleLoads + o.staleLoads, lostReturnValues + o.lostReturnValues, deliveries + o.deliveries,
                errorReturns + o.errorReturns, 0, 0);
    }

    /** Windows hit per 1,000 traces, deliveries per trace, error returns in percent of the steps. */
    public String describe() {
        double per1000 = traces == 0 ? 0 : 1000.0 * windowsHit() / traces;
        return String.format("%d traces, %d steps: windows hit %d (%.0f per 1,000 traces: %d vcpu_run decisions on "
                + "an unsaved vCPU, %d stale loads, %d lost return values), %.1f deliveries per trace, %.0f %% error "
                + "returns", traces, steps, windowsHit(), per1000, unsavedRuns, staleLoads, lostReturnValues,
                traces == 0 ? 0.0 : (double) deliveries / traces, steps == 0 ? 0.0 : 100.0 * errorReturns / steps);
    }

    /** The statistics of one trace (NDJSON lines of the reference, header first). */
    public static WindowStats of(List<String> lines) {
        Map<String, JsonNode> state = new HashMap<>();
        long steps = 0;
        long unsaved = 0;
        long stale = 0;
        long lost = 0;
        long deliveries = 0;
        long errors = 0;
        long firstUnsaved = 0;
        long firstLost = 0;
        boolean retvalFixed = false;
        for (int n = 0; n < lines.size(); n++) {
            JsonNode e = parse(lines.get(n));
            if (n == 0) {
                e.path("init").fields().forEachRemaining(f -> state.put(f.getKey(), f.getValue()));
                for (JsonNode c : e.path("corrections")) {
                    retvalFixed |= "retval-before-publish".equals(c.asText());
                }
                continue;
            }
            steps++;
            int cpu = e.path("cpu").asInt();
            String action = e.path("action").asText();
            JsonNode changes = e.path("changes");
            if (action.equals("vcpu_run") && changes.has("cpu_op")) {
                JsonNode next = changes.path("cpu_op").path(cpu).path("next");
                if (next.size() == 2 && next.get(0).asInt() != 0 && !bool(state, "regs_available", next)) {
                    unsaved++;
                    firstUnsaved = firstUnsaved == 0 ? e.path("seq").asLong() : firstUnsaved;
                }
            }
            if (action.equals("vcpu_switch")) {
                JsonNode op = state.get("cpu_op").path(cpu);
                if (!bool(state, "regs_available", op.path("next"))) {
                    stale++;
                }
                JsonNode old = state.get("current").path(cpu);
                if (!retvalFixed && old.size() == 2 && !"none".equals(op.path("user_ret").path("kind").asText())
                        && !"none".equals(at(state, "recv_pending", old).path("kind").asText())) {
                    lost++;
                    firstLost = firstLost == 0 ? e.path("seq").asLong() : firstLost;
                }
            }
            String hex = e.path("ret").path("hex").asText("");
            if (action.equals("mailbox_send_deliver") && !hex.isEmpty() && !hex.equals("0xffffffffffffffff")) {
                deliveries++;
            }
            if (hex.equals("0xffffffffffffffff")) {
                errors++;
            }
            changes.fields().forEachRemaining(f -> state.put(f.getKey(), f.getValue()));
        }
        return new WindowStats(1, steps, unsaved, stale, lost, deliveries, errors, firstUnsaved, firstLost);
    }

    /** The trace with its header's corrections replaced by {@code names} (semantics "custom"). */
    public static List<String> relabel(List<String> lines, List<String> names) {
        List<String> out = new ArrayList<>(lines);
        ObjectNode h = (ObjectNode) parse(lines.get(0));
        ObjectNode copy = MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            switch (f.getKey()) {
                case "semantics" -> copy.put("semantics", "custom");
                case "corrections" -> {
                    ArrayNode a = copy.putArray("corrections");
                    names.forEach(a::add);
                }
                default -> copy.set(f.getKey(), f.getValue());
            }
        }
        try {
            out.set(0, MAPPER.writeValueAsString(copy));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static JsonNode at(Map<String, JsonNode> state, String variable, JsonNode vcpu) {
        return state.get(variable).path(vcpu.path(0).asInt()).path(vcpu.path(1).asInt());
    }

    private static boolean bool(Map<String, JsonNode> state, String variable, JsonNode vcpu) {
        return at(state, variable, vcpu).asBoolean(true);
    }

    private static JsonNode parse(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a trace line: " + e.getOriginalMessage(), e);
        }
    }
}
