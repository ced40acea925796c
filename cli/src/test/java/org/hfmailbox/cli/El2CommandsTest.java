package org.hfmailbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EL2 commands' issue-13 options (QEMU; fails when the image or QEMU is missing): {@code --smp} 1..8 for replay,
 * free-running and bench replay, tested at 4; free-running's window and delivery figures; {@code fuzz --level el2}.
 */
class El2CommandsTest {
    @TempDir
    Path tmp;

    @Test
    void freeRunningAtFourCpusIsReproducedValidatedAndReportsItsWindows() {
        CliRun r = CliRun.of("replay", "--free-running", "1", "--smp", "4", "--steps", "150", "--semantics", "both");
        assertEquals(0, r.status(), r.all());
        assertTrue(r.out().contains("(4 CPUs, concurrent)"), r.all());
        assertTrue(r.out().contains("windows, corrected: 1 traces") && r.out().contains("deliveries per trace"),
                r.all());
        assertTrue(r.out().matches("(?s).*the reference's traces \\(full state\\), against spec/Mailbox.tla, 2 "
                + "traces in [0-9.]+ s: 2 accepted, 0 rejected.*"), r.all());
        assertTrue(r.out().matches("(?s).*the image's own traces \\(observable-only, no spec variable\\), through "
                + "the frontier validator, 2 traces in [0-9.]+ s: 2 accepted, 0 rejected.*"), r.all());
    }

    @Test
    void replayAndBenchTakeSmp() throws IOException {
        Path scn = tmp.resolve("two.scn");
        Files.writeString(scn, "shape cpus=2 vcpu_count=2,1\n0: psci_cpu_on 1\n1: continue\n1: vm_get_count -> ret=2\n");
        CliRun r = CliRun.of("replay", "--smp", "4", scn.toString());
        assertEquals(0, r.status(), r.all());
        CliRun few = CliRun.of("replay", "--smp", "1", scn.toString());
        assertEquals(2, few.status(), few.all());
        assertTrue(few.err().contains("needs 2 CPUs"), few.all());
        CliRun nine = CliRun.of("replay", "--free-running", "1", "--smp", "9");
        assertEquals(2, nine.status(), nine.all());
        CliRun bench = CliRun.of("bench", "replay", "--smp", "4", "--traces", "10", "--steps", "50", "--runs", "1");
        assertEquals(0, bench.status(), bench.all());
        assertTrue(bench.out().contains("(4 CPUs, vcpu_count [4, 2, 1]"), bench.all());
    }

    @Test
    void fuzzAtEl2CountsAndPasses() {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            status = CliRun.of("fuzz", "--level", "el2", "--traces", "60", "--steps", "60", "--semantics", "both")
                    .status();
        } finally {
            System.setOut(saved);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, out);
        assertTrue(out.contains("120 traces:") && out.contains(" 0 EL2 exceptions, 0 error returns that changed "
                + "hypervisor state, 0 divergences"), out);
        assertTrue(out.contains("stage-2 faults reported") && out.contains("0 wrong"), out);
    }
}
