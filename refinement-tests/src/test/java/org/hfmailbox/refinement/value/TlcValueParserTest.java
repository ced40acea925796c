package org.hfmailbox.refinement.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hfmailbox.refinement.tlc.TlcValueBridge;
import org.junit.jupiter.api.Test;

class TlcValueParserTest {
    @Test
    void parsesWhatTlcPrints() {
        TlaValue v = TlcValueParser.parse("[ cpu |-> 0,\n  actor |-> [vm |-> 1, vcpu |-> 0],\n  action |-> \"vcpu_run\","
                + "\n  args |-> [vm_id |-> 1, vcpu_idx |-> 0],\n  ret |-> [kind |-> \"int\", value |-> -1] ]");
        TlaValue.Rec r = assertInstanceOf(TlaValue.Rec.class, v);
        assertEquals("vcpu_run", TlaValue.plain(r.get("action").orElseThrow()));
        assertEquals("[kind |-> \"int\", value |-> -1]", r.get("ret").orElseThrow().render());

        TlaValue f = TlcValueParser.parse("(0 :> (0 :> \"off\" @@ 1 :> \"ready\") @@ 1 :> (0 :> \"running\"))");
        assertInstanceOf(TlaValue.Fun.class, f);
        assertEquals("(0 :> (0 :> \"off\" @@ 1 :> \"ready\") @@ 1 :> (0 :> \"running\"))", f.render());
        assertEquals("<<1, <<>>, {TRUE, m1}, \"a\\\"b\", []>>",
                TlcValueParser.parse("<<1, << >>, {TRUE, m1}, \"a\\\"b\", [ ]>>").render());
        assertEquals(List.of(), ((TlaValue.Tuple) TlcValueParser.parse("<<>>")).elements());
    }

    @Test
    void equalityIgnoresTheOrderTlcPrintedIn() {
        // TLC orders record fields and strings by its per-JVM intern table: two JVMs print one state differently
        assertEquals(TlcValueParser.parse("[a |-> 1, b |-> {\"x\", \"y\"}]"),
                TlcValueParser.parse("[b |-> {\"y\", \"x\"}, a |-> 1]"));
        assertEquals(TlcValueParser.parse("(\"p\" :> 1 @@ \"q\" :> 2)"), TlcValueParser.parse("(\"q\" :> 2 @@ \"p\" :> 1)"));
        assertNotEquals(TlcValueParser.parse("<<1, 2>>"), TlcValueParser.parse("<<2, 1>>"));
        assertNotEquals(TlcValueParser.parse("[a |-> 1]"), TlcValueParser.parse("[a |-> 2]"));
    }

    @Test
    void aFunctionOnOneToNIsTheTupleAndAnIntervalIsItsSet() {
        assertEquals(TlcValueParser.parse("<<\"a\", \"b\">>"), TlcValueParser.parse("(2 :> \"b\" @@ 1 :> \"a\")"));
        assertInstanceOf(TlaValue.Fun.class, TlcValueParser.parse("(0 :> \"a\" @@ 1 :> \"b\")"));
        assertEquals(TlcValueParser.parse("{0, 1, 2}"), TlcValueParser.parse("0..2"));
        assertEquals(TlcValueParser.parse("{-1, 0}"), TlcValueParser.parse("-1..0"));
    }

    @Test
    void malformedTextIsRefusedWithWhereAndWhat() {
        ValueSyntaxException e = assertThrows(ValueSyntaxException.class, () -> TlcValueParser.parse("[a |-> 1, b 2]"));
        assertEquals(12, e.offset());
        assertTrue(e.getMessage().contains("'|->' expected, found '2]'"), e.getMessage());
        assertTrue(assertThrows(ValueSyntaxException.class, () -> TlcValueParser.parse("<<1, 2"))
                .getMessage().contains("'>>' expected, found 'the end'"));
        assertTrue(assertThrows(ValueSyntaxException.class, () -> TlcValueParser.parse("\"abc"))
                .getMessage().contains("a string that never ends"));
        assertTrue(assertThrows(ValueSyntaxException.class, () -> TlcValueParser.parse("1 2"))
                .getMessage().contains("text after the value: '2'"));
        assertTrue(assertThrows(ValueSyntaxException.class, () -> TlcValueParser.parse(""))
                .getMessage().contains("the text ended"));
        assertTrue(assertThrows(ValueSyntaxException.class, () -> TlcValueParser.parse("a..3"))
                .getMessage().contains("an interval of integers expected"));
    }

    @Test
    void displaysKeepWhatDoesNotParse() {
        TlaValue a = TlcValueParser.parseOrText("[x \\in 1..2 |->\n 0]");
        assertEquals(new TlaValue.Atom("[x \\in 1..2 |-> 0]"), a);
    }

    @Test
    void readsTheVariablesOfAPrintedState() {
        Map<String, TlaValue> vars = TlcValueParser.variables("/\\ x = 1\n/\\ y = [a |-> 1,\n  b |-> 2]\n/\\ z = \"s\"");
        assertEquals(List.of("x", "y", "z"), List.copyOf(vars.keySet()));
        assertEquals(TlcValueParser.parse("[b |-> 2, a |-> 1]"), vars.get("y"));
        assertEquals(Map.of("n", TlaValue.Atom.of(3)), TlcValueParser.variables("n = 3"));
        ValueSyntaxException e = assertThrows(ValueSyntaxException.class,
                () -> TlcValueParser.variables("/\\ x = 1\n/\\ y = <<1,"));
        assertTrue(e.getMessage().contains("variable y: "), e.getMessage());
        assertEquals("/\\ x = \"a\"\n/\\ y = 1", DotLabel.unescape("/\\\\ x = \\\"a\\\"\\n/\\\\ y = 1"));
    }

    @Test
    void diffNamesTheChangedPlaces() {
        TlaValue before = TlcValueParser.parse("(0 :> (0 :> \"off\" @@ 1 :> \"ready\") @@ 1 :> (0 :> \"running\"))");
        TlaValue after = TlcValueParser.parse("(0 :> (0 :> \"off\" @@ 1 :> \"running\") @@ 1 :> (0 :> \"ready\"))");
        List<String> changes = ValueDiff.changes("vcpu_state", before, after).stream().map(ValueDiff.Change::render).toList();
        assertEquals(List.of("vcpu_state[0][1] = \"running\"", "vcpu_state[1][0] = \"ready\""), changes);
        assertEquals("\"ready\"", ValueDiff.changes("vcpu_state", before, after).get(0).before().render());

        List<String> grown = ValueDiff.changes("recv_waiter", TlcValueParser.parse("(0 :> <<>> @@ 1 :> <<0>>)"),
                TlcValueParser.parse("(0 :> <<>> @@ 1 :> <<1, 0>>)")).stream().map(ValueDiff.Change::render).toList();
        assertEquals(List.of("recv_waiter[1] = <<1, 0>>"), grown);

        List<String> rec = ValueDiff.changes("cpu_op", TlcValueParser.parse("(0 :> [op |-> \"guest\"])"),
                TlcValueParser.parse("(0 :> [op |-> \"mailbox_send\", to |-> 1, size |-> 0])")).stream()
                .map(ValueDiff.Change::render).toList();
        assertEquals(List.of("cpu_op[0] = [op |-> \"mailbox_send\", to |-> 1, size |-> 0]"), rec);
        assertEquals(List.of(), ValueDiff.changes("x", TlcValueParser.parse("1"), TlcValueParser.parse(" 1 ")));
    }

    @Test
    void tlcValuesRoundTrip() {
        String text = "[st |-> (0 :> \"ready\" @@ 1 :> \"off\"), w |-> <<<<1, 0>>>>, n |-> -3, b |-> TRUE,"
                + " s |-> {\"a\", \"b\"}, f |-> (\"x\" :> 1), e |-> <<>>]";
        TlaValue v = TlcValueParser.parse(text);
        tlc2.value.impl.Value tlc = TlcValueBridge.toTlc(v);
        assertEquals(v, TlcValueBridge.fromTlc(tlc));
        // TLC agrees the per-CPU function is the one it builds with an interval domain
        assertEquals(0, new tlc2.value.impl.FcnRcdValue(new tlc2.value.impl.IntervalValue(0, 1),
                new tlc2.value.impl.Value[] {new tlc2.value.impl.StringValue("ready"),
                        new tlc2.value.impl.StringValue("off")})
                .compareTo(TlcValueBridge.toTlc(TlcValueParser.parse("(1 :> \"off\" @@ 0 :> \"ready\")"))));
        assertThrows(IllegalArgumentException.class, () -> TlcValueBridge.toTlc(new TlaValue.Atom("m1")));
    }
}
