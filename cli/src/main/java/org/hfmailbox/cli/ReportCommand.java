package org.hfmailbox.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hfmailbox.review.PathDisplay;
import org.hfmailbox.review.RepoRoot;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ManifestReader;
import org.hfmailbox.review.manifest.ModelConfiguration;
import org.hfmailbox.review.report.ReportBuilder;
import org.hfmailbox.review.report.ReuseSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./mailbox report}: a static HTML report of configurations, verdicts, state machines and counterexamples. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a static HTML report (open DIR/index.html; no server): every configuration of"
            + " spec/manifest.json with its size, TLC time and verdicts (TLC runs now, for the configurations chosen;"
            + " raw output under target/check/), the refinement coverage, the vCPU and mailbox state machines"
            + " projected from TLC's state graph, every counterexample as a sequence diagram and a step table, and"
            + " the section ./mailbox diff-spec last wrote. docs/review.md explains how to read it.",
            "TLC results are reused where the spec files, the cfg and the jar are those of an earlier finished run"
            + " (./mailbox check or an earlier report; keys beside the runs' output under target/check/): the"
            + " report says which it reused and which it ran. --fresh runs everything again."},
        footer = {"", "Exit status: 0 report written and every verdict matches the manifest; 1 report written but a"
            + " verdict mismatched; 2 bad usage or input."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "the report's folder (default: target/report/)")
    private Path out;

    @Option(names = "--config", paramLabel = "NAME",
            description = "a configuration to check for the report (repeatable; default: every \"ci\" configuration)")
    private List<String> configs = new ArrayList<>();

    @Option(names = "--graph-config", paramLabel = "NAME", defaultValue = "small",
            description = "the configuration whose state graph gives the state machines (default: ${DEFAULT-VALUE})")
    private String graphConfig;

    @Option(names = "--no-graph", description = "do not draw the state machines")
    private boolean noGraph;

    @Option(names = "--coverage", paramLabel = "FILE",
            description = "the refinement coverage file (default: refinement-tests/target/coverage.json)")
    private Path coverage;

    @Option(names = "--diff-section", paramLabel = "FILE",
            description = "the HTML section of a spec diff (default: target/diff-spec/section.html when present)")
    private Path diffSection;

    @Option(names = "--fresh",
            description = "run TLC for every configuration and the state graph again, even where an earlier run's"
                + " spec files, cfg and jar are unchanged (default: reuse those results, from ./mailbox check or an"
                + " earlier report)")
    private boolean fresh;

    @Override
    public Integer call() throws IOException {
        Path root = RepoRoot.locate();
        PathDisplay display = new PathDisplay(root);
        Path manifestFile = root.resolve("spec").resolve("manifest.json");
        Manifest manifest = new ManifestReader().read(manifestFile, display.of(manifestFile));
        List<String> chosen = configs.isEmpty()
                ? manifest.configurations().stream().filter(ModelConfiguration::ci).map(ModelConfiguration::name).toList()
                : configs;
        PrintWriter log = spec.commandLine().getOut();
        ReportBuilder.Options options = new ReportBuilder.Options(
                out != null ? out : root.resolve("target").resolve("report"), chosen,
                noGraph ? Optional.empty() : Optional.of(graphConfig),
                coverage != null ? coverage : root.resolve("refinement-tests").resolve("target").resolve("coverage.json"),
                Optional.of(diffSection != null ? diffSection
                        : root.resolve("target").resolve("diff-spec").resolve("section.html")),
                root.resolve("target").resolve("check"), root.resolve("target").resolve("report-graph"), !fresh);
        long start = System.nanoTime();
        ReportBuilder.Report report = new ReportBuilder(root, manifest, display, log).build(options);
        long failed = report.outcomes().values().stream().filter(o -> !o.passed()).count();
        log.printf("report: %s written in %.1f s: %d configuration%s checked (%d failed), %d state machine%s,"
                + " %d counterexample%s%n", display.of(report.index()), (System.nanoTime() - start) / 1e9,
                report.outcomes().size(), report.outcomes().size() == 1 ? "" : "s", failed, report.machines().size(),
                report.machines().size() == 1 ? "" : "s", report.counterexamples().size(),
                report.counterexamples().size() == 1 ? "" : "s");
        log.println("report: " + ReuseSummary.of(report));
        log.flush();
        return failed == 0 ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }
}
