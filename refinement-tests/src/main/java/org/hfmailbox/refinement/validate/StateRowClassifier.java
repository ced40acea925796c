package org.hfmailbox.refinement.validate;

import org.hfmailbox.refinement.tlc.LoadedSpec;
import org.hfmailbox.refinement.trace.TraceEvent;
import tlc2.tool.TLCState;
import tlc2.value.IValue;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import util.UniqueString;

import java.util.List;

/**
 * The validator's own row classification, used when the spec defines no {@code Row(c, action, args)}: the row of an
 * accepted step is read off the action, its arguments and the TLC pre-state, by the preconditions of the semantics
 * page's state-transition table (docs/refinement.md lists the rules). It only labels steps TLC has already accepted;
 * it never decides whether a step is allowed.
 */
public final class StateRowClassifier implements RowClassifier {
    private final LoadedSpec spec;

    public StateRowClassifier(LoadedSpec spec) {
        this.spec = spec;
    }

    @Override
    public String source() {
        return "validator: classification of the action, its arguments and the pre-state (docs/refinement.md)";
    }

    @Override
    public List<String> rows(TLCState pre, TraceEvent e, List<Value> params) {
        int c = e.cpu();
        int vmCount = spec.constants().vmCount();
        boolean primary = e.actor().path("vm").asInt(-1) == 0;
        int m = e.actor().path("vm").asInt(-1);
        String row = switch (e.action()) {
            case "vm_get_count" -> "R1";
            case "vcpu_get_count" -> !primary ? "R2" : arg(e, "vm_id") >= vmCount ? "R3" : "R4";
            case "vcpu_run" -> vcpuRun(pre, e, primary);
            case "vm_configure" -> configure(pre, e, m);
            case "mailbox_send" -> sendChecks(pre, e, m) ? "S1" : "";
            case "mailbox_send_deliver" -> deliver(pre, c, primary);
            case "mailbox_receive" -> !primary ? receive(pre, e, m) : "V1";
            case "mailbox_clear" -> "read".equals(str(perVm(pre, "mailbox_state", m))) ? "L1" : "L2";
            case "wfi_trap" -> "X1";
            case "api_yield" -> "X3";
            case "hvc_unknown" -> "X5";
            case "psci_version", "psci_migrate_info_type", "psci_affinity_info", "psci_cpu_on", "psci_cpu_off" ->
                    "PSCI";
            case "interrupt_inject" -> interruptInject(pre, e, primary);
            default -> "";
        };
        return row.isEmpty() ? List.of() : List.of(row);
    }

    private String vcpuRun(TLCState pre, TraceEvent e, boolean primary) {
        if (!primary) {
            return "R5";
        }
        int k = arg(e, "vm_id");
        int i = arg(e, "vcpu_idx");
        if (k == 0 || k >= spec.constants().vmCount() || i >= spec.constants().vcpuCount().get(k)) {
            return "R6";
        }
        return "ready".equals(str(perVcpu(pre, "vcpu_state", k, i))) ? "R8" : "R7";
    }

    /** IJ1: -1 (a secondary caller, or bad ids); IJ2: 0 (the target is not in WFI); IJ3: 1 (woken). */
    private String interruptInject(TLCState pre, TraceEvent e, boolean primary) {
        int k = arg(e, "vm_id");
        int i = arg(e, "vcpu_idx");
        if (!primary || k == 0 || k >= spec.constants().vmCount() || i >= spec.constants().vcpuCount().get(k)) {
            return "IJ1";
        }
        return "blocked_interrupt".equals(str(perVcpu(pre, "vcpu_state", k, i))) ? "IJ3" : "IJ2";
    }

    private String configure(TLCState pre, TraceEvent e, int m) {
        String pages = e.args().path("pages").asText();
        if (pages.equals("unaligned")) {
            return "C1";
        }
        if (bool(perVm(pre, "send_configured", m)) || bool(perVm(pre, "recv_configured", m))) {
            return "C2";
        }
        return pages.equals("valid") ? "C4" : "C3";
    }

    private boolean sendChecks(TLCState pre, TraceEvent e, int m) {
        int k = arg(e, "vm_id");
        return arg(e, "size") > 4096 || k == m || k >= spec.constants().vmCount()
                || !bool(perVm(pre, "send_configured", m));
    }

    private String deliver(TLCState pre, int c, boolean primary) {
        IValue op = perIndex(pre.lookup(UniqueString.uniqueStringOf("cpu_op")), c);
        if (!(op instanceof RecordValue r)) {
            return "";
        }
        int k = ((IntValue) r.select(new StringValue("to"))).val;
        if (!"empty".equals(str(perVm(pre, "mailbox_state", k))) || !bool(perVm(pre, "recv_configured", k))) {
            return "S2";
        }
        if (k == 0) {
            return "S3";
        }
        boolean waiter = ((TupleValue) perVm(pre, "recv_waiter", k)).size() > 0;
        if (primary) {
            return waiter ? "S5" : "S4";
        }
        return waiter ? "S7" : "S6";
    }

    private String receive(TLCState pre, TraceEvent e, int m) {
        String state = str(perVm(pre, "mailbox_state", m));
        if ("received".equals(state)) {
            return "V2";
        }
        boolean deliverable = "empty".equals(state) && bool(perVm(pre, "recv_configured", m));
        boolean blocks = e.args().path("block").asBoolean()
                && (deliverable || !spec.constants().corrections().contains("block-only-when-deliverable"));
        return blocks ? "V4" : "V3";
    }

    private static int arg(TraceEvent e, String name) {
        return e.args().path(name).asInt();
    }

    private static IValue perVm(TLCState s, String var, int k) {
        return perIndex(s.lookup(UniqueString.uniqueStringOf(var)), k);
    }

    private static IValue perVcpu(TLCState s, String var, int k, int i) {
        return perIndex(perVm(s, var, k), i);
    }

    private static IValue perIndex(IValue fcn, int i) {
        if (fcn instanceof FcnRcdValue f) {
            return f.select(IntValue.gen(i));
        }
        Value v = ((Value) fcn).toFcnRcd();
        return ((FcnRcdValue) v).select(IntValue.gen(i));
    }

    private static String str(IValue v) {
        return v instanceof StringValue s ? s.getVal().toString() : "";
    }

    private static boolean bool(IValue v) {
        return v instanceof BoolValue b && b.val;
    }
}
