package org.hfmailbox.refinement.trace;

import java.util.Map;

/**
 * The per-variable type table of docs/vocabulary.md: how a variable is indexed (per vCPU, per VM, per CPU) and
 * what each entry holds. JSON arrays that index by VM, vCPU or CPU become TLA+ functions with domain 0..n-1;
 * {@link Element#INT_SEQ} entries are TLA+ sequences (domain 1..n); {@link Element#VCPU} entries are tuples.
 */
public record VariableType(Layout layout, Element element) {

    public enum Layout { PER_VCPU, PER_VM, PER_CPU }

    public enum Element { STRING, BOOL, INT, RECORD, INT_SEQ, VCPU }

    private static final Map<String, VariableType> TABLE = Map.ofEntries(
            Map.entry("vcpu_state", new VariableType(Layout.PER_VCPU, Element.STRING)),
            Map.entry("saved_x0", new VariableType(Layout.PER_VCPU, Element.RECORD)),
            Map.entry("regs_available", new VariableType(Layout.PER_VCPU, Element.BOOL)),
            Map.entry("recv_pending", new VariableType(Layout.PER_VCPU, Element.RECORD)),
            Map.entry("mailbox_state", new VariableType(Layout.PER_VM, Element.STRING)),
            Map.entry("recv_from_id", new VariableType(Layout.PER_VM, Element.INT)),
            Map.entry("recv_bytes", new VariableType(Layout.PER_VM, Element.INT)),
            Map.entry("send_configured", new VariableType(Layout.PER_VM, Element.BOOL)),
            Map.entry("recv_configured", new VariableType(Layout.PER_VM, Element.BOOL)),
            Map.entry("recv_waiter", new VariableType(Layout.PER_VM, Element.INT_SEQ)),
            Map.entry("current", new VariableType(Layout.PER_CPU, Element.VCPU)),
            Map.entry("is_on", new VariableType(Layout.PER_CPU, Element.BOOL)),
            Map.entry("cpu_op", new VariableType(Layout.PER_CPU, Element.RECORD)),
            Map.entry("delivered", new VariableType(Layout.PER_VM, Element.RECORD)),
            Map.entry("waiting_for", new VariableType(Layout.PER_VCPU, Element.STRING)),
            Map.entry("wants_send_to", new VariableType(Layout.PER_VM, Element.INT)));

    /** The type of a state variable (not {@code step}); null for an unknown name. */
    public static VariableType of(String variable) {
        return TABLE.get(variable);
    }
}
