package org.hfmailbox.refinement.support;

import org.hfmailbox.reference.Faults;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.scenario.Scenario;
import org.hfmailbox.reference.scenario.ScenarioParser;
import org.hfmailbox.reference.scenario.ScenarioRunner;
import org.hfmailbox.reference.trace.InMemoryTrace;
import org.hfmailbox.refinement.tlc.SpecSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The scenarios under scenarios/, parsed by the reference, run through it into traces (NDJSON lines). */
public final class ScenarioTraces {
    /** One run: the scenario, the semantics it ran under, the reference's own outcome and the trace lines. */
    public record Run(Scenario scenario, Semantics semantics, ScenarioRunner.Outcome outcome, List<String> lines) {
        public String label() {
            return Path.of(scenario.file()).getFileName() + "@" + semantics.name();
        }
    }

    private ScenarioTraces() {
    }

    public static Path scenarioDir() {
        return SpecSource.projectRoot().resolve("scenarios");
    }

    public static List<Scenario> all() {
        List<Scenario> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(scenarioDir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".scn")).sorted().toList()) {
                out.add(ScenarioParser.parse(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("scenario does not parse: " + e.getMessage(), e);
        }
        return out;
    }

    public static Run run(Scenario s, Semantics sem, Faults faults) {
        InMemoryTrace trace = new InMemoryTrace();
        ScenarioRunner.Outcome o = ScenarioRunner.run(s, sem, trace, faults, null);
        return new Run(s, sem, o, trace.toLines());
    }

    /** Every scenario in both semantics where it allows them. */
    public static List<Run> bothSemantics() {
        List<Run> out = new ArrayList<>();
        for (Scenario s : all()) {
            for (Semantics sem : List.of(Semantics.corrected(), Semantics.aa039b39())) {
                if (s.isValidFor(sem)) {
                    out.add(run(s, sem, Faults.none()));
                }
            }
        }
        return out;
    }

    public static Path save(Path dir, String name, List<String> lines) {
        try {
            Files.createDirectories(dir);
            Path f = dir.resolve(name);
            Files.write(f, lines);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
