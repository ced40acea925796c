package org.hfmailbox.harness;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.scenario.Scenario;
import org.hfmailbox.reference.scenario.ScenarioException;
import org.hfmailbox.reference.scenario.ScenarioParser;
import org.hfmailbox.reference.scenario.ScenarioRunner;
import org.hfmailbox.reference.trace.InMemoryTrace;

/** Runs a scenario file on the reference and returns its trace, ready for replay. */
public final class ScenarioTraces {
    private ScenarioTraces() {
    }

    /** The reference's trace of a scenario under the given semantics (its expectations checked by the reference). */
    public record Result(ReferenceTrace trace, boolean validFor, boolean passed, String failure) {
    }

    public static Result run(Path file, Semantics semantics) throws IOException, HarnessInputException {
        return run(file, parse(file), semantics);
    }

    /**
     * The reference's traces of a scenario under each semantics it is to run in ({@link Scenario#semanticsToRun}:
     * the header's, or those of {@code requested} the scenario is valid for).
     */
    public static List<Result> runAll(Path file, List<Semantics> requested) throws IOException, HarnessInputException {
        Scenario scenario = parse(file);
        List<Semantics> sems;
        try {
            sems = scenario.semanticsToRun(requested);
        } catch (ScenarioException e) {
            throw new HarnessInputException(e.getMessage());
        }
        List<Result> out = new ArrayList<>();
        for (Semantics s : sems) {
            out.add(run(file, scenario, s));
        }
        return out;
    }

    private static Scenario parse(Path file) throws IOException, HarnessInputException {
        try {
            return ScenarioParser.parse(file);
        } catch (ScenarioException e) {
            throw new HarnessInputException(e.getMessage());
        }
    }

    private static Result run(Path file, Scenario scenario, Semantics semantics) throws HarnessInputException {
        InMemoryTrace sink = new InMemoryTrace();
        ScenarioRunner.Outcome o = ScenarioRunner.run(scenario, semantics, sink,
                new PrintWriter(new StringWriter()));
        String name = file.getFileName() + " [" + semantics.name() + "]";
        ReferenceTrace trace = TraceReader.parse(name, sink.toLines()).withLayout(VmLayout.of(scenario.layout()));
        return new Result(trace, scenario.isValidFor(semantics), o.passed(), o.failure());
    }
}
