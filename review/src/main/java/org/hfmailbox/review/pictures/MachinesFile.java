package org.hfmailbox.review.pictures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.hfmailbox.review.tlc.RunKey;

/**
 * The state machines a state-graph dump projected, saved as JSON with the {@link RunKey} of the dump, so that a later
 * report with the same spec files, cfg, TLC jar and projections reads them instead of dumping the graph again.
 */
final class MachinesFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MachinesFile() {
    }

    static void write(Path file, RunKey key, StateGraphDump.Result r) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("digest", key.digest());
        r.distinctStates().ifPresent(n -> root.put("distinctStates", n));
        root.put("wallMillis", r.wallTime().toMillis());
        ArrayNode machines = root.putArray("machines");
        for (StateMachine m : r.machines()) {
            ObjectNode o = machines.addObject();
            o.put("title", m.projection().title());
            o.put("variable", m.projection().variable());
            m.projection().keys().forEach(o.putArray("keys")::add);
            m.nodes().forEach(o.putArray("nodes")::add);
            m.initial().stream().sorted().forEach(o.putArray("initial")::add);
            ArrayNode edges = o.putArray("edges");
            for (StateMachine.Edge e : m.edges()) {
                ObjectNode eo = edges.addObject();
                eo.put("from", e.from());
                eo.put("to", e.to());
                e.actions().forEach(eo.putArray("actions")::add);
            }
        }
        Files.writeString(file, JSON.writeValueAsString(root), StandardCharsets.UTF_8);
    }

    /** The saved result, when the file exists, is readable and was written for {@code key}. */
    static Optional<StateGraphDump.Result> read(Path file, RunKey key) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (!key.digest().equals(root.path("digest").asText())) {
                return Optional.empty();
            }
            List<StateMachine> machines = new ArrayList<>();
            for (JsonNode o : root.path("machines")) {
                List<StateMachine.Edge> edges = new ArrayList<>();
                for (JsonNode e : o.path("edges")) {
                    edges.add(new StateMachine.Edge(e.path("from").asText(), e.path("to").asText(),
                            new TreeSet<>(strings(e.path("actions")))));
                }
                machines.add(new StateMachine(new Projection(o.path("title").asText(), o.path("variable").asText(),
                        strings(o.path("keys"))), strings(o.path("nodes")), new LinkedHashSet<>(strings(
                        o.path("initial"))), edges));
            }
            OptionalLong distinct = root.has("distinctStates") ? OptionalLong.of(root.path("distinctStates").asLong())
                    : OptionalLong.empty();
            return Optional.of(new StateGraphDump.Result(machines, distinct,
                    Duration.ofMillis(root.path("wallMillis").asLong()), true));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
