package org.hfmailbox.reference.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
                "shape cpus=1 vcpu_count=1,1\n0: mailbox_send 2^32+1 0x10 text=\"a b\" -> ret=-1\n");
        ScenarioStep st = s.steps().get(0);
        assertEquals(0xff04, st.regs()[0]);
        assertEquals((1L << 32) + 1, st.regs()[1]);
        assertEquals(16, st.regs()[2]);
        assertEquals("a b", new String(st.payload()));
        assertEquals(1, st.expectations().size());
    }
}
