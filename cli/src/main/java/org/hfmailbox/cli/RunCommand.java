package org.hfmailbox.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
        description = "Run a scenario (docs/scenario-format.md) on the Java reference: print a step table, write the"
                + " trace, exit 1 on the first failed expectation (naming file and line).")
public final class RunCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the scenario file")
    private Path file;

    @Option(names = "--trace", paramLabel = "OUT", description = "write the NDJSON trace here")
    private Path trace;

    @Option(names = "--semantics", paramLabel = "S",
            description = "corrected, aa039b39, or correction names separated by commas (default: the scenario's)")
    private String semantics;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Scenario scenario;
        try {
            scenario = ScenarioParser.parse(file);
        } catch (NoSuchFileException e) {
            throw new InputError(file + ": no such file");
        } catch (ScenarioException e) {
            throw new InputError(e.getMessage());
        }
        Semantics s = null;
        if (semantics != null) {
            try {
                s = Semantics.parse(semantics);
            } catch (IllegalArgumentException e) {
                throw new InputError("--semantics: " + e.getMessage());
            }
        }
        ScenarioRunner.Outcome o;
        if (trace != null) {
            Path parent = trace.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (NdjsonTraceWriter w = NdjsonTraceWriter.toFile(trace)) {
                o = ScenarioRunner.run(scenario, s, w, out);
            }
        } else {
            o = ScenarioRunner.run(scenario, s, TraceSink.NONE, out);
        }
        out.flush();
        if (!o.passed()) {
            spec.commandLine().getErr().println("FAILED " + o.failure());
            spec.commandLine().getErr().flush();
            return ExitCode.CHECK_FAILED;
        }
        out.println("PASSED " + file + ": " + o.stepsTaken() + " steps, " + o.expectationsChecked()
                + " expectations" + (trace != null ? ", trace " + trace : ""));
        return ExitCode.OK;
    }
}
