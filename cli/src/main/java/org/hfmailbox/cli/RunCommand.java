package org.hfmailbox.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.scenario.Scenario;
import org.hfmailbox.reference.scenario.ScenarioException;
import org.hfmailbox.reference.scenario.ScenarioParser;
import org.hfmailbox.reference.scenario.ScenarioRunner;
import org.hfmailbox.reference.trace.NdjsonTraceWriter;
import org.hfmailbox.reference.trace.TraceSink;
import org.hfmailbox.review.InputError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./mailbox run FILE [--trace OUT] [--semantics S]}: runs one scenario on the Java reference. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a scenario (docs/scenario-format.md) on the Java reference: print a step table, write the"
                + " trace, stop at the first failed expectation (naming file and line).",
            "The scenario runs under the semantics its header selects: its 'semantics' line (one, or 'both'), else"
                + " those of corrected and aa039b39 its 'valid-for' line names, else corrected; each in turn."},
        footer = {"", "Exit status: 0 every expectation held under every semantics run; 1 one failed; 2 bad input"
            + " (a missing or malformed scenario, a --semantics the scenario is not valid for)."})
public final class RunCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the scenario file")
    private Path file;

    @Option(names = "--trace", paramLabel = "OUT",
            description = "write the NDJSON trace here (OUT.SEMANTICS.ndjson each when the run has two semantics)")
    private Path trace;

    @Option(names = "--semantics", paramLabel = "S",
            description = "corrected, aa039b39, both, or correction names separated by commas (default: the"
                + " scenario's header)")
    private String semantics;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario scenario;
        List<Semantics> runs;
        try {
            scenario = ScenarioParser.parse(file);
            runs = scenario.semanticsToRun(requested());
        } catch (NoSuchFileException e) {
            throw new InputError(file + ": no such file");
        } catch (ScenarioException e) {
            throw new InputError(e.getMessage());
        }
        int failed = 0;
        for (Semantics s : runs) {
            String label = runs.size() > 1 ? " [" + s.name() + "]" : "";
            if (runs.size() > 1) {
                out.println("== " + file + " under " + s.name() + " ==");
            }
            Path tracePath = trace == null ? null : runs.size() == 1 ? trace : withSemantics(trace, s);
            ScenarioRunner.Outcome o = run(scenario, s, tracePath, out);
            out.flush();
            if (!o.passed()) {
                failed++;
                err.println("FAILED" + label + " " + o.failure());
                err.flush();
            } else {
                out.println("PASSED " + file + label + ": " + o.stepsTaken() + " steps, " + o.expectationsChecked()
                        + " expectations" + (tracePath != null ? ", trace " + tracePath : ""));
            }
        }
        return failed == 0 ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    private static ScenarioRunner.Outcome run(Scenario scenario, Semantics s, Path tracePath, PrintWriter out)
            throws IOException {
        if (tracePath == null) {
            return ScenarioRunner.run(scenario, s, TraceSink.NONE, out);
        }
        Path parent = tracePath.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (NdjsonTraceWriter w = NdjsonTraceWriter.toFile(tracePath)) {
            return ScenarioRunner.run(scenario, s, w, out);
        }
    }

    /** {@code t.ndjson} becomes {@code t.aa039b39.ndjson} when the scenario runs under more than one semantics. */
    private static Path withSemantics(Path trace, Semantics s) {
        String name = trace.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String tagged = dot > 0 ? name.substring(0, dot) + "." + s.name() + name.substring(dot)
                : name + "." + s.name();
        return trace.resolveSibling(tagged);
    }

    private List<Semantics> requested() {
        if (semantics == null) {
            return List.of();
        }
        if (semantics.equals("both")) {
            return List.of(Semantics.corrected(), Semantics.aa039b39());
        }
        try {
            return List.of(Semantics.parse(semantics));
        } catch (IllegalArgumentException e) {
            throw new InputError("--semantics: " + e.getMessage());
        }
    }
}
