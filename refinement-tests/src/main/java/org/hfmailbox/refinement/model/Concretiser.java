package org.hfmailbox.refinement.model;

import org.hfmailbox.refinement.tlc.LoadedSpec;
import org.hfmailbox.refinement.tlc.TlcValueBridge;
import org.hfmailbox.refinement.value.TlaValue;
import org.hfmailbox.refinement.value.TlcValueParser;
import org.hfmailbox.refinement.trace.SpecConstants;
import org.hfmailbox.refinement.trace.Vocabulary;
import tlc2.tool.Action;
import tlc2.tool.TLCState;
import tlc2.value.IValue;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns an edge of TLC's state graph into a concrete step, with TLC: from the concrete pre-state, it enumerates the
 * action's CPU and abstract arguments over the sets Next quantifies over (sizes: 0, 1, 4096, 4097), asks TLC for the
 * successors, and keeps the one whose VIEW (evaluated by TLC) equals the VIEW of the edge's target as the dump prints
 * it (the label is parsed by {@link TlcValueParser} and read back into a TLC state; VIEW values are compared as
 * {@link TlaValue}s, whose equality ignores the order TLC prints in, because TLC's fingerprints and print order depend
 * on per-JVM string interning and do not carry over). The successor's {@code step} record gives the CPU, the caller
 * and the arguments; {@link #line} writes
 * them as a scenario step by the concretisation rules of docs/refinement.md.
 */
public final class Concretiser {
    /** A concrete step: the abstract call and the state after it. */
    public record Step(int cpu, int callerVm, String action, Map<String, Object> args, TLCState post) {
    }

    private static final List<String> PAGES = List.of("valid", "unaligned", "unmapped", "same_page",
            "send_map_fails", "recv_map_fails");
    private static final List<Integer> SIZES = List.of(0, 1, 4096, 4097);

    private final LoadedSpec spec;
    private final SpecConstants k;

    public Concretiser(LoadedSpec spec) {
        this.spec = spec;
        this.k = spec.constants();
    }

    /**
     * The concrete step taking {@code action} from {@code pre} to the state TLC printed as {@code target} (the dot
     * node's label), compared as {@link TlaValue}s.
     */
    public Step step(TLCState pre, String action, String target) {
        TlaValue want = view(printedState(target));
        for (List<Value> params : params(action)) {
            Action a = spec.action(action, params);
            if (a == null) {
                return null;
            }
            for (TLCState t : spec.successors(a, pre)) {
                if (view(t).equals(want)) {
                    return toStep(action, params, t);
                }
            }
        }
        return null;
    }

    /**
     * The concrete step taking {@code action} from {@code pre} to a state whose VIEW has the key {@code target}
     * ({@link #viewKey}), or null. The fast form of {@link #step(TLCState, String, String)}: keys are TLC
     * fingerprints, comparable within this JVM only.
     */
    public Step step(TLCState pre, String action, long target) {
        for (List<Value> params : params(action)) {
            Action a = spec.action(action, params);
            if (a == null) {
                return null;
            }
            for (TLCState t : spec.successors(a, pre)) {
                if (viewKey(t) == target) {
                    return toStep(action, params, t);
                }
            }
        }
        return null;
    }

    /** TLC's fingerprint of the spec's VIEW on a state (of every variable but step when the spec has no View). */
    public long viewKey(TLCState t) {
        return spec.hasOperator("View") ? LoadedSpec.fingerprint(spec.evaluate("View", List.of(), t))
                : spec.stateKey(t);
    }

    /** The VIEW key of a state as TLC printed it (a {@code -dump} node's label). */
    public long labelKey(String stateText) {
        return viewKey(printedState(stateText));
    }

    /** A state as TLC printed it (a {@code -dump} node's label), as a TLC state of the loaded spec. */
    TLCState printedState(String stateText) {
        return TlcValueBridge.state(spec, TlcValueParser.variables(stateText));
    }

    /**
     * The spec's VIEW on a state (TLC evaluates it; the whole state but step when the spec has no View): the graph's
     * nodes are VIEW classes, and a node's label is one member of its class.
     */
    TlaValue view(TLCState t) {
        if (spec.hasOperator("View")) {
            return TlcValueBridge.fromTlc(spec.evaluate("View", List.of(), t));
        }
        Map<String, TlaValue> vars = new java.util.LinkedHashMap<>();
        t.getVals().forEach((name, value) -> {
            if (!name.equals(spec.stepVariable()) && value != null) {
                vars.put(name.toString(), TlcValueBridge.fromTlc(value));
            }
        });
        return new TlaValue.Rec(vars);
    }

    private Step toStep(String action, List<Value> params, TLCState t) {
        RecordValue step = (RecordValue) t.lookup(spec.stepVariable());
        RecordValue actor = (RecordValue) step.select(new StringValue("actor"));
        IValue vm = actor.select(new StringValue("vm"));
        Map<String, Object> args = new java.util.LinkedHashMap<>();
        List<String> names = Vocabulary.argsOf(action);
        for (int i = 0; i < names.size(); i++) {
            Value v = params.get(i + 1);
            args.put(names.get(i), v instanceof IntValue n ? (Object) n.val
                    : v instanceof BoolValue b ? (Object) b.val : ((StringValue) v).getVal().toString());
        }
        int cpu = ((IntValue) params.get(0)).val;
        return new Step(cpu, vm == null ? -1 : ((IntValue) vm).val, action, args, t);
    }

    private List<List<Value>> params(String action) {
        List<List<Value>> out = new ArrayList<>();
        out.add(new ArrayList<>());
        for (String dim : dims(action)) {
            List<List<Value>> next = new ArrayList<>();
            for (List<Value> prefix : out) {
                for (Value v : domain(dim)) {
                    List<Value> p = new ArrayList<>(prefix);
                    p.add(v);
                    next.add(p);
                }
            }
            out = next;
        }
        return out;
    }

    private static List<String> dims(String action) {
        List<String> d = new ArrayList<>();
        d.add("cpu");
        d.addAll(Vocabulary.argsOf(action));
        return d;
    }

    private List<Value> domain(String arg) {
        List<Value> v = new ArrayList<>();
        switch (arg) {
            case "cpu" -> range(v, k.cpus() - 1);
            case "vm_id" -> range(v, k.vmCount());
            case "vcpu_idx" -> range(v, k.maxVcpus());
            case "size" -> SIZES.forEach(n -> v.add(IntValue.gen(n)));
            case "pages" -> PAGES.forEach(p -> v.add(new StringValue(p)));
            case "block" -> {
                v.add(BoolValue.ValFalse);
                v.add(BoolValue.ValTrue);
            }
            case "target_cpu" -> range(v, k.cpus());
            case "level" -> range(v, 1);
            case "target" -> range(v, Math.max(k.cpus(), k.maxVcpus()));
            default -> v.addAll(spec.argumentDomain(arg));
        }
        return v;
    }

    private static void range(List<Value> v, int max) {
        for (int i = 0; i <= max; i++) {
            v.add(IntValue.gen(i));
        }
    }

    /** The scenario line of a concrete step (docs/refinement.md, "Concretisation rules"). */
    public static String line(Step s) {
        Map<String, Object> a = s.args();
        int m = s.callerVm();
        String call = switch (s.action()) {
            case "vm_get_count", "mailbox_clear", "psci_version", "psci_migrate_info_type", "psci_cpu_off" ->
                    s.action();
            case "vcpu_get_count" -> "vcpu_get_count " + a.get("vm_id");
            case "vcpu_run" -> "vcpu_run " + a.get("vm_id") + " " + a.get("vcpu_idx");
            case "vm_configure" -> configure(m, (String) a.get("pages"));
            case "mailbox_send" -> {
                int n = (Integer) a.get("size");
                yield "mailbox_send " + a.get("vm_id") + " " + n + (n <= 4096 ? " pattern=seq:" + n : "");
            }
            case "mailbox_receive" -> "mailbox_receive " + (Boolean.TRUE.equals(a.get("block")) ? 1 : 0);
            case "interrupt_inject" -> "interrupt_inject " + a.get("vm_id") + " " + a.get("vcpu_idx");
            case "hvc_unknown" -> "hvc 0xff3f";
            case "wfi_trap" -> "wfi";
            case "api_yield" -> "irq";
            case "psci_affinity_info" -> "psci_affinity_info " + a.get("target_cpu") + " " + a.get("level");
            case "psci_cpu_on" -> "psci_cpu_on " + a.get("target") + " 0x80000 0x7";
            case "mailbox_send_deliver", "mailbox_send_switch", "mailbox_receive_wait", "cpu_main", "vcpu_switch" ->
                    "continue";
            default -> throw new IllegalArgumentException("no concretisation rule (docs/refinement.md) for the action "
                    + s.action());
        };
        return s.cpu() + ": " + call + " -> action=" + s.action();
    }

    private static String configure(int m, String pages) {
        return switch (pages) {
            case "unaligned" -> "vm_configure 0x" + Long.toHexString(
                    org.hfmailbox.reference.MemoryLayout.defaultBase(m) + 8) + " page(" + m + ",1)";
            case "unmapped" -> "vm_configure 0x1000 page(" + m + ",1)";
            case "same_page" -> "vm_configure page(" + m + ",0) page(" + m + ",0)";
            case "send_map_fails" -> "vm_configure page(" + m + ",0) page(" + m + ",1) map_fails=send";
            case "recv_map_fails" -> "vm_configure page(" + m + ",0) page(" + m + ",1) map_fails=recv";
            default -> "vm_configure page(" + m + ",0) page(" + m + ",1)";
        };
    }
}
