package org.hfmailbox.refinement.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hfmailbox.refinement.tlc.LoadedSpec;
import org.hfmailbox.refinement.tlc.SpecLoadException;
import org.hfmailbox.refinement.tlc.SpecSource;
import org.hfmailbox.refinement.trace.Corrections;
import org.hfmailbox.refinement.trace.SpecConstants;
import tlc2.tool.TLCState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scenarios derived from TLC's state graph of a model configuration (docs/refinement.md): walks from the initial
 * state that take every action of the graph at least once and then as many further distinct edges as the step budget
 * allows (greedy: an untaken edge of the current state, preferring untaken actions, else the shortest way to the
 * nearest state that has one), each walk concretised step by step with TLC ({@link Concretiser}) and written as a
 * scenario file, plus {@code index.json} with the figures.
 */
public final class ModelScenarios {
    /** One generated scenario: its file and its planned steps. */
    public record Generated(Path file, List<Concretiser.Step> steps) {
    }

    /**
     * The generation's result. {@code initial} is the TLC state every walk starts from (a state of the loaded spec:
     * read it before another spec is loaded in this JVM).
     */
    public record Result(String config, int graphStates, int graphEdges, List<String> graphActions,
                         int edgesTaken, List<String> actionsTaken, List<Generated> scenarios, int unconcretised,
                         List<String> unconcretisedActions, TLCState initial) {
    }

    private final SpecSource source;
    private final Path outDir;

    /** Scenarios of the project's spec/ (generated files under {@code outDir}). */
    public ModelScenarios(Path projectRoot, Path outDir) {
        this(SpecSource.mailbox(projectRoot, outDir.resolve("tlc")), outDir);
    }

    /**
     * Scenarios of the spec in {@code source.specDir()}, any spec folder holding the configuration's cfg and
     * manifest.json (e.g. another revision's copy, as diff-spec uses it); generated files under {@code outDir}.
     */
    public ModelScenarios(SpecSource source, Path outDir) {
        this.source = source;
        this.outDir = outDir;
    }

    public Result generate(String config, int maxScenarios, int stepsPerScenario)
            throws IOException, SpecLoadException {
        Path work = outDir.resolve("graph");
        Path dot = DotDump.dump(source.specDir(), config, work, 2);
        StateGraph graph = StateGraph.read(dot);
        SpecConstants k = constants(config);
        LoadedSpec spec = LoadedSpec.load(source, k);
        Concretiser conc = new Concretiser(spec);
        TLCState init = null;
        long initId = 0;
        for (TLCState s : spec.initStates()) {
            for (long id : graph.initial()) {
                if (conc.view(s).equals(conc.view(conc.printedState(graph.state(id))))) {
                    init = s;
                    initId = id;
                }
            }
        }
        if (init == null) {
            throw new IOException("no initial state of the loaded spec equals one of the dump's initial nodes "
                    + graph.initial());
        }
        Set<StateGraph.Edge> taken = new HashSet<>();
        Set<StateGraph.Edge> failed = new HashSet<>();
        Set<String> actions = new java.util.TreeSet<>();
        List<Generated> out = new ArrayList<>();
        Files.createDirectories(outDir);
        for (int n = 0; n < maxScenarios; n++) {
            long node = initId;
            TLCState state = init;
            List<Concretiser.Step> steps = new ArrayList<>();
            while (steps.size() < stepsPerScenario) {
                List<StateGraph.Edge> way = nextWay(graph, node, taken, failed, actions);
                if (way == null) {
                    break;
                }
                boolean ok = true;
                for (StateGraph.Edge e : way) {
                    Concretiser.Step s = conc.step(state, e.action(), graph.state(e.to()));
                    if (s == null) {
                        failed.add(e);
                        if (failed.stream().filter(x -> x.action().equals(e.action())).count() >= 3) {
                            actions.add(e.action());
                        }
                        ok = false;
                        break;
                    }
                    steps.add(s);
                    taken.add(e);
                    actions.add(e.action());
                    node = e.to();
                    state = s.post();
                }
                if (!ok) {
                    break;
                }
            }
            if (steps.isEmpty()) {
                break;
            }
            Path f = outDir.resolve(String.format("model-%s-%03d.scn", config, n));
            Files.writeString(f, text(config, k, n, steps));
            out.add(new Generated(f, steps));
        }
        Result r = new Result(config, graph.nodeCount(), graph.edgeCount(), List.copyOf(graph.actions()),
                taken.size(), List.copyOf(actions), out, failed.size(),
                failed.stream().map(StateGraph.Edge::action).distinct().sorted().toList(), init);
        writeIndex(r);
        return r;
    }

    /** The way to the next untaken edge: one edge of {@code node}, or the shortest path to the nearest one. */
    private static List<StateGraph.Edge> nextWay(StateGraph g, long node, Set<StateGraph.Edge> taken,
                                                 Set<StateGraph.Edge> failed, Set<String> actions) {
        List<StateGraph.Edge> best = pickHere(g, node, taken, failed, actions, true);
        if (best != null) {
            return best;
        }
        for (boolean newAction : new boolean[] {true, false}) {
            Map<Long, StateGraph.Edge> parent = new HashMap<>();
            ArrayDeque<Long> queue = new ArrayDeque<>();
            queue.add(node);
            parent.put(node, null);
            while (!queue.isEmpty()) {
                long u = queue.poll();
                List<StateGraph.Edge> here = pickHere(g, u, taken, failed, actions, newAction);
                if (here != null && u != node) {
                    List<StateGraph.Edge> path = new ArrayList<>();
                    for (long x = u; parent.get(x) != null; x = parent.get(x).from()) {
                        path.add(0, parent.get(x));
                    }
                    path.addAll(here);
                    return path;
                }
                for (StateGraph.Edge e : g.out(u)) {
                    if (!parent.containsKey(e.to()) && !failed.contains(e)) {
                        parent.put(e.to(), e);
                        queue.add(e.to());
                    }
                }
            }
            if (!newAction) {
                break;
            }
        }
        return null;
    }

    private static List<StateGraph.Edge> pickHere(StateGraph g, long node, Set<StateGraph.Edge> taken,
                                                  Set<StateGraph.Edge> failed, Set<String> actions,
                                                  boolean newActionOnly) {
        StateGraph.Edge fallback = null;
        for (StateGraph.Edge e : g.out(node)) {
            if (taken.contains(e) || failed.contains(e)) {
                continue;
            }
            if (!actions.contains(e.action())) {
                return List.of(e);
            }
            if (fallback == null) {
                fallback = e;
            }
        }
        return newActionOnly || fallback == null ? null : List.of(fallback);
    }

    private SpecConstants constants(String config) throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(source.specDir().resolve("manifest.json").toFile());
        for (JsonNode c : manifest.path("configurations")) {
            if (c.path("name").asText().equals(config)) {
                List<Integer> counts = new ArrayList<>();
                c.path("shape").path("vcpu_count").forEach(n -> counts.add(n.asInt()));
                String sem = c.path("semantics").asText();
                List<String> corr = sem.equals("aa039b39") ? List.of() : Corrections.ALL;
                return new SpecConstants(c.path("shape").path("cpus").asInt(), counts, corr);
            }
        }
        throw new IOException(source.specDir().resolve("manifest.json") + " has no configuration " + config);
    }

    /** The scenario file of walk {@code n} of a configuration: header (shape, semantics), one line per step. */
    public static String text(String config, SpecConstants k, int n, List<Concretiser.Step> steps) {
        StringBuilder b = new StringBuilder();
        b.append("# Derived from TLC's state graph of the '").append(config).append("' configuration (walk ")
                .append(n).append(", ").append(steps.size()).append(" steps); generated by refinement-tests,\n")
                .append("# concretised by the rules of docs/refinement.md. Each step expects the spec action it takes.\n");
        b.append("shape cpus=").append(k.cpus()).append(" vcpu_count=")
                .append(String.join(",", k.vcpuCount().stream().map(String::valueOf).toList())).append('\n');
        b.append("semantics ").append(k.corrections().isEmpty() ? "aa039b39" : String.join(" ", k.corrections()))
                .append('\n');
        for (Concretiser.Step s : steps) {
            b.append(Concretiser.line(s)).append('\n');
        }
        return b.toString();
    }

    private void writeIndex(Result r) throws IOException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("format", "hafnium-mailbox-model-scenarios");
        root.put("config", r.config());
        root.put("graph_states", r.graphStates());
        root.put("graph_edges", r.graphEdges());
        root.put("edges_taken", r.edgesTaken());
        root.put("edge_share", r.graphEdges() == 0 ? 0 : (double) r.edgesTaken() / r.graphEdges());
        ArrayNode ga = root.putArray("graph_actions");
        r.graphActions().forEach(ga::add);
        ArrayNode ta = root.putArray("actions_taken");
        r.actionsTaken().forEach(ta::add);
        root.put("edges_not_concretised", r.unconcretised());
        ArrayNode sc = root.putArray("scenarios");
        for (Generated g : r.scenarios()) {
            ObjectNode o = sc.addObject();
            o.put("file", g.file().getFileName().toString());
            o.put("steps", g.steps().size());
        }
        m.writeValue(outDir.resolve("index.json").toFile(), root);
    }
}
