package org.hfmailbox.harness;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;
import org.junit.jupiter.api.Test;

/**
 * The guest's register check has teeth: with the image's register handling broken in one way (a self-test switch of
 * the input table), replaying workloads that agree otherwise reports a divergence naming the guest register that
 * changed across a resume: x1..x17 not zeroed after an HVC, a lost x29 or x19, a lost EL1 system register, the
 * volatile registers not saved on the slow path (a WFI'd vCPU woken and resumed, teeth/slow-path-resume.scn).
 */
class RegisterTeethTest {
    /**
     * A resume that only a slow path's own save makes right: a vCPU whose buffer was last written by a fast-path
     * save takes a WFI, is woken by interrupt_inject and makes a hypercall (random workloads rarely do all three).
     */
    private static final Path SLOW_PATH_RESUME = Path.of("src/test/resources/teeth/slow-path-resume.scn");

    /** The first divergence over the workloads and the slow-path scenario with the sabotage, or null when all agree. */
    private static Divergence firstDivergence(int sabotage) throws Exception {
        List<ReferenceTrace> refs = new ArrayList<>(WorkloadReplayTest.workloads(SystemShape.defaultShape(),
                Semantics.corrected(), 12, 60, 900, false));
        ScenarioTraces.Result scenario = ScenarioTraces.run(SLOW_PATH_RESUME, Semantics.corrected());
        assertTrue(scenario.validFor(), SLOW_PATH_RESUME + " must run in corrected");
        refs.add(scenario.trace());
        List<ReplayInput> in = new ArrayList<>();
        for (ReferenceTrace t : refs) {
            in.add(TraceTranslator.translate(t));
        }
        Replayer.RawRun raw = TestSupport.replayer().run(in, sabotage);
        for (int i = 0; i < refs.size(); i++) {
            Divergence d = TraceComparator.compare(refs.get(i), raw.output().traces().get(i));
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private static void caught(int sabotage, String register) throws Exception {
        Divergence d = firstDivergence(sabotage);
        assertNotNull(d, "sabotage " + sabotage + " went unnoticed");
        assertTrue(d.field().startsWith("guest registers") && d.el2().startsWith(register), d.describe());
    }

    @Test
    void theWorkloadsAgreeUnsabotaged() throws Exception {
        Divergence d = firstDivergence(0);
        assertTrue(d == null, d == null ? "" : d.describe());
    }

    @Test
    void notZeroingX1ToX17AfterAnHvcIsCaught() throws Exception {
        caught(El2Layout.SAB_NO_ZERO, "x");
    }

    @Test
    void aLostX29IsCaught() throws Exception {
        caught(El2Layout.SAB_LOSE_X29, "x29");
    }

    @Test
    void aLostX19IsCaught() throws Exception {
        caught(El2Layout.SAB_LOSE_X19, "x19");
    }

    @Test
    void aLostEl1SystemRegisterIsCaught() throws Exception {
        caught(El2Layout.SAB_LOSE_TPIDR, "TPIDR_EL1");
    }

    @Test
    void volatileRegistersNotSavedOnTheSlowPathAreCaught() throws Exception {
        assertNotNull(firstDivergence(El2Layout.SAB_NO_ENTRY_SAVE), "a slow path without its register save went "
                + "unnoticed");
    }
}
