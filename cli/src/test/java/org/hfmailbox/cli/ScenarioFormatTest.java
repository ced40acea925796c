package org.hfmailbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./mailbox run} on the scenario format's features and on each way of writing one wrong (docs/scenario-format.md):
 * the error text (file, line, column, what is wrong) and the exit status, so that none of these comes back.
 */
class ScenarioFormatTest {
    private static final String SHAPE = "shape cpus=1 vcpu_count=1,1\n";
    /** The primary and VM 1 configured, VM 1 blocked in a receive, the primary running. */
    private static final String SERVER = SHAPE
            + "0: vm_configure page(0,0) page(0,1) -> ret=0\n"
            + "0: vcpu_run 1 0\n"
            + "0: settle\n"
            + "0: vm_configure page(1,0) page(1,1) -> ret=0\n"
            + "0: mailbox_receive 1\n"
            + "0: settle -> ret=0x1\n";

    @TempDir
    Path tmp;

    private CliRun run(String text) throws IOException {
        Path f = tmp.resolve("s.scn");
        Files.writeString(f, text);
        return CliRun.of("run", f.toString());
    }

    private void inputError(String text, String expected) throws IOException {
        CliRun r = run(text);
        assertEquals(2, r.status(), r.all());
        assertTrue(r.err().contains(tmp.resolve("s.scn") + ":" + expected), r.all());
    }

    @Test
    void arithmeticOnPagesAndNames() throws IOException {
        CliRun r = run(SHAPE + "0: vm_configure page(0,0)+8 page(0,1) -> ret=-1\n"
                + "0: vm_configure page(0,2*(1+1)) page(0,2)+4096 -> ret=0 send_configured[0]=true\n");
        assertEquals(0, r.status(), r.all());
        inputError(SHAPE + "0: vm_configure page(0,0)+x page(0,1)\n",
                "2:27: not a number: 'page(0,0)+x': unknown name 'x' (names are the indices of enclosing repeat"
                        + " blocks; there is none here)");
        inputError(SHAPE + "0: vm_configure page(2,0) page(0,1)\n",
                "2:17: not a number: 'page(2,0)': page(VM,N): VM 2 is outside the shape (vm_count 2)");
        inputError(SHAPE + "0: vcpu_run 1 (0\n", "2:17: not a number: '(0': ')' expected at the end");
    }

    @Test
    void payloadsHaveExactlyTheSizeAndValidHex() throws IOException {
        inputError(SHAPE + "0: mailbox_send 1 2 hex=zz\n", "2:25: hex payload: 'z' is not a hex digit (0-9, a-f, A-F)");
        inputError(SHAPE + "0: mailbox_send 1 2 hex=010\n", "2:21: hex payload: two hex digits a byte, got 3 digits");
        inputError(SHAPE + "0: mailbox_send 1 2 hex=010203\n", "2:21: the payload has 3 bytes, the size argument"
                + " says 2 (a payload is never padded or cut: make them equal)");
        inputError(SHAPE + "0: mailbox_send 1 16 text=\"a b\"\n", "2:22: the payload has 3 bytes, the size argument"
                + " says 16");
        inputError(SHAPE + "0: mailbox_send 1 4097 text=x\n", "2:24: a payload goes only with a size of 0..4096;"
                + " this send's size is 4097");
        inputError(SHAPE + "0: mailbox_send 1 3 pattern=seq:4\n", "2:21: the payload has 4 bytes, the size argument"
                + " says 3");
        inputError(SHAPE + "0: mailbox_send 1 3 text=abc echo\n", "2:30: a send has one payload; 'text=abc'"
                + " already gives it");
        CliRun seq = run(SHAPE + "0: vm_configure page(0,0) page(0,1)\n0: mailbox_send 1 300 pattern=seq\n");
        assertEquals(0, seq.status(), seq.all());
    }

    @Test
    void echoSendsBackWhatWasDelivered() throws IOException {
        String echo = SERVER
                + "0: mailbox_send 1 5 text=hello\n"
                + "0: continue -> ret=0\n"
                + "0: vcpu_run 1 0\n"
                + "0: settle -> ret=recv(0,5)\n"
                + "0: mailbox_send 0 5 echo\n"
                + "0: settle -> ret=run(MESSAGE,1,5) recv_page[0]=68656c6c6f\n";
        CliRun ok = run(echo);
        assertEquals(0, ok.status(), ok.all());
        CliRun wrongSize = run(echo.replace("mailbox_send 0 5 echo", "mailbox_send 0 4 echo"));
        assertEquals(1, wrongSize.status(), wrongSize.all());
        assertTrue(wrongSize.err().contains("s.scn:12: '0: mailbox_send 0 4 echo': echo sends the 5 bytes last"
                + " delivered to VM 1, the size argument says 4"), wrongSize.all());
        CliRun nothing = run(SHAPE + "0: mailbox_send 1 0 echo\n");
        assertEquals(1, nothing.status(), nothing.all());
        assertTrue(nothing.err().contains("s.scn:2: '0: mailbox_send 1 0 echo': echo sends the bytes last delivered"
                + " to the caller, VM 0, and none has been delivered to it yet"), nothing.all());
    }

    @Test
    void repeatBlocksAndTheirMistakes() throws IOException {
        CliRun ok = run(SHAPE + "repeat 3 {\n  0: vcpu_get_count {i} -> ret={i*0+1}\n}\n"
                + "repeat 2 as j {\n  repeat 2 {\n    0: vm_configure page(0,i) page(0,j+2) -> ret=-1\n  }\n}\n");
        assertEquals(1, ok.status(), ok.all());
        // VMs 0 and 1 have one vCPU each, VM 2 does not exist: the third iteration fails, naming it
        assertTrue(ok.err().contains("s.scn:3 (i=2): expectation ret=1 (column 26) failed: got int(-1)"), ok.all());
        CliRun table = run(SHAPE + "repeat 2 {\n  0: vcpu_get_count 1 -> ret=1\n}\n");
        assertEquals(0, table.status(), table.all());
        assertTrue(table.out().contains("3 i=1 0   0.0    vcpu_get_count"), table.all());

        inputError(SHAPE + "repeat 3 {\n0: vm_get_count\n", "2:1: 'repeat' block opened here is never closed with '}'");
        inputError(SHAPE + "0: vm_get_count\n}\n", "3:1: '}' without a 'repeat N {' to close");
        inputError(SHAPE + "repeat 3\n0: vm_get_count\n", "2:1: expected 'repeat N {' or 'repeat N as NAME {'");
        inputError(SHAPE + "repeat 2 {\nrepeat 2 {\n0: vm_get_count\n}\n}\n", "3:1: the enclosing repeat at line 2"
                + " already names its index 'i'");
        inputError(SHAPE + "repeat 2 {\n0: vm_get_count -> ret={k}\n}\n", "3:25: {k}: unknown name 'k' (the indices"
                + " of the enclosing repeat blocks are i)");
        inputError(SHAPE + "repeat 2 {\nvalid-for corrected\n}\n", "3:1: only step lines ('CPU: CALL ...') may stand"
                + " inside a repeat block");
        inputError(SHAPE + "repeat 2000000 {\n0: vm_get_count\n}\n", "2:8: repeat count must be 0..1000000");
    }

    @Test
    void theStepTableNamesTheCaller() throws IOException {
        CliRun r = run(SERVER);
        assertEquals(0, r.status(), r.all());
        assertTrue(r.out().contains("line  cpu caller step"), r.all());
        assertTrue(r.out().contains("5     0   1.0    vm_configure"), r.all());
        assertTrue(r.out().contains("2     0   0.0    vm_configure"), r.all());
    }
}
