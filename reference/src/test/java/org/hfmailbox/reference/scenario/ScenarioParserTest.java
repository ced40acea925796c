package org.hfmailbox.reference.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hfmailbox.reference.Semantics;
import org.junit.jupiter.api.Test;

class ScenarioParserTest {
    private static ScenarioException bad(String text) {
        return assertThrows(ScenarioException.class, () -> ScenarioParser.parse("f.scn", text));
    }

    @Test
    void aCpuOutsideTheShapeIsAnInputErrorWithLineAndColumn() {
        ScenarioException e = bad("shape cpus=2 vcpu_count=2,1\n  3: vm_get_count\n");
        assertEquals(2, e.line());
        assertEquals(3, e.column());
        assertTrue(e.getMessage().startsWith("f.scn:2:3: CPU 3 is outside the shape"), e.getMessage());
    }

    @Test
    void aVmOutsideTheShapeInAnExpectationIsAnInputError() {
        ScenarioException e = bad("shape cpus=1 vcpu_count=1,1\n0: vm_get_count -> mailbox_state[2]=empty\n");
        assertEquals(2, e.line());
        assertEquals(20, e.column());
    }

    @Test
    void malformedLinesAreRejected() {
        assertTrue(bad("0: vm_get_count\n").getMessage().contains("'shape' line must come before"));
        assertTrue(bad("shape cpus=2 vcpu_count=1,1\n").getMessage().contains("vcpu_count[0]"));
        assertTrue(bad("shape cpus=1 vcpu_count=1\n0: frobnicate\n").getMessage().contains("unknown call"));
        assertTrue(bad("shape cpus=1 vcpu_count=1\n0: vcpu_run 1\n").getMessage().contains("takes 2"));
        assertTrue(bad("shape cpus=1 vcpu_count=1\n0: vcpu_run 1 zz\n").getMessage().contains("not a number"));
        assertTrue(bad("shape cpus=1 vcpu_count=1\nsemantics nonsense\n").getMessage().contains("unknown correction"));
        assertTrue(bad("shape cpus=1 vcpu_count=1\n0: vm_get_count -> bogus=1\n").getMessage()
                .contains("unknown expectation"));
        assertTrue(bad("shape cpus=1 vcpu_count=1,1\nmemory 0 0x1001 0x1000\n").getMessage().contains("page-aligned"));
    }

    @Test
    void registersFollowTheCall() throws Exception {
        Scenario s = ScenarioParser.parse("f.scn",
                "shape cpus=1 vcpu_count=1,1\n0: mailbox_send 2^32+1 0x3 text=\"a b\" -> ret=-1\n");
        ScenarioStep st = s.steps().get(0);
        assertEquals(0xff04, st.regs()[0]);
        assertEquals((1L << 32) + 1, st.regs()[1]);
        assertEquals(3, st.regs()[2]);
        assertEquals("a b", new String(st.payload()));
        assertEquals(1, st.expectations().size());
    }

    @Test
    void theHeaderSelectsTheSemanticsToRun() throws Exception {
        String shape = "shape cpus=1 vcpu_count=1,1\n";
        Semantics c = Semantics.corrected();
        Semantics a = Semantics.aa039b39();
        assertEquals(List.of(c), ScenarioParser.parse("f.scn", shape).runs());
        assertEquals(List.of(a), ScenarioParser.parse("f.scn", shape + "semantics aa039b39\n").runs());
        assertEquals(List.of(c, a), ScenarioParser.parse("f.scn", shape + "semantics both\n").runs());
        assertEquals(List.of(a), ScenarioParser.parse("f.scn", shape + "valid-for aa039b39\n").runs());
        assertEquals(List.of(c, a), ScenarioParser.parse("f.scn", shape + "valid-for aa039b39 corrected\n").runs());
        assertEquals(List.of(c), ScenarioParser.parse("f.scn", shape + "valid-for custom corrected\n").runs());
        assertEquals(a, ScenarioParser.parse("f.scn", shape + "valid-for aa039b39\n").semantics());

        ScenarioException contradiction = bad(shape + "semantics aa039b39\nvalid-for corrected\n");
        assertEquals("f.scn:2:1: semantics aa039b39 is not one of the valid-for line's (corrected)",
                contradiction.getMessage());
        assertEquals("f.scn:3:1: second 'semantics' line", bad(shape + "semantics both\nsemantics corrected\n")
                .getMessage());

        Scenario seedOnly = ScenarioParser.parse("f.scn", shape + "valid-for aa039b39\n");
        assertEquals(List.of(a), seedOnly.semanticsToRun(List.of(c, a)));
        assertEquals(List.of(a), seedOnly.semanticsToRun(List.of()));
        ScenarioException notValid = assertThrows(ScenarioException.class,
                () -> seedOnly.semanticsToRun(List.of(c)));
        assertEquals("f.scn: the scenario is valid only for aa039b39 (its valid-for line), not corrected"
                + " (--semantics)", notValid.getMessage());
    }
}
