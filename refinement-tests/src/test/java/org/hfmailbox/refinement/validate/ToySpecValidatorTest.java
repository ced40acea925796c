package org.hfmailbox.refinement.validate;

import org.hfmailbox.refinement.tlc.SpecSource;
import org.hfmailbox.refinement.trace.Trace;
import org.hfmailbox.refinement.trace.TraceFormatException;
import org.hfmailbox.refinement.trace.TraceReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine against a toy spec with the project's conventions (test resources), independent of spec/Mailbox.tla. */
class ToySpecValidatorTest {
    private static Validator validator;

    @BeforeAll
    static void load() throws Exception {
        validator = new Validator(new SpecSource(resource("toyspec"), "Mailbox",
                Path.of("target", "tlc-toy").toAbsolutePath()));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ToySpecValidatorTest.class.getClassLoader().getResource(name).toURI());
    }

    private static Trace trace(String name) throws Exception {
        return new TraceReader().read(resource("traces/" + name));
    }

    @Test
    void acceptsAGoodTraceAndCountsCoverage() throws Exception {
        Verdict v = validator.validate(trace("good.ndjson"));
        assertTrue(v.accepted(), () -> v.rejection().orElseThrow().describe());
        assertEquals(5, v.eventsAccepted());
        assertTrue(validator.coverage().actions().get("mailbox_send") >= 2);
        assertTrue(validator.coverage().rows().containsKey("L2"));
    }

    @Test
    void rejectsAWrongReturnNamingStepRet() throws Exception {
        Verdict v = validator.validate(trace("bad-ret.ndjson"));
        assertFalse(v.accepted());
        Rejection r = v.rejection().orElseThrow();
        assertEquals(2, r.seq());
        assertEquals("mailbox_send", r.action());
        assertEquals(List.of("step.ret"), r.variables(), r.describe());
    }

    @Test
    void rejectsAWrongMailboxStateNamingTheVariable() throws Exception {
        Verdict v = validator.validate(trace("bad-state.ndjson"));
        Rejection r = v.rejection().orElseThrow();
        assertEquals(2, r.seq());
        assertEquals(List.of("mailbox_state"), r.variables(), r.describe());
        assertTrue(r.describe().contains("\"received\""), r.describe());
    }

    @Test
    void batchesByConstantsAndLoadsOnce() throws Exception {
        int before = validator.loads();
        List<Verdict> vs = validator.validateAll(List.of(trace("good.ndjson"), trace("bad-ret.ndjson"),
                trace("good.ndjson")));
        assertEquals(List.of(true, false, true), vs.stream().map(Verdict::accepted).toList());
        assertTrue(validator.loads() - before <= 1);
    }

    @Test
    void malformedTracesNameFileLineAndField() {
        TraceFormatException cpu = assertThrows(TraceFormatException.class, () -> trace("bad-cpu.ndjson"));
        assertEquals(3, cpu.line());
        assertEquals("cpu", cpu.field());
        TraceFormatException json = assertThrows(TraceFormatException.class, () -> trace("bad-json.ndjson"));
        assertEquals(2, json.line());
        assertTrue(json.getMessage().contains("bad-json.ndjson"));
    }
}
