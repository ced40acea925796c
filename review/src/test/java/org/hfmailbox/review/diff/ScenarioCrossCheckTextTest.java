package org.hfmailbox.review.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hfmailbox.review.tlc.TraceState;
import org.junit.jupiter.api.Test;

/** The terminal's step table of a rejected walk: short prefixes whole, long ones as their last steps. */
class ScenarioCrossCheckTextTest {
    @Test
    void aLongPrefixShowsItsLastStepsAndNoInitialState() {
        List<TraceState> prefix = prefix(25);
        List<String> lines = ScenarioCrossCheckText.table(prefix);
        String text = String.join("\n", lines);
        assertTrue(lines.get(0).startsWith("(steps 1..9 not shown"), text);
        assertFalse(text.contains("initial state"), text);
        assertTrue(text.contains("vm_get_count"), text);
        long rows = lines.stream().filter(l -> l.contains("vm_get_count")).count();
        assertEquals(ScenarioCrossCheckText.MAX_TERMINAL_STEPS, rows, text);
        assertTrue(lines.get(lines.size() - 1).contains(" 25 "), text);
        assertTrue(text.contains("mailbox_state[1] = \"received\""), text);
    }

    @Test
    void aShortPrefixIsWhole() {
        List<String> lines = ScenarioCrossCheckText.table(prefix(3));
        assertTrue(lines.get(0).startsWith("initial state (state 0)"), String.join("\n", lines));
        assertEquals(3, lines.stream().filter(l -> l.contains("vm_get_count")).count());
    }

    /** {@code n} steps of vm_get_count on CPU 0, each flipping VM 1's mailbox. */
    private static List<TraceState> prefix(int n) {
        List<TraceState> out = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            String mailbox = i % 2 == 0 ? "\"empty\"" : "\"received\"";
            String step = i == 0 ? "[cpu |-> 0, actor |-> [cpu |-> 0], action |-> \"boot\", args |-> <<>>,"
                    + " ret |-> [kind |-> \"none\"]]"
                    : "[cpu |-> 0, actor |-> [vm |-> 0, vcpu |-> 0], action |-> \"vm_get_count\", args |-> <<>>,"
                    + " ret |-> [kind |-> \"int\", value |-> 2]]";
            out.add(WalkValidation.state(i, "/\\ mailbox_state = (0 :> \"empty\" @@ 1 :> " + mailbox + ")\n"
                    + "/\\ step = " + step));
        }
        return out;
    }
}
