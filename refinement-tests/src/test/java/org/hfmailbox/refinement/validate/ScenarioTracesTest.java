package org.hfmailbox.refinement.validate;

import org.hfmailbox.refinement.support.ScenarioTraces;
import org.hfmailbox.refinement.tlc.SpecSource;
import org.hfmailbox.refinement.trace.TraceReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trace of every scenario under scenarios/, in both semantics where it allows them, is accepted by TLC. */
class ScenarioTracesTest {
    @Test
    void everyScenarioTraceIsAccepted() throws Exception {
        Validator v = new Validator(SpecSource.mailbox(SpecSource.projectRoot(), Path.of("target", "tlc")));
        List<String> failures = new ArrayList<>();
        List<ScenarioTraces.Run> runs = ScenarioTraces.bothSemantics();
        long steps = 0;
        long t0 = System.nanoTime();
        for (ScenarioTraces.Run r : runs) {
            ScenarioTraces.save(Path.of("target", "traces", "scenarios"), r.label() + ".ndjson", r.lines());
            Verdict verdict = v.validate(new TraceReader().parse(r.label(), r.lines()));
            steps += verdict.eventsAccepted();
            if (!verdict.accepted()) {
                failures.add(verdict.rejection().orElseThrow().describe());
            }
            if (!r.outcome().passed()) {
                System.out.println("note: the reference's own expectations failed: " + r.outcome().failure());
            }
        }
        System.out.printf("scenario traces: %d traces, %d steps accepted, %d rejected, %.2f s%n", runs.size(),
                steps, failures.size(), (System.nanoTime() - t0) / 1e9);
        v.coverage().mergeInto(Path.of("target", "coverage.json"), "scenarios");
        assertTrue(runs.size() >= 2, "no scenarios found under " + ScenarioTraces.scenarioDir());
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
