package org.hfmailbox.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hfmailbox.reference.MemoryLayout;
import org.junit.jupiter.api.Test;

/**
 * A hung trace (a self-test step keeps VM 1's vm.lock; VM 1's configure then spins on it) trips the watchdog, which
 * names the CPU, its PC and the lock it spins on; the traces before it are kept and the one after it runs in a new
 * boot.
 */
class WatchdogTest {
    private static final List<Integer> SHAPE = List.of(1, 1);

    private static ReplayInput trace(String name, boolean hang) {
        long base = MemoryLayout.defaultBase(1);
        List<ReplayStep> steps = hang
                ? List.of(ReplayStep.of(0, StepKind.HOLD_LOCK_SELFTEST, 0, 1, 0, 0),
                        ReplayStep.of(0, StepKind.HVC, 0xff00, 1, 0, 0), ReplayStep.cont(0),
                        ReplayStep.of(0, StepKind.HVC, 0xff03, base, base + 0x1000, 0))
                : List.of(ReplayStep.of(0, StepKind.HVC, 0xff01, 0, 0, 0));
        return new ReplayInput(name, 1, SHAPE, 0, ReplayInput.zeroInit(SHAPE), steps);
    }

    @Test
    void aHangNamesCpuPcAndLockAndKeepsTheOtherTraces() throws Exception {
        Replayer r = TestSupport.replayer().watchdogMillis(3000);
        List<Replayer.TraceRun> runs = r.runAll(List.of(trace("before", false), trace("hangs", true),
                trace("after", false)));
        assertEquals(3, runs.size());
        assertNull(runs.get(0).failure(), "the trace before the hang is kept");
        assertTrue(runs.get(0).result().end().ok());
        assertNull(runs.get(2).failure(), "the trace after the hang ran in a new boot: " + runs.get(2).failure());
        assertTrue(runs.get(2).result().end().ok());
        String why = runs.get(1).failure();
        assertNotNull(why);
        System.out.println(why);
        assertTrue(why.contains("watchdog") && why.contains("CPU 0 at PC 0x") && why.contains("vm.lock of VM 1"), why);
        assertEquals(3, runs.get(1).result().events().size(), "its events up to the hang: " + why);
    }
}
