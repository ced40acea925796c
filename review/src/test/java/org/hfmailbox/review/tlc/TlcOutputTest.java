package org.hfmailbox.review.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.hfmailbox.review.check.StepTable;
import org.hfmailbox.review.tlc.TlcReport;
import org.hfmailbox.review.tlc.ToolOutput;
import org.junit.jupiter.api.Test;

/** Parsing TLC's -tool output and printing its counterexample, on text in TLC's exact format. */
class TlcOutputTest {
    private static List<String> state(int n, String label, String... vars) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("@!@!@STARTMSG 2217:4 @!@!@");
        lines.add(n + ": " + label);
        for (String v : vars) {
            lines.add("/\\ " + v);
        }
        lines.add("");
        lines.add("@!@!@ENDMSG 2217 @!@!@");
        return lines;
    }

    private static final String INIT_STEP = "step = [cpu |-> 0, actor |-> [cpu |-> 0], action |-> \"init\", args |-> <<>>,"
            + " ret |-> [kind |-> \"none\"]]";

    private static List<String> safetyOutput() {
        List<String> out = new java.util.ArrayList<>(List.of("Parsing file /x/Toy.tla",
                "@!@!@STARTMSG 2110:1 @!@!@", "Invariant BelowTwo is violated.", "@!@!@ENDMSG 2110 @!@!@"));
        out.addAll(state(1, "<Initial predicate>", "count = 0", "mode = (0 :> \"off\" @@ 1 :> \"off\")", INIT_STEP));
        out.addAll(state(2, "<Push line 20, col 12 to line 25, col 20 of module Toy>", "count = 1",
                "mode = (0 :> \"on\" @@ 1 :> \"off\")",
                "step = [ cpu |-> 0,\n  actor |-> [vm |-> 1, vcpu |-> 0],\n  action |-> \"push\",\n  args |-> [value |-> 0],"
                        + "\n  ret |-> [kind |-> \"run\", code |-> \"YIELD\", vm_id |-> 1, data |-> 0] ]"));
        out.addAll(List.of("@!@!@STARTMSG 2199:0 @!@!@", "4 states generated, 3 distinct states found, 1 states left on queue.",
                "@!@!@ENDMSG 2199 @!@!@"));
        return out;
    }

    @Test
    void namesAnActionPropertyThatTlcReportsByItsLocation(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("Toy.tla"), String.join("\n", "---- MODULE Toy ----",
                "VARIABLE count", "Init == count = 0", "SafeProp ==", "    Init /\\ [][count' > count]_count",
                "===="));
        List<String> out = new java.util.ArrayList<>(List.of(
                "@!@!@STARTMSG " + tlc2.output.EC.TLC_ACTION_PROPERTY_VIOLATED_BEHAVIOR + ":1 @!@!@",
                "Action property line 5, col 13 to line 5, col 36 of module Toy is violated.",
                "@!@!@ENDMSG " + tlc2.output.EC.TLC_ACTION_PROPERTY_VIOLATED_BEHAVIOR + " @!@!@"));
        TlcReport r = TlcReport.from(12, ToolOutput.parse(out));
        assertEquals("line 5, col 13 to line 5, col 36 of module Toy", r.violatedProperty().orElseThrow());
        assertEquals("SafeProp", r.resolvingLocations(dir).violatedProperty().orElseThrow());
        assertEquals("action property SafeProp is violated",
                r.resolvingLocations(dir).violationText(List.of("SafeProp")));
    }

    @Test
    void readsAnInvariantViolation() {
        TlcReport r = TlcReport.from(12, ToolOutput.parse(safetyOutput()));
        assertEquals("BelowTwo", r.violatedInvariant().orElseThrow());
        assertEquals(2, r.trace().size());
        assertEquals(3, r.distinctStates().getAsLong());
        assertEquals(4, r.statesGenerated().getAsLong());
        assertFalse(r.complete());
        assertEquals(List.of("Parsing file /x/Toy.tla"), r.output().plainLines());
    }

    @Test
    void printsAStepTableWithChangedPlaces() {
        TlcReport r = TlcReport.from(12, ToolOutput.parse(safetyOutput()));
        List<String> table = StepTable.render(r.trace(), r.loopBackTo(), r.stuttering());
        String text = String.join("\n", table);
        assertTrue(text.contains("  count = 0"), text);
        String header = table.stream().filter(l -> l.contains("step") && l.contains("action")).findFirst().orElseThrow();
        assertTrue(header.contains("VM/vCPU") && header.contains("changed variables"), header);
        String row = table.stream().filter(l -> l.contains("push")).findFirst().orElseThrow();
        assertTrue(row.matches("\\s+2\\s+0\\s+1/0\\s+push\\s+value=0\\s+run\\(YIELD, vm_id=1, data=0\\)\\s+count = 1"), row);
        assertTrue(text.contains("mode[0] = \"on\""), text);
        assertFalse(text.contains("step ="), text);
    }

    @Test
    void marksTheLoopOfALivenessCounterexample() {
        List<String> out = new java.util.ArrayList<>(List.of("@!@!@STARTMSG 2116:1 @!@!@", "Temporal properties were violated.",
                "", "@!@!@ENDMSG 2116 @!@!@"));
        out.addAll(state(1, "<Initial predicate>", "count = 0", INIT_STEP));
        out.addAll(state(2, "<Push line 1, col 1 to line 2, col 2 of module Toy>", "count = 1", INIT_STEP));
        out.addAll(state(3, "<Push line 1, col 1 to line 2, col 2 of module Toy>", "count = 2", INIT_STEP));
        out.addAll(List.of("@!@!@STARTMSG 2122:4 @!@!@", "2: Back to state: <Push line 1, col 1 to line 2, col 2 of module Toy>",
                "", "@!@!@ENDMSG 2122 @!@!@"));
        TlcReport r = TlcReport.from(13, ToolOutput.parse(out));
        assertTrue(r.temporalViolated());
        assertEquals(OptionalInt.of(2), r.loopBackTo());
        assertEquals("Push", r.loopAction().orElseThrow());
        List<String> table = StepTable.render(r.trace(), r.loopBackTo(), r.loopAction(), r.stuttering());
        String text = String.join("\n", table);
        assertTrue(table.stream().anyMatch(l -> l.matches(">\\s+2\\s.*")), text);
        // the step closing the loop, from state 3 back to state 2: TLC names its action, the table its changes
        assertTrue(table.stream().anyMatch(l -> l.matches("<\\s+->2\\s+Push\\s+count = 1")), text);
        assertEquals("loop: the step after state 3 (row <, a Push step as TLC names it; TLC prints neither its CPU nor"
                + " its arguments) returns to state 2 (marked >), and states 2 to 3 repeat forever",
                table.get(table.size() - 1));
        assertEquals("temporal property Live is violated", r.violationText(List.of("Live")));
    }

    @Test
    void namesAViolatedActionProperty() {
        List<String> out = new java.util.ArrayList<>(List.of("@!@!@STARTMSG 2112:1 @!@!@",
                "Action property Monotone is violated.", "@!@!@ENDMSG 2112 @!@!@"));
        out.addAll(state(1, "<Initial predicate>", "count = 3", INIT_STEP));
        out.addAll(state(2, "<Reset line 1, col 1 to line 2, col 2 of module Toy>", "count = 0", INIT_STEP));
        TlcReport r = TlcReport.from(13, ToolOutput.parse(out));
        assertEquals("Monotone", r.violatedProperty().orElseThrow());
        assertEquals("action property Monotone is violated", r.violationText(List.of("ReachesFull", "Monotone")));
        TlcReport initial = TlcReport.from(12, ToolOutput.parse(List.of("@!@!@STARTMSG 2108:1 @!@!@",
                "Property Monotone is violated by the initial state:", "@!@!@ENDMSG 2108 @!@!@")));
        assertEquals("Monotone", initial.violatedProperty().orElseThrow());
    }

    @Test
    void toleratesMessagesNestedInMessages() {
        ToolOutput o = ToolOutput.parse(List.of("@!@!@STARTMSG 1000:1 @!@!@", "TLC threw an unexpected exception.",
                "The exception was a java.lang.RuntimeException", ": @!@!@STARTMSG 2280:0 @!@!@",
                "In evaluation, the identifier x is undefined.", "@!@!@ENDMSG 2280 @!@!@", "@!@!@ENDMSG 1000 @!@!@"));
        assertEquals(2, o.messages().size());
        assertTrue(o.withCode(1000).get(0).body().contains("identifier x"));
    }
}
