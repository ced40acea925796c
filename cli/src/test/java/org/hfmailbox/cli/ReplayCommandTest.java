package org.hfmailbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hfmailbox.reference.Fault;
import org.hfmailbox.reference.Faults;
import org.hfmailbox.reference.Hypervisor;
import org.hfmailbox.reference.MemoryLayout;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.reference.trace.InMemoryTrace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./mailbox replay} at EL2 (QEMU; the test fails when the image or QEMU is missing): it follows the scenario's
 * header as {@code run} does, and every exit path: 0 only when the EL2 harness agrees and the reference met every
 * expectation, 1 on a failed expectation or a divergence, 2 on bad input.
 */
class ReplayCommandTest {
    /** A scenario only the seed's semantics runs: a WFI'd vCPU is not resumed by vcpu_run at aa039b39. */
    private static final String SEED_ONLY = String.join("\n", "shape cpus=1 vcpu_count=1,1",
            "semantics aa039b39", "valid-for aa039b39",
            "0: vcpu_run 1 0", "0: settle", "0: wfi -> action=wfi_trap",
            "0: settle -> ret=run(WAIT_FOR_INTERRUPT,0,0)", "0: vcpu_run 1 0 -> ret=0x1", "");

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void theHeadersSemanticsIsReplayedAsRunRunsIt() throws IOException {
        Path seed = write("seed.scn", SEED_ONLY);
        CliRun r = CliRun.of("replay", seed.toString());
        assertEquals(0, r.status(), r.all());
        assertTrue(r.out().contains("seed.scn [aa039b39]: 5 steps agree"), r.all());
        assertFalse(r.out().contains("[corrected]"), r.all());
        CliRun run = CliRun.of("run", seed.toString());
        assertEquals(0, run.status(), run.all());
        assertTrue(run.out().contains("PASSED " + seed + ": 5 steps"), run.all());

        Path both = write("both.scn", "shape cpus=1 vcpu_count=1,1\nvalid-for corrected aa039b39\n"
                + "0: vm_get_count -> ret=2\n");
        CliRun r2 = CliRun.of("replay", both.toString());
        assertEquals(0, r2.status(), r2.all());
        assertTrue(r2.out().contains("both.scn [corrected]: 1 steps agree"), r2.all());
        assertTrue(r2.out().contains("both.scn [aa039b39]: 1 steps agree"), r2.all());
        CliRun run2 = CliRun.of("run", both.toString());
        assertEquals(0, run2.status(), run2.all());
        assertTrue(run2.out().contains("PASSED " + both + " [aa039b39]"), run2.all());
    }

    @Test
    void aFailedExpectationOfTheReferenceFailsTheReplay() throws IOException {
        Path wrong = write("wrong.scn", SEED_ONLY.replace("ret=0x1", "ret=0x2"));
        CliRun r = CliRun.of("replay", wrong.toString());
        assertEquals(1, r.status(), r.all());
        assertTrue(r.out().contains("the reference failed an expectation of the scenario (" + wrong
                + ":8: expectation ret=0x2 (column 20) failed: got run(WAIT_FOR_INTERRUPT,0,0))"), r.all());
        assertTrue(r.out().contains("1 agree, 0 diverge; 1 failed an expectation on the reference"), r.all());
    }

    @Test
    void aDivergenceFailsTheReplay() throws IOException {
        // the reference sets the mailbox "read" where Hafnium (and the EL2 harness) leave it "received"
        SystemShape shape = new SystemShape(1, List.of(1, 1));
        InMemoryTrace t = new InMemoryTrace();
        Hypervisor h = new Hypervisor(shape, Semantics.corrected(), MemoryLayout.defaultLayout(2),
                Faults.of(Fault.WRONG_MAILBOX_STATE), t);
        long p = MemoryLayout.defaultBase(0);
        long s = MemoryLayout.defaultBase(1);
        h.hvc(0, 0xff00, 1, 0, 0);
        h.continueStep(0);
        h.hvc(0, 0xff03, s, s + 0x1000, 0);
        h.irq(0);
        h.continueStep(0);
        h.hvc(0, 0xff03, p, p + 0x1000, 0);
        h.hvc(0, 0xff04, 1, 5, 0);
        h.continueStep(0);
        Path trace = tmp.resolve("wrong-state.ndjson");
        Files.write(trace, t.toLines());
        CliRun r = CliRun.of("replay", trace.toString());
        assertEquals(1, r.status(), r.all());
        assertTrue(r.out().contains("mailbox_state[1]"), r.all());
        assertTrue(r.out().contains("0 agree, 1 diverge"), r.all());
    }

    @Test
    void badInputExitsTwoNamingTheFile() throws IOException {
        CliRun missing = CliRun.of("replay", tmp.resolve("nope.scn").toString());
        assertEquals(2, missing.status(), missing.all());
        assertTrue(missing.err().contains("nope.scn: no such file"), missing.all());

        Path malformed = write("malformed.scn", "shape cpus=1 vcpu_count=1,1\n0: vcpu_run 1\n");
        CliRun m = CliRun.of("replay", malformed.toString());
        assertEquals(2, m.status(), m.all());
        assertTrue(m.err().contains(malformed + ":2:4: vcpu_run takes 2 argument(s), got 1"), m.all());

        Path seed = write("seed.scn", SEED_ONLY);
        CliRun notValid = CliRun.of("replay", "--semantics", "corrected", seed.toString());
        assertEquals(2, notValid.status(), notValid.all());
        assertTrue(notValid.err().contains(seed + ": the scenario is valid only for aa039b39 (its valid-for line),"
                + " not corrected (--semantics)"), notValid.all());
        CliRun runNotValid = CliRun.of("run", "--semantics", "corrected", seed.toString());
        assertEquals(2, runNotValid.status(), runNotValid.all());

        Path contradiction = write("contradiction.scn", "shape cpus=1 vcpu_count=1,1\nsemantics aa039b39\n"
                + "valid-for corrected\n0: vm_get_count\n");
        for (String verb : List.of("replay", "run")) {
            CliRun c = CliRun.of(verb, contradiction.toString());
            assertEquals(2, c.status(), c.all());
            assertTrue(c.err().contains(contradiction + ":2:1: semantics aa039b39 is not one of the valid-for"
                    + " line's (corrected)"), c.all());
        }
        CliRun none = CliRun.of("replay");
        assertEquals(2, none.status(), none.all());
    }
}
