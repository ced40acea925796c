package org.hfmailbox.refinement.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * The abstraction from a hypercall's registers to the spec's action and abstract arguments: Hafnium's dispatch
 * (semantics page §1.4, §1.9: PSCI first for the primary, {@code (u32)x0} with bit 30 masked, unknown ids give
 * hvc_unknown; 0xff07 is interrupt_inject only with wfi-wake-on-interrupt) and the argument rules of
 * docs/vocabulary.md. Like {@code hex} against a return record's fields, the
 * registers are what the guest really passed: the validator gives TLC the call the registers make, so a trace that
 * names another action or other arguments than its registers is rejected by TLC at that step. Events without
 * {@code regs}, traps ({@code wfi_trap}, {@code api_yield}) and continuations keep their claimed call;
 * {@code vm_configure}'s {@code pages} depends on the memory layout and is kept as claimed.
 */
public final class CallAbstraction {
    private static final int PSCI_VERSION = 0x84000000;
    private static final int PSCI_CPU_OFF = 0x84000002;
    private static final int PSCI_CPU_ON = 0x84000003;
    private static final int PSCI_AFFINITY_INFO = 0x84000004;
    private static final int PSCI_MIGRATE_INFO_TYPE = 0x84000006;
    private static final int PSCI_SYSTEM_OFF = 0x84000008;
    private static final int PSCI_SYSTEM_RESET = 0x84000009;
    private static final int SMC64_BIT = 1 << 30;

    /**
     * The call TLC checks: an action name and its abstract arguments (JSON object). In an observable-only event
     * without {@code args}, arguments no register determines are absent ({@code vm_configure}'s {@code pages}), and
     * so are all arguments of an event without registers: the validator then tries every value Next allows.
     */
    public record Call(String action, JsonNode args) {
    }

    private final SpecConstants k;

    public CallAbstraction(SpecConstants k) {
        this.k = k;
    }

    /** The call TLC is asked about for this event; equal to the event's own claim whenever the trace is right. */
    public Call effective(TraceEvent e) {
        Call claimed = new Call(e.action(), e.args());
        if (e.regs() == null || !isHypercall(e.action()) || e.actor().path("vm").isMissingNode()) {
            return claimed;
        }
        Call derived = derive(e.regs(), e.actor().path("vm").asInt(), e);
        if (derived == null) {
            return claimed;
        }
        return derived.action().equals(claimed.action()) && derived.args().equals(claimed.args()) ? claimed : derived;
    }

    private static boolean isHypercall(String action) {
        return switch (action) {
            case "vm_get_count", "vcpu_get_count", "vcpu_run", "vm_configure", "mailbox_send", "mailbox_receive",
                 "mailbox_clear", "hvc_unknown", "psci_version", "psci_migrate_info_type", "psci_affinity_info",
                 "psci_cpu_on", "psci_cpu_off", "interrupt_inject" -> true;
            default -> false;
        };
    }

    private Call derive(TraceEvent.Regs r, int vm, TraceEvent e) {
        int fid = (int) r.x0() & ~SMC64_BIT;
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        if (vm == 0) {
            switch (fid) {
                case PSCI_VERSION:
                    return new Call("psci_version", a);
                case PSCI_MIGRATE_INFO_TYPE:
                    return new Call("psci_migrate_info_type", a);
                case PSCI_AFFINITY_INFO:
                    a.put("target_cpu", bound(r.x1(), k.cpus()));
                    a.put("level", r.x2() == 0 ? 0 : 1);
                    return new Call("psci_affinity_info", a);
                case PSCI_CPU_ON:
                    a.put("target", bound(r.x1(), k.cpus()));
                    return new Call("psci_cpu_on", a);
                case PSCI_CPU_OFF:
                    return new Call("psci_cpu_off", a);
                case PSCI_SYSTEM_OFF:
                case PSCI_SYSTEM_RESET:
                    return null;
                default:
                    break;
            }
        } else if (fid == PSCI_CPU_ON && k.corrections().contains("secondary-vcpu-on")) {
            a.put("target", bound(r.x1(), k.vcpuCount().get(vm)));
            return new Call("psci_cpu_on", a);
        }
        switch (fid) {
            case 0xff00:
                a.put("vm_id", bound(r.x1() & 0xffffffffL, k.vmCount()));
                a.put("vcpu_idx", bound(r.x2() & 0xffffffffL, k.maxVcpus()));
                return new Call("vcpu_run", a);
            case 0xff01:
                return new Call("vm_get_count", a);
            case 0xff02:
                a.put("vm_id", bound(r.x1() & 0xffffffffL, k.vmCount()));
                return new Call("vcpu_get_count", a);
            case 0xff03:
                if (e.args() != null) {
                    a.set("pages", Objects.requireNonNullElse(e.args().get("pages"),
                            JsonNodeFactory.instance.textNode("valid")));
                }
                return new Call("vm_configure", a);
            case 0xff04:
                a.put("vm_id", bound(r.x1() & 0xffffffffL, k.vmCount()));
                a.put("size", bound(r.x2(), 4097));
                return new Call("mailbox_send", a);
            case 0xff05:
                a.put("block", r.x1() != 0);
                return new Call("mailbox_receive", a);
            case 0xff06:
                return new Call("mailbox_clear", a);
            case 0xff07:
                if (!k.corrections().contains("wfi-wake-on-interrupt")) {
                    return new Call("hvc_unknown", a);
                }
                a.put("vm_id", bound(r.x1() & 0xffffffffL, k.vmCount()));
                a.put("vcpu_idx", bound(r.x2() & 0xffffffffL, k.maxVcpus()));
                return new Call("interrupt_inject", a);
            default:
                return new Call("hvc_unknown", a);
        }
    }

    /** {@code min(x as unsigned 64-bit, bound)}. */
    private static int bound(long x, int bound) {
        return Long.compareUnsigned(x, bound) >= 0 ? bound : (int) x;
    }
}
