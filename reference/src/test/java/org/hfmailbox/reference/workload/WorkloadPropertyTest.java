package org.hfmailbox.reference.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.hfmailbox.reference.Correction;
import org.hfmailbox.reference.Fault;
import org.hfmailbox.reference.Faults;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.reference.scenario.Scenario;
import org.hfmailbox.reference.scenario.ScenarioParser;
import org.hfmailbox.reference.scenario.ScenarioRunner;
import org.hfmailbox.reference.trace.TraceSink;
import org.junit.jupiter.api.Test;

/**
 * Property tests over generated workloads (no jqwik: the project's own seeded generator and shrinker). The base
 * random seed is -Dhfmailbox.randomSeed (default fixed); a failure prints its random seed and the shrunk scenario.
 */
class WorkloadPropertyTest {
    static final long BASE = Long.getLong("hfmailbox.randomSeed", 20261127L);
    static final int TRIES = Integer.getInteger("hfmailbox.tries", 400);
    static final int STEPS = 80;

    @Test
    void propertiesHoldOnRandomShapesUnderBothSemantics() {
        for (int i = 0; i < TRIES; i++) {
            long seed = BASE + i;
            Semantics sem = i % 2 == 0 ? Semantics.corrected() : Semantics.aa039b39();
            Workload w = WorkloadGenerator.generateRandomShape(seed, sem, STEPS);
            boolean traced = i < TRIES / 4;
            String failure = PropertyCheck.firstFailure(w, traced, Faults.none());
            if (failure != null) {
                Workload small = Shrinker.shrink(w, x -> PropertyCheck.firstFailure(x, traced, Faults.none()) != null);
                fail("--random-seed " + seed + " (" + sem + "): " + failure + "\nminimal workload:\n"
                        + ScenarioPrinter.print(small, failure));
            }
        }
    }

    @Test
    void theSameRandomSeedGivesTheSameWorkload() {
        Workload a = WorkloadGenerator.generateRandomShape(42, Semantics.corrected(), 60);
        Workload b = WorkloadGenerator.generateRandomShape(42, Semantics.corrected(), 60);
        assertEquals(a.shape(), b.shape());
        assertEquals(ScenarioPrinter.print(a, "x"), ScenarioPrinter.print(b, "x"));
    }

    @Test
    void generatedWorkloadsReachTheInterestingSteps() {
        java.util.EnumSet<org.hfmailbox.reference.Action> seen = java.util.EnumSet.noneOf(org.hfmailbox.reference.Action.class);
        for (int i = 0; i < 100; i++) {
            Workload w = WorkloadGenerator.generate(BASE + i, SystemShape.defaultShape(), Semantics.corrected(), 80);
            org.hfmailbox.reference.trace.InMemoryTrace t = new org.hfmailbox.reference.trace.InMemoryTrace();
            WorkloadRunner.replay(new org.hfmailbox.reference.Hypervisor(w.shape(), w.semantics(), t), w);
            t.events().forEach(e -> seen.add(e.action()));
        }
        for (org.hfmailbox.reference.Action a : org.hfmailbox.reference.Action.values()) {
            assertTrue(seen.contains(a), "never generated: " + a.jsonName());
        }
    }

    /** Teeth: each injected fault is found, shrunk, and printed as a scenario that replays. */
    @Test
    void injectedFaultsAreFoundAndShrunk() throws Exception {
        Faults[] faults = {Faults.of(Fault.WRONG_RETURN_ENCODING), Faults.of(Fault.SKIP_WAITER_POP),
            Faults.of(Fault.WRONG_MAILBOX_STATE),
            Faults.of(Fault.PUBLISH_READY_WITHOUT_SAVE), Faults.correctionOff(Correction.RETVAL_BEFORE_PUBLISH),
            Faults.correctionOff(Correction.BLOCK_ON_MAILBOX)};
        for (Faults f : faults) {
            Workload found = null;
            for (int i = 0; i < 3000 && found == null; i++) {
                Workload w = WorkloadGenerator.generate(BASE + i, SystemShape.of(2, 2, 1), Semantics.corrected(), 80);
                if (PropertyCheck.firstFailure(w, false, f) != null) {
                    found = w;
                }
            }
            assertNotNull(found, "no workload exposed " + f);
            Workload small = Shrinker.shrink(found, x -> PropertyCheck.firstFailure(x, false, f) != null);
            assertTrue(small.steps().size() <= found.steps().size());
            assertNotNull(PropertyCheck.firstFailure(small, false, f));
            assertEquals(null, PropertyCheck.firstFailure(small, false, Faults.none()), "fine without the fault");
            String text = ScenarioPrinter.print(small, "minimal for " + f);
            Scenario sc = ScenarioParser.parse("shrunk.scn", text);
            StringWriter table = new StringWriter();
            ScenarioRunner.Outcome o = ScenarioRunner.run(sc, null, TraceSink.NONE, new PrintWriter(table));
            assertTrue(o.passed(), o.failure() + "\n" + text);
            System.out.println(f + ": found at --random-seed " + found.randomSeed() + ", shrunk " + found.steps().size()
                    + " -> " + small.steps().size() + " steps");
        }
    }
}
