package org.hfmailbox.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hfmailbox.reference.MemoryLayout;
import org.junit.jupiter.api.Test;

/**
 * Stage 2 per VM: a guest that touches another VM's page takes a stage-2 data abort that EL2 catches and reports
 * (VM, vCPU, faulting IPA); touching its own page does not fault.
 */
class IsolationTest {
    private static final List<Integer> SHAPE = List.of(1, 1, 1);

    private static ReplayInput input(String name, List<ReplayStep> steps) {
        return new ReplayInput(name, 1, SHAPE, 0, ReplayInput.zeroInit(SHAPE), steps);
    }

    @Test
    void secondaryTouchingAnotherVmsPageIsCaughtAndReported() throws Exception {
        long target = MemoryLayout.defaultBase(2);
        ReplayInput in = input("touch-other", List.of(
                ReplayStep.of(0, StepKind.HVC, 0xff00, 1, 0, 0),            // primary: vcpu_run(1, 0)
                ReplayStep.cont(0),                                          // vcpu_switch to <<1, 0>>
                ReplayStep.of(0, StepKind.TOUCH, 0, target, 0, 0)));        // VM 1 loads from VM 2's page
        Replayer.RawRun run = TestSupport.replayer().run(List.of(in));
        assertNull(run.failure(), "the run itself must end cleanly");
        El2TraceResult r = run.output().traces().get(0);
        assertEquals(2, r.events().size(), "vcpu_run and vcpu_switch, then the abort");
        El2TraceEnd end = r.end();
        assertNotNull(end);
        assertEquals(El2TraceEnd.GUEST_ABORT, end.status(), end.describe());
        assertEquals(2, end.stepIndex());
        assertEquals(0x24, (int) (end.info0() >>> 26), "ESR_EL2.EC must be a data abort from a lower EL");
        assertEquals(target, end.info2() & ~0xfffL, "faulting IPA (HPFAR_EL2)");
        assertEquals(target, end.info1(), "FAR_EL2");
        assertTrue(end.describe().contains("<<1, 0>>"), end.describe());
    }

    @Test
    void primaryCannotTouchASecondarysPageEither() throws Exception {
        long target = MemoryLayout.defaultBase(1) + 0x1000;
        Replayer.RawRun run = TestSupport.replayer().run(List.of(
                input("primary-touch", List.of(ReplayStep.of(0, StepKind.TOUCH, 0, target, 0, 0)))));
        El2TraceEnd end = run.output().traces().get(0).end();
        assertEquals(El2TraceEnd.GUEST_ABORT, end.status(), end.describe());
        assertEquals(target, end.info2() & ~0xfffL);
        assertTrue(end.describe().contains("<<0, 0>>"), end.describe());
    }

    @Test
    void touchingItsOwnPageDoesNotFault() throws Exception {
        long own = MemoryLayout.defaultBase(0) + 0x1000;
        Replayer.RawRun run = TestSupport.replayer().run(List.of(
                input("touch-own", List.of(ReplayStep.of(0, StepKind.TOUCH, 0, own, 0, 0)))));
        El2TraceResult r = run.output().traces().get(0);
        assertTrue(r.end().ok(), r.end().describe());
        assertEquals(1, r.events().size());
        assertEquals(El2Action.VM_GET_COUNT, r.events().get(0).action(), "the guest's report after the load");
        assertEquals(3, r.events().get(0).ret());
    }

    /** A load beyond the guest's physical address space faults at its own EL1: its vector table reports the cause. */
    @Test
    void aGuestsOwnFaultIsReportedWithItsRealCause() throws Exception {
        long high = 0xffff_0000_0000_0000L;
        Replayer.RawRun run = TestSupport.replayer().run(List.of(input("el1-fault", List.of(
                ReplayStep.of(0, StepKind.HVC, 0xff00, 1, 0, 0), ReplayStep.cont(0),
                ReplayStep.of(0, StepKind.TOUCH, 0, high, 0, 0)))));
        assertNull(run.failure(), "the run itself must end cleanly");
        El2TraceEnd end = run.output().traces().get(0).end();
        assertEquals(El2TraceEnd.GUEST_FAULT, end.status(), end.describe());
        assertEquals(0x25, (int) (end.info0() >>> 26), "ESR_EL1.EC: a data abort taken at the guest's own EL1");
        assertEquals(high, end.info1(), "FAR_EL1");
        assertTrue(end.describe().contains("<<1, 0>>") && end.describe().contains("ESR_EL1"), end.describe());
    }

    /** FP traps to EL2 for a secondary (CPTR_EL2.TFP, as the seed), not for the primary. */
    @Test
    void secondariesTrapFpThePrimaryDoesNot() throws Exception {
        Replayer.RawRun run = TestSupport.replayer().run(List.of(
                input("fp-primary", List.of(ReplayStep.of(0, StepKind.FP, 0, 7, 0, 0))),
                input("fp-secondary", List.of(ReplayStep.of(0, StepKind.HVC, 0xff00, 1, 0, 0), ReplayStep.cont(0),
                        ReplayStep.of(0, StepKind.FP, 0, 7, 0, 0)))));
        El2TraceResult primary = run.output().traces().get(0);
        assertTrue(primary.end().ok(), primary.end().describe());
        assertEquals(El2Action.VM_GET_COUNT, primary.events().get(0).action());
        El2TraceEnd end = run.output().traces().get(1).end();
        assertEquals(El2TraceEnd.LOWER_EXCEPTION, end.status(), end.describe());
        assertEquals(0x07, (int) (end.info0() >>> 26), "ESR_EL2.EC: an FP access trapped by CPTR_EL2.TFP");
    }
}
