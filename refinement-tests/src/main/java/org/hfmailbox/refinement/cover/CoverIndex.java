package org.hfmailbox.refinement.cover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a covering run's results: {@code index.json} (format in docs/refinement.md) and
 * {@code not-taken.ndjson}, one line per required edge a level did not take, with the reason.
 */
final class CoverIndex {
    static final String INDEX = "index.json";
    static final String NOT_TAKEN = "not-taken.ndjson";
    private static final int LISTED_IN_INDEX = 50;

    private CoverIndex() {
    }

    static Path write(Path dir, CoverFigures f, Map<CoverLevel, List<EdgeLedger.Missing>> missing)
            throws IOException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("format", "hafnium-mailbox-cover");
        root.put("version", 1);
        root.put("config", f.config());
        ObjectNode k = root.putObject("constants");
        k.put("cpus", f.constants().cpus());
        ArrayNode vc = k.putArray("vcpu_count");
        f.constants().vcpuCount().forEach(vc::add);
        ArrayNode corr = k.putArray("corrections");
        f.constants().corrections().forEach(corr::add);
        root.put("share_percent", f.sharePercent());
        root.put("random_seed", f.randomSeed());
        ObjectNode g = root.putObject("graph");
        g.put("states", f.graphStates());
        g.put("edges", f.graphEdges());
        g.put("dump", f.graphReused() ? "reused" : "fresh");
        ArrayNode ga = g.putArray("actions");
        f.graphActions().forEach(ga::add);
        ObjectNode p = root.putObject("plan");
        p.put("required_edges", f.plan().required());
        p.put("walks", f.plan().walks().size());
        p.put("steps", f.plan().steps());
        p.put("repeated_steps", f.plan().repeatedSteps());
        p.put("repeated_steps_flow", f.plan().flowSteps());
        p.put("repeated_steps_reach", f.plan().reachSteps());
        p.put("repeated_steps_cut", f.plan().cutSteps());
        p.put("steps_per_required_edge", f.plan().required() == 0 ? 0
                : (double) f.plan().steps() / f.plan().required());
        p.put("max_walk_steps", f.maxWalkSteps());
        p.put("longest_walk", f.longestWalk());
        ObjectNode levels = root.putObject("levels");
        for (CoverLevel l : f.levels()) {
            ObjectNode o = levels.putObject(l.jsonName());
            o.put("required_edges_taken", f.requiredTaken().get(l));
            o.put("percent", Math.round(f.percent(l) * 1000) / 1000.0);
            o.put("edges_taken", f.edgesTaken().get(l));
            o.put("steps", f.stepsTaken().get(l));
            o.put("not_taken", missing.get(l).size());
            if (l == CoverLevel.VALIDATOR_OBSERVABLE) {
                o.put("frontier_max", f.frontierMax());
            }
        }
        root.put("complete", f.complete());
        ObjectNode t = root.putObject("seconds");
        f.stageSeconds().forEach((stage, s) -> t.put(stage, Math.round(s * 10) / 10.0));
        t.put("total", Math.round(f.wallSeconds() * 10) / 10.0);
        ObjectNode load = root.putObject("load_average");
        load.put("start", f.loadBefore());
        load.put("end", f.loadAfter());
        ArrayNode listed = root.putArray("not_taken");
        int n = 0;
        for (CoverLevel l : f.levels()) {
            for (EdgeLedger.Missing x : missing.get(l)) {
                if (n++ < LISTED_IN_INDEX) {
                    listed.add(missingJson(m, x));
                }
            }
        }
        root.put("not_taken_file", NOT_TAKEN);
        root.put("scenarios", "scenarios/");
        Files.createDirectories(dir);
        Path index = dir.resolve(INDEX);
        m.writeValue(index.toFile(), root);
        ObjectMapper line = new ObjectMapper();
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(NOT_TAKEN), StandardCharsets.UTF_8)) {
            for (CoverLevel l : f.levels()) {
                for (EdgeLedger.Missing x : missing.get(l)) {
                    w.write(line.writeValueAsString(missingJson(line, x)));
                    w.newLine();
                }
            }
        }
        return index;
    }

    private static ObjectNode missingJson(ObjectMapper m, EdgeLedger.Missing x) {
        ObjectNode o = m.createObjectNode();
        o.put("level", x.level().jsonName());
        o.put("from", x.edge().from());
        o.put("to", x.edge().to());
        o.put("action", x.edge().action());
        o.put("reason", x.reason());
        return o;
    }
}
