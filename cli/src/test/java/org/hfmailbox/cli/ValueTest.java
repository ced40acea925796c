package org.hfmailbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.hfmailbox.cli.value.TlaValue;
import org.hfmailbox.cli.value.TlaValueParser;
import org.hfmailbox.cli.value.ValueDiff;
import org.junit.jupiter.api.Test;

class ValueTest {
    @Test
    void parsesWhatTlcPrints() {
        TlaValue v = TlaValueParser.parse("[ cpu |-> 0,\n  actor |-> [vm |-> 1, vcpu |-> 0],\n  action |-> \"vcpu_run\","
                + "\n  args |-> [vm_id |-> 1, vcpu_idx |-> 0],\n  ret |-> [kind |-> \"int\", value |-> -1] ]");
        TlaValue.Rec r = assertInstanceOf(TlaValue.Rec.class, v);
        assertEquals("vcpu_run", TlaValue.plain(r.get("action").orElseThrow()));
        assertEquals("[kind |-> \"int\", value |-> -1]", r.get("ret").orElseThrow().render());

        TlaValue f = TlaValueParser.parse("(0 :> (0 :> \"off\" @@ 1 :> \"ready\") @@ 1 :> (0 :> \"running\"))");
        assertInstanceOf(TlaValue.Fun.class, f);
        assertEquals("(0 :> (0 :> \"off\" @@ 1 :> \"ready\") @@ 1 :> (0 :> \"running\"))", f.render());
        assertEquals("<<1, <<>>, {TRUE, m1}, \"a\\\"b\">>", TlaValueParser.parse("<<1, << >>, {TRUE, m1}, \"a\\\"b\">>").render());
    }

    @Test
    void unparsableTextStaysComparable() {
        TlaValue a = TlaValueParser.parse("[x \\in 1..2 |->\n 0]");
        assertInstanceOf(TlaValue.Atom.class, a);
        assertEquals("[x \\in 1..2 |-> 0]", a.render());
    }

    @Test
    void diffNamesTheChangedPlaces() {
        TlaValue before = TlaValueParser.parse("(0 :> (0 :> \"off\" @@ 1 :> \"ready\") @@ 1 :> (0 :> \"running\"))");
        TlaValue after = TlaValueParser.parse("(0 :> (0 :> \"off\" @@ 1 :> \"running\") @@ 1 :> (0 :> \"ready\"))");
        List<String> changes = ValueDiff.changes("vcpu_state", before, after).stream().map(ValueDiff.Change::render).toList();
        assertEquals(List.of("vcpu_state[0][1] = \"running\"", "vcpu_state[1][0] = \"ready\""), changes);

        List<String> grown = ValueDiff.changes("recv_waiter", TlaValueParser.parse("(0 :> <<>> @@ 1 :> <<0>>)"),
                TlaValueParser.parse("(0 :> <<>> @@ 1 :> <<1, 0>>)")).stream().map(ValueDiff.Change::render).toList();
        assertEquals(List.of("recv_waiter[1] = <<1, 0>>"), grown);

        List<String> rec = ValueDiff.changes("cpu_op", TlaValueParser.parse("(0 :> [op |-> \"guest\"])"),
                TlaValueParser.parse("(0 :> [op |-> \"mailbox_send\", to |-> 1, size |-> 0])")).stream()
                .map(ValueDiff.Change::render).toList();
        assertEquals(List.of("cpu_op[0] = [op |-> \"mailbox_send\", to |-> 1, size |-> 0]"), rec);
        assertEquals(List.of(), ValueDiff.changes("x", TlaValueParser.parse("1"), TlaValueParser.parse(" 1 ")));
    }
}
