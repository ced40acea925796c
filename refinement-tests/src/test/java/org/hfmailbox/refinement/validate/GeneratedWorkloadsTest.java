package org.hfmailbox.refinement.validate;

import org.hfmailbox.reference.Fault;
import org.hfmailbox.reference.Faults;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.reference.scenario.Scenario;
import org.hfmailbox.reference.scenario.ScenarioParser;
import org.hfmailbox.reference.workload.Workload;
import org.hfmailbox.reference.workload.WorkloadGenerator;
import org.hfmailbox.refinement.run.FuzzRun;
import org.hfmailbox.refinement.run.WorkloadValidation;
import org.hfmailbox.refinement.support.ScenarioTraces;
import org.hfmailbox.refinement.tlc.SpecSource;
import org.hfmailbox.refinement.trace.TraceReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workloads of the reference's seeded generator, run on the reference, validated by TLC: the default shape and
 * random shapes, both semantics. A rejection shrinks to a scenario file that reproduces it (shown by a fault).
 */
class GeneratedWorkloadsTest {
    private static final Path ROOT = SpecSource.projectRoot();
    private static final List<Semantics> BOTH = List.of(Semantics.corrected(), Semantics.aa039b39());

    @Test
    void generatedWorkloadsAreAccepted() throws Exception {
        FuzzRun fuzz = new FuzzRun(ROOT, System.out);
        Path failures = Path.of("target", "workload-failures");
        FuzzRun.Summary fixed = fuzz.run(new FuzzRun.Options(200, 80, 1_000, BOTH, false, failures,
                "workloads-default-shape"));
        FuzzRun.Summary random = fuzz.run(new FuzzRun.Options(40, 80, 50_000, BOTH, true, failures,
                "workloads-random-shapes"));
        List<String> repro = new ArrayList<>();
        for (Path p : fixed.reproducers()) {
            repro.add(p + ":\n" + Files.readString(p));
        }
        for (Path p : random.reproducers()) {
            repro.add(p + ":\n" + Files.readString(p));
        }
        System.out.printf("generated workloads: %d traces, %d steps validated%n", fixed.traces() + random.traces(),
                fixed.steps() + random.steps());
        assertEquals(0, fixed.rejected() + random.rejected(), String.join("\n", repro));
        assertTrue(fixed.steps() > 200 * 2 * 40, "workloads too short: " + fixed.steps() + " steps");
    }

    @Test
    void aRejectedWorkloadShrinksToAReproducingScenario() throws Exception {
        Validator v = new Validator(SpecSource.mailbox(ROOT, Path.of("target", "tlc")));
        Faults fault = Faults.of(Fault.WRONG_MAILBOX_STATE);
        WorkloadValidation wv = new WorkloadValidation(v, fault);
        Workload failing = null;
        Verdict verdict = null;
        for (long seed = 0; seed < 200 && failing == null; seed++) {
            Workload w = WorkloadGenerator.generate(seed, SystemShape.defaultShape(), Semantics.corrected(), 120);
            Verdict vd = wv.validate(w);
            if (!vd.accepted()) {
                failing = w;
                verdict = vd;
            }
        }
        assertTrue(failing != null, "no workload reached the fault");
        Path file = wv.reproduce(failing, verdict, Path.of("target", "shrink-demo"));
        Scenario s = ScenarioParser.parse(file);
        assertTrue(s.steps().size() < failing.steps().size(), "not shrunk: " + s.steps().size());
        ScenarioTraces.Run run = ScenarioTraces.run(s, Semantics.corrected(), fault);
        Verdict again = v.validate(new TraceReader().parse(file.toString(), run.lines()));
        assertFalse(again.accepted(), "the scenario does not reproduce the rejection:\n" + Files.readString(file));
        assertEquals("mailbox_send_deliver", again.rejection().orElseThrow().action());
        System.out.println("shrunk " + failing.steps().size() + " steps to " + s.steps().size() + ": " + file);
    }
}
