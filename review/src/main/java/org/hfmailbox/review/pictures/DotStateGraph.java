package org.hfmailbox.review.pictures;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hfmailbox.refinement.value.TlaValue;
import org.hfmailbox.refinement.value.DotLabel;
import org.hfmailbox.refinement.value.TlcValueParser;
import org.hfmailbox.refinement.value.ValueSyntaxException;

/**
 * Reads the state graph TLC writes with {@code -dump dot,actionlabels FILE} and projects it onto places of the
 * state ({@link Projection}). Only the projected variables of each state are parsed, so the tens of megabytes of a
 * full dump stay cheap. Nodes are {@code ID [label="/\\ var = value\n..."]} lines (initial states carry
 * {@code style = filled}); edges are {@code ID -> ID [label="action",...]} lines.
 */
public final class DotStateGraph {
    private static final Pattern EDGE = Pattern.compile("^(-?\\d+) -> (-?\\d+) \\[label=\"([^\"]*)\"");
    private static final Pattern NODE = Pattern.compile("^(-?\\d+) \\[label=\"");

    private DotStateGraph() {
    }

    /** Projects the graph in {@code dot} onto each projection, in one pass over the file. */
    public static List<StateMachine> project(Path dot, List<Projection> projections) throws IOException {
        int n = projections.size();
        List<Map<Long, String>> values = new ArrayList<>();
        List<Set<String>> initial = new ArrayList<>();
        List<Set<String>> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(new HashMap<>());
            initial.add(new LinkedHashSet<>());
            order.add(new LinkedHashSet<>());
        }
        List<long[]> edges = new ArrayList<>();
        List<String> edgeLabels = new ArrayList<>();
        Map<String, String> labelIntern = new HashMap<>();
        int lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(dot, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                Matcher e = EDGE.matcher(line);
                if (e.find()) {
                    long from = Long.parseLong(e.group(1));
                    long to = Long.parseLong(e.group(2));
                    if (from != to) {
                        edges.add(new long[] {from, to});
                        edgeLabels.add(labelIntern.computeIfAbsent(e.group(3), k -> k));
                    }
                    continue;
                }
                Matcher m = NODE.matcher(line);
                if (!m.find()) {
                    continue;
                }
                long id = Long.parseLong(m.group(1));
                String label = line.substring(m.end());
                boolean isInitial = line.contains("style = filled");
                for (int i = 0; i < n; i++) {
                    Projection p = projections.get(i);
                    String raw = variableText(label, p.variable()).orElseThrow(
                            () -> new IOException(dot + ": state graph has no variable " + p.variable()));
                    TlaValue v;
                    try {
                        v = TlcValueParser.parse(raw);
                    } catch (ValueSyntaxException ex) {
                        throw new IOException(dot + ":" + lineNo + ": cannot read " + p.variable() + ": " + ex.getMessage());
                    }
                    String projected = p.apply(v).orElseThrow(() -> new IOException(dot + ": " + p.variable()
                            + " has no place " + p.keys()));
                    values.get(i).put(id, projected);
                    order.get(i).add(projected);
                    if (isInitial) {
                        initial.get(i).add(projected);
                    }
                }
            }
        }
        if (values.isEmpty() || n > 0 && values.get(0).isEmpty()) {
            throw new IOException(dot + ": no states in the state graph (" + lineNo + " lines)");
        }
        List<StateMachine> machines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<Long, String> val = values.get(i);
            Map<List<String>, Set<String>> byPair = new LinkedHashMap<>();
            for (int k = 0; k < edges.size(); k++) {
                String a = val.get(edges.get(k)[0]);
                String b = val.get(edges.get(k)[1]);
                if (a != null && b != null && !a.equals(b)) {
                    byPair.computeIfAbsent(List.of(a, b), x -> new TreeSet<>()).add(edgeLabels.get(k));
                }
            }
            List<StateMachine.Edge> list = new ArrayList<>();
            byPair.forEach((pair, actions) -> list.add(new StateMachine.Edge(pair.get(0), pair.get(1),
                    new TreeSet<>(actions))));
            machines.add(new StateMachine(projections.get(i), new ArrayList<>(order.get(i)), initial.get(i), list));
        }
        return machines;
    }

    /** The unescaped text of {@code variable}'s value inside an escaped dot label. */
    static Optional<String> variableText(String escapedLabel, String variable) {
        String marker = "/\\\\ " + variable + " = ";
        int at = escapedLabel.startsWith(marker) ? 0 : escapedLabel.indexOf("\\n" + marker);
        if (at < 0) {
            return Optional.empty();
        }
        int from = at + (at == 0 ? 0 : 2) + marker.length();
        int end = escapedLabel.indexOf("\\n/\\\\ ", from);
        if (end < 0) {
            end = escapedLabel.lastIndexOf('"');
            if (end < from) {
                end = escapedLabel.length();
            }
        }
        return Optional.of(DotLabel.unescape(escapedLabel.substring(from, end)));
    }
}
