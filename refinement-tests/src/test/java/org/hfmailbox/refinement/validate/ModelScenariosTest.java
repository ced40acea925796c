package org.hfmailbox.refinement.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.scenario.Scenario;
import org.hfmailbox.reference.scenario.ScenarioParser;
import org.hfmailbox.refinement.model.Concretiser;
import org.hfmailbox.refinement.model.ModelScenarios;
import org.hfmailbox.refinement.support.ScenarioTraces;
import org.hfmailbox.refinement.tlc.SpecSource;
import org.hfmailbox.refinement.trace.TraceReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenarios derived from TLC's state graph of the small configuration (written under target/model-scenarios/ for the
 * EL2 harness): every action of the graph is taken; each scenario runs on the reference, takes exactly the planned
 * steps (CPU, action, arguments), and its trace is accepted by TLC.
 */
class ModelScenariosTest {
    @Test
    void modelDerivedScenariosTakeEveryActionAndValidate() throws Exception {
        Path root = SpecSource.projectRoot();
        long t0 = System.nanoTime();
        ModelScenarios.Result r = new ModelScenarios(root, Path.of("target", "model-scenarios").toAbsolutePath())
                .generate("small", 40, 60);
        double genSeconds = (System.nanoTime() - t0) / 1e9;
        Validator v = new Validator(SpecSource.mailbox(root, Path.of("target", "tlc")));
        ObjectMapper json = new ObjectMapper();
        List<String> problems = new ArrayList<>();
        int steps = 0;
        for (ModelScenarios.Generated g : r.scenarios()) {
            Scenario s = ScenarioParser.parse(g.file());
            ScenarioTraces.Run run = ScenarioTraces.run(s, Semantics.corrected(), org.hfmailbox.reference.Faults.none());
            if (!run.outcome().passed()) {
                problems.add(g.file().getFileName() + ": " + run.outcome().failure());
                continue;
            }
            Verdict verdict = v.validate(new TraceReader().parse(g.file().toString(), run.lines()));
            if (!verdict.accepted()) {
                problems.add(verdict.rejection().orElseThrow().describe());
                continue;
            }
            List<String> events = run.lines().subList(1, run.lines().size());
            if (events.size() != g.steps().size()) {
                problems.add(g.file().getFileName() + ": " + events.size() + " events for " + g.steps().size()
                        + " planned steps");
                continue;
            }
            for (int i = 0; i < events.size(); i++) {
                JsonNode e = json.readTree(events.get(i));
                Concretiser.Step p = g.steps().get(i);
                JsonNode planned = json.valueToTree(p.args());
                if (e.path("cpu").asInt() != p.cpu() || !e.path("action").asText().equals(p.action())
                        || !e.path("args").equals(planned)) {
                    problems.add(g.file().getFileName() + " step " + (i + 1) + ": planned " + p.cpu() + " "
                            + p.action() + planned + ", reference took " + e.path("cpu") + " " + e.path("action")
                            + e.path("args"));
                    break;
                }
            }
            steps += g.steps().size();
        }
        System.out.printf("model scenarios (%s): %d scenarios, %d steps; graph %d states, %d distinct edges, %d taken "
                        + "(%.1f%%); actions %d of %d; %d edges not concretised; %.1f s to generate%n",
                r.config(), r.scenarios().size(), steps, r.graphStates(), r.graphEdges(), r.edgesTaken(),
                100.0 * r.edgesTaken() / r.graphEdges(), r.actionsTaken().size(), r.graphActions().size(),
                r.unconcretised(), genSeconds);
        System.out.println("not concretised: " + r.unconcretisedActions());
        v.coverage().mergeInto(Path.of("target", "coverage.json"), "model-scenarios");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(r.graphActions(), r.actionsTaken(), "actions of the graph not taken");
        assertEquals(0, r.unconcretised(), "edges TLC could not concretise: " + r.unconcretisedActions());
    }
}
