package org.hfmailbox.review.pictures;

import java.util.List;
import java.util.Optional;
import org.hfmailbox.refinement.value.TlaValue;

/**
 * Which part of a state a state machine shows: one variable, and the keys that select one place inside it, e.g.
 * {@code vcpu_state} at {@code [1, 0]} (VM 1's vCPU 0) or {@code mailbox_state} at {@code [1]}.
 *
 * @param title    the picture's title
 * @param variable the variable's name
 * @param keys     the function arguments, outermost first (TLA+ values as TLC prints them)
 */
public record Projection(String title, String variable, List<String> keys) {
    public Projection {
        keys = List.copyOf(keys);
    }

    /** VM {@code vm}'s vCPU {@code vcpu}. */
    public static Projection vcpu(int vm, int vcpu) {
        return new Projection("vCPU " + vm + "/" + vcpu + " (vcpu_state[" + vm + "][" + vcpu + "])", "vcpu_state",
                List.of(Integer.toString(vm), Integer.toString(vcpu)));
    }

    /** VM {@code vm}'s mailbox. */
    public static Projection mailbox(int vm) {
        return new Projection("mailbox of VM " + vm + " (mailbox_state[" + vm + "])", "mailbox_state",
                List.of(Integer.toString(vm)));
    }

    /** The projected value of the variable's value, as plain text ({@code ready}); empty if the place is absent. */
    public Optional<String> apply(TlaValue value) {
        TlaValue v = value;
        for (String key : keys) {
            if (v instanceof TlaValue.Fun f) {
                v = f.mapping().get(new TlaValue.Atom(key));
            } else if (v instanceof TlaValue.Tuple t) {
                int i = Integer.parseInt(key);
                v = i >= 1 && i <= t.elements().size() ? t.elements().get(i - 1) : null;
            } else {
                v = null;
            }
            if (v == null) {
                return Optional.empty();
            }
        }
        return Optional.of(TlaValue.plain(v));
    }

    /** A file name for the picture: {@code vcpu_state-1-0}. */
    public String fileStem() {
        return variable + (keys.isEmpty() ? "" : "-" + String.join("-", keys));
    }
}
