package org.hfmailbox.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Free-running: QEMU's CPUs on parallel host threads run their guests concurrently; every recorded run must be
 * reproduced step for step by the reference, in both semantics.
 */
class FreeRunTest {
    @Test
    void freeRunningTracesAreReproducedByTheReference() throws Exception {
        List<Integer> shape = List.of(2, 2, 1);
        long all = El2Layout.correctionBits(El2Layout.CORRECTIONS);
        List<ReplayInput> runs = new ArrayList<>();
        for (int s = 1; s <= 6; s++) {
            runs.add(ReplayInput.freeRunning("free-corrected-" + s, 2, shape, all, s, 150));
            runs.add(ReplayInput.freeRunning("free-aa039b39-" + s, 2, shape, 0, s, 150));
        }
        List<FreeRunner.Outcome> out = new FreeRunner(TestSupport.replayer(QemuRunner.MULTI_THREAD)).run(runs);
        assertEquals(runs.size(), out.size());
        List<FreeRunner.Outcome> bad = out.stream().filter(o -> !o.ok()).toList();
        assertTrue(bad.isEmpty(), bad.stream().map(FreeRunner.Outcome::describe).collect(Collectors.joining("\n")));
        boolean cpu1 = false;
        for (FreeRunner.Outcome o : out) {
            assertEquals(150, o.steps(), o.describe());
            assertEquals(151, o.traceLines().size(), "header and one line per step");
            cpu1 |= o.traceLines().stream().anyMatch(l -> l.contains("\"cpu\":1,\"actor\""));
        }
        assertTrue(cpu1, "CPU 1 took steps in some run (it starts after the primary's PSCI CPU_ON)");
    }
}
