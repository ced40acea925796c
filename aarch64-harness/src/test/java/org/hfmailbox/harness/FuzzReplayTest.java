package org.hfmailbox.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;
import org.junit.jupiter.api.Test;

/**
 * Fuzzed 64-bit x0..x3 from every guest (differential: the reference says what Hafnium returns); the EL2 code
 * must neither crash (a FATAL record or a QEMU timeout fails the trace) nor disagree.
 */
class FuzzReplayTest {
    @Test
    void fuzzedRegistersNeverCrashEl2AndAgree() throws Exception {
        List<ReferenceTrace> traces = new ArrayList<>();
        traces.addAll(WorkloadReplayTest.workloads(SystemShape.defaultShape(), Semantics.corrected(), 250, 80, 7000,
                true));
        traces.addAll(WorkloadReplayTest.workloads(SystemShape.defaultShape(), Semantics.aa039b39(), 250, 80, 7000,
                true));
        TestSupport.assertAllAgree(TestSupport.replayer().replay(traces));
    }

    /** Trapped SMCs with arbitrary registers (the reference has no SMC entry): EL2 answers, never crashes. */
    @Test
    void fuzzedSmcsNeverCrashEl2() throws Exception {
        List<Integer> shape = List.of(1, 1);
        Random random = new Random(42);
        List<ReplayInput> inputs = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            List<ReplayStep> steps = new ArrayList<>();
            boolean secondary = t % 2 == 1;
            if (secondary) {
                steps.add(ReplayStep.of(0, StepKind.HVC, 0xff00, 1, 0, 0));
                steps.add(ReplayStep.cont(0));
            }
            for (int i = 0; i < 40; i++) {
                long x0 = random.nextBoolean() ? random.nextLong() : 0x84000000L + random.nextInt(12)
                        | (random.nextBoolean() ? 0x40000000L : 0);
                steps.add(ReplayStep.of(0, StepKind.SMC, x0, random.nextLong(), random.nextLong(), random.nextLong()));
            }
            inputs.add(new ReplayInput("smc-" + t, 1, shape, t % 4 == 0 ? 0 : 0x7f, ReplayInput.zeroInit(shape), steps));
        }
        Replayer.RawRun run = TestSupport.replayer().run(inputs);
        assertNull(run.failure(), "no EL2 crash, no timeout");
        assertEquals(inputs.size(), run.output().traces().size());
        for (El2TraceResult r : run.output().traces()) {
            assertNotNull(r.end());
            assertTrue(r.end().ok() || r.end().status() == El2TraceEnd.STEP_KIND
                    || r.end().status() == El2TraceEnd.NOT_MODELLED, r.end().describe());
            for (El2Event e : r.events()) {
                assertTrue(e.action() != null && (e.action().jsonName().startsWith("psci_")
                        || e.action() == El2Action.HVC_UNKNOWN || r.events().indexOf(e) < 2 && r.traceIndex() % 2 == 1),
                        "a trapped SMC is PSCI or -1: " + e.action());
            }
        }
    }
}
