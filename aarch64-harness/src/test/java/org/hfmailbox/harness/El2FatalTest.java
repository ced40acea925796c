package org.hfmailbox.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An exception taken at EL2 itself fails the run with ESR_EL2, ELR_EL2 and FAR_EL2 on the console and in a FATAL
 * record. The self-test step makes a misaligned load at EL2, which faults only because the stage-1 MMU is on with
 * SCTLR_EL2.A set (QEMU does not fault on it otherwise).
 */
class El2FatalTest {
    @Test
    void misalignedAccessAtEl2IsFatalAndReported() throws Exception {
        List<Integer> shape = List.of(1, 1);
        ReplayInput in = new ReplayInput("align", 1, shape, 0, ReplayInput.zeroInit(shape), List.of(
                ReplayStep.of(0, StepKind.HVC, 0xff01, 0, 0, 0),
                ReplayStep.of(0, StepKind.EL2_ALIGNMENT_SELFTEST, 0, 0, 0, 0)));
        Replayer.RawRun run = TestSupport.replayer().run(List.of(in));
        assertEquals(3, run.run().exitCode(), "QEMU exit status of a fatal EL2 exception; console: "
                + run.run().console());
        El2Fatal fatal = run.output().fatal();
        assertNotNull(fatal, "FATAL record");
        assertEquals(0x25, (int) (fatal.esr() >>> 26), "ESR_EL2.EC: data abort at EL2");
        assertEquals(0x21, (int) (fatal.esr() & 0x3f), "DFSC: alignment fault");
        assertEquals(1, fatal.far() & 7, "FAR_EL2 is the misaligned address");
        String console = run.run().console();
        assertTrue(console.contains("EL2 FATAL") && console.contains("ESR_EL2=") && console.contains("ELR_EL2=")
                && console.contains("FAR_EL2="), console);
        assertTrue(run.failure() != null && run.failure().contains("ESR_EL2"), String.valueOf(run.failure()));
        assertEquals(1, run.output().traces().get(0).events().size(), "the step before the fault was recorded");
    }
}
