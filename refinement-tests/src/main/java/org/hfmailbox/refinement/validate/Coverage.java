package org.hfmailbox.refinement.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hfmailbox.refinement.trace.Vocabulary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which spec actions and which rows of the semantics page's state-transition table the accepted steps exercised,
 * with counts; merged over traces. Written as JSON by {@link #write} (format in docs/refinement.md). Only steps
 * TLC accepted are counted. One instance per run; not shared between threads.
 */
public final class Coverage {
    /**
     * The rows of the semantics page's table that the spec models (X2 and X4 are not spec steps), then the returns
     * of interrupt_inject, which the page lacks (IJ1 -1, IJ2 0, IJ3 1; docs/refinement.md).
     */
    public static final List<String> MODELLED_ROWS = List.of(
            "R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "C1", "C2", "C3", "C4",
            "S1", "S2", "S3", "S4", "S5", "S6", "S7", "V1", "V2", "V3", "V4", "L1", "L2", "X1", "X3", "X5", "PSCI",
            "IJ1", "IJ2", "IJ3");

    private final Map<String, Long> actions = new TreeMap<>();
    private final Map<String, Long> rows = new TreeMap<>();
    private final Map<String, Long> semantics = new TreeMap<>();
    private long traces;
    private long steps;
    private long rejected;
    private String rowSource = "none";

    public void countAction(String action) {
        actions.merge(action, 1L, Long::sum);
        steps++;
    }

    public void countRow(String row) {
        rows.merge(row, 1L, Long::sum);
    }

    public void countTrace(String semanticsName, boolean accepted) {
        traces++;
        semantics.merge(semanticsName, 1L, Long::sum);
        if (!accepted) {
            rejected++;
        }
    }

    public void rowSource(String source) {
        this.rowSource = source;
    }

    public long traces() {
        return traces;
    }

    public long steps() {
        return steps;
    }

    public Map<String, Long> actions() {
        return Map.copyOf(actions);
    }

    public Map<String, Long> rows() {
        return Map.copyOf(rows);
    }

    public List<String> actionsNotExercised() {
        return Vocabulary.ACTIONS.stream().filter(a -> !actions.containsKey(a)).toList();
    }

    public List<String> rowsNotExercised() {
        return MODELLED_ROWS.stream().filter(r -> !rows.containsKey(r)).toList();
    }

    public void merge(Coverage other) {
        other.actions.forEach((k, v) -> actions.merge(k, v, Long::sum));
        other.rows.forEach((k, v) -> rows.merge(k, v, Long::sum));
        other.semantics.forEach((k, v) -> semantics.merge(k, v, Long::sum));
        traces += other.traces;
        steps += other.steps;
        rejected += other.rejected;
        if (!"none".equals(other.rowSource)) {
            rowSource = other.rowSource;
        }
    }

    /**
     * Writes this run's coverage as part {@code name} ({@code <file's folder>/coverage-parts/<name>.json},
     * replacing an earlier part of that name) and rewrites {@code file} as the merge of every part there.
     */
    public void mergeInto(Path file, String name) throws IOException {
        Path parts = file.toAbsolutePath().getParent().resolve("coverage-parts");
        Files.createDirectories(parts);
        write(parts.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".json"));
        Coverage total = new Coverage();
        try (var files = Files.list(parts)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                total.merge(read(p));
            }
        }
        total.write(file);
    }

    public void write(Path file) throws IOException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("format", "hafnium-mailbox-coverage");
        root.put("version", 1);
        root.put("traces", traces);
        root.put("traces_rejected", rejected);
        root.put("steps", steps);
        ObjectNode sem = root.putObject("semantics");
        semantics.forEach(sem::put);
        root.put("row_source", rowSource);
        ObjectNode a = root.putObject("actions");
        for (String name : Vocabulary.ACTIONS) {
            a.put(name, actions.getOrDefault(name, 0L));
        }
        ObjectNode r = root.putObject("rows");
        for (String row : MODELLED_ROWS) {
            r.put(row, rows.getOrDefault(row, 0L));
        }
        rows.forEach((k, v) -> {
            if (!MODELLED_ROWS.contains(k)) {
                r.put(k, v);
            }
        });
        ArrayNode na = root.putArray("actions_not_exercised");
        actionsNotExercised().forEach(na::add);
        ArrayNode nr = root.putArray("rows_not_exercised");
        rowsNotExercised().forEach(nr::add);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        m.writeValue(file.toFile(), root);
    }

    public static Coverage read(Path file) throws IOException {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(file.toFile());
        Coverage c = new Coverage();
        c.traces = root.path("traces").asLong();
        c.rejected = root.path("traces_rejected").asLong();
        c.steps = root.path("steps").asLong();
        c.rowSource = root.path("row_source").asText("none");
        root.path("semantics").fields().forEachRemaining(e -> c.semantics.put(e.getKey(), e.getValue().asLong()));
        root.path("actions").fields().forEachRemaining(e -> {
            if (e.getValue().asLong() > 0) {
                c.actions.put(e.getKey(), e.getValue().asLong());
            }
        });
        root.path("rows").fields().forEachRemaining(e -> {
            if (e.getValue().asLong() > 0) {
                c.rows.put(e.getKey(), e.getValue().asLong());
            }
        });
        return c;
    }
}
