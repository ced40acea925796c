package org.hfmailbox.review.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.hfmailbox.review.InputError;
import org.hfmailbox.review.PathDisplay;
import org.hfmailbox.review.Trees;
import org.hfmailbox.review.Xml;
import org.hfmailbox.review.check.CheckRunner;
import org.hfmailbox.review.check.ConfigurationOutcome;
import org.hfmailbox.review.check.PropertyVerdict;
import org.hfmailbox.review.check.RunOutcome;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ModelConfiguration;
import org.hfmailbox.review.pictures.Counterexample;
import org.hfmailbox.review.pictures.Projection;
import org.hfmailbox.review.pictures.SequenceDiagramSvg;
import org.hfmailbox.review.pictures.StateGraphDump;
import org.hfmailbox.review.pictures.StateMachine;
import org.hfmailbox.review.pictures.StateMachineSvg;
import org.hfmailbox.review.tlc.TlcReport;

/**
 * Builds the static HTML report: runs the check command's runner on the chosen configurations (its raw output
 * stays under target/check/), dumps and projects the state graph of one configuration, reads the refinement
 * coverage file, draws every counterexample, and writes {@code index.html} with its pictures beside it.
 */
public final class ReportBuilder {
    /**
     * What to build.
     *
     * @param outDir      the report's folder (emptied first)
     * @param configs     the configurations to check with TLC (the others are listed as not run)
     * @param graphConfig the configuration whose state graph gives the state machines; empty for none
     * @param coverage    the refinement coverage file
     * @param diffSection an HTML section written by {@code ./mailbox diff-spec}, if any
     * @param checkOut    where the check runner keeps TLC's raw output (target/check)
     * @param graphWork   where the state-graph dump runs (its dot file is deleted afterwards)
     * @param reuse       whether TLC results of earlier runs with the same spec files, cfg and jar are reused
     *                    ({@link org.hfmailbox.review.tlc.ReusingTlc}); false reruns everything
     */
    public record Options(Path outDir, List<String> configs, Optional<String> graphConfig, Path coverage,
            Optional<Path> diffSection, Path checkOut, Path graphWork, boolean reuse) {
        public Options {
            configs = List.copyOf(configs);
        }
    }

    /** What the report holds (tests read it). */
    public record Report(Path index, Map<String, ConfigurationOutcome> outcomes, List<StateMachine> machines,
            List<Counterexample> counterexamples, Duration graphTime, boolean graphReused) {
        public Report {
            outcomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
            machines = List.copyOf(machines);
            counterexamples = List.copyOf(counterexamples);
        }
    }

    private final Path root;
    private final Manifest manifest;
    private final PathDisplay display;
    private final PrintWriter log;

    public ReportBuilder(Path root, Manifest manifest, PathDisplay display, PrintWriter log) {
        this.root = root;
        this.manifest = manifest;
        this.display = display;
        this.log = log;
    }

    public Report build(Options o) throws IOException {
        List<ModelConfiguration> chosen = new ArrayList<>();
        for (String name : o.configs()) {
            chosen.add(find(name));
        }
        Optional<ModelConfiguration> graph = o.graphConfig().map(this::find);
        Path out = o.outDir().toAbsolutePath().normalize();
        Trees.deleteRecursively(out);
        Files.createDirectories(out.resolve("state-machines"));
        Files.createDirectories(out.resolve("counterexamples"));

        CheckRunner runner = new CheckRunner(manifest, o.checkOut(), display, log,
                OptionalInt.empty(), Duration.ofSeconds(30), o.reuse());
        Map<String, ConfigurationOutcome> outcomes = new LinkedHashMap<>();
        for (ModelConfiguration c : chosen) {
            outcomes.put(c.name(), runner.check(c));
        }
        List<Counterexample> cxs = counterexamples(outcomes);
        for (Counterexample cx : cxs) {
            Files.writeString(out.resolve("counterexamples").resolve(cx.id() + ".svg"), SequenceDiagramSvg.render(cx),
                    StandardCharsets.UTF_8);
        }

        List<StateMachine> machines = List.of();
        Duration graphTime = Duration.ZERO;
        boolean graphReused = false;
        if (graph.isPresent()) {
            ModelConfiguration g = graph.get();
            log.printf("== report: state graph of %s (TLC -dump dot,actionlabels, 1 worker) ==%n", g.name());
            log.flush();
            StateGraphDump.Result r = StateGraphDump.run(manifest.specDir(), manifest.spec(),
                    manifest.specDir().resolve(g.cfg()), o.graphWork(),
                    projections(g), false, o.reuse());
            machines = r.machines();
            graphTime = r.wallTime();
            graphReused = r.reused();
            log.printf("   state graph: %s distinct states in %.1f s%s%n",
                    r.distinctStates().isPresent() ? String.format("%,d", r.distinctStates().getAsLong()) : "?",
                    r.wallTime().toMillis() / 1000.0, r.reused()
                            ? " (reused the earlier dump's machines: spec, cfg and jar unchanged)" : "");
            for (StateMachine m : machines) {
                Files.writeString(out.resolve("state-machines").resolve(m.projection().fileStem() + ".svg"),
                        StateMachineSvg.render(m), StandardCharsets.UTF_8);
            }
        }
        String coverage = CoverageSection.render(o.coverage(), display.of(o.coverage()));
        String diff = o.diffSection().filter(Files::isRegularFile).map(p -> {
            try {
                return Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "<p>cannot read " + Xml.escape(display.of(p)) + ": " + Xml.escape(String.valueOf(e.getMessage()))
                        + "</p>";
            }
        }).orElse("<p class=\"unavailable\">No spec diff: run <code>./mailbox diff-spec OLD [NEW]</code> before"
                + " <code>./mailbox report</code> to include one.</p>\n");
        Path index = out.resolve("index.html");
        Files.writeString(index, new ReportHtml(manifest, outcomes, graph, machines, cxs, coverage, diff).render(),
                StandardCharsets.UTF_8);
        return new Report(index, outcomes, machines, cxs, graphTime, graphReused);
    }

    private ModelConfiguration find(String name) {
        return manifest.find(name).orElseThrow(() -> new InputError("no configuration named '" + name + "' in "
                + manifest.displayName() + " (./mailbox check --list lists them)"));
    }

    /** Every vCPU of the first secondary and the mailboxes of the primary and the first secondary. */
    static List<Projection> projections(ModelConfiguration c) {
        List<Projection> ps = new ArrayList<>();
        List<Integer> counts = c.shape().vcpuCount();
        if (counts.size() > 1) {
            for (int i = 0; i < counts.get(1); i++) {
                ps.add(Projection.vcpu(1, i));
            }
            ps.add(Projection.mailbox(1));
        }
        ps.add(Projection.mailbox(0));
        return ps;
    }

    static List<Counterexample> counterexamples(Map<String, ConfigurationOutcome> outcomes) {
        List<Counterexample> out = new ArrayList<>();
        for (ConfigurationOutcome o : outcomes.values()) {
            ModelConfiguration c = o.configuration();
            for (RunOutcome run : o.runs()) {
                TlcReport r = run.report();
                if (r.trace().isEmpty()) {
                    continue;
                }
                String runName = run.plan().name();
                String id = (c.name() + (runName.equals(c.name()) ? "" : "-" + runName)).replaceAll("[^A-Za-z0-9_-]",
                        "_");
                String what = r.violationText(run.verdicts().stream().filter(v -> !v.invariant())
                        .map(PropertyVerdict::name).toList());
                out.add(new Counterexample(id, c.name() + ": " + what + " (" + r.trace().size() + " states)",
                        c.shape(), r.trace(), r.loopBackTo(), r.loopAction(), r.stuttering()));
            }
        }
        return out;
    }
}
