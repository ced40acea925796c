package org.hfmailbox.refinement.trace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names of docs/vocabulary.md: the state variables (in the order of its variable table) and every action with its
 * abstract arguments in the order of the args column (which is also the order of the TLA+ operator's parameters
 * after the CPU).
 */
public final class Vocabulary {
    /** Every state variable but {@code step}, in table order (the last three: the ghosts of what guests asked for). */
    public static final List<String> VARIABLES = List.of(
            "vcpu_state", "saved_x0", "regs_available", "recv_pending", "mailbox_state", "recv_from_id",
            "recv_bytes", "send_configured", "recv_configured", "recv_waiter", "current", "is_on", "cpu_op",
            "delivered", "waiting_for", "wants_send_to");

    public static final String STEP = "step";

    private static final Map<String, List<String>> ACTION_ARGS = buildActions();

    private Vocabulary() {
    }

    private static Map<String, List<String>> buildActions() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("vm_get_count", List.of());
        m.put("vcpu_get_count", List.of("vm_id"));
        m.put("vcpu_run", List.of("vm_id", "vcpu_idx"));
        m.put("vm_configure", List.of("pages"));
        m.put("mailbox_send", List.of("vm_id", "size"));
        m.put("mailbox_send_deliver", List.of());
        m.put("mailbox_send_switch", List.of());
        m.put("mailbox_receive", List.of("block"));
        m.put("mailbox_receive_wait", List.of());
        m.put("mailbox_clear", List.of());
        m.put("wfi_trap", List.of());
        m.put("api_yield", List.of());
        m.put("hvc_unknown", List.of());
        m.put("psci_version", List.of());
        m.put("psci_migrate_info_type", List.of());
        m.put("psci_affinity_info", List.of("target_cpu", "level"));
        m.put("psci_cpu_on", List.of("target"));
        m.put("psci_cpu_off", List.of());
        m.put("interrupt_inject", List.of("vm_id", "vcpu_idx"));
        m.put("cpu_main", List.of());
        m.put("vcpu_switch", List.of());
        return Map.copyOf(m);
    }

    /** All action names, in the order of the vocabulary's action table. */
    public static final List<String> ACTIONS = List.of(
            "vm_get_count", "vcpu_get_count", "vcpu_run", "vm_configure", "mailbox_send", "mailbox_send_deliver",
            "mailbox_send_switch", "mailbox_receive", "mailbox_receive_wait", "mailbox_clear", "wfi_trap",
            "api_yield", "hvc_unknown", "psci_version", "psci_migrate_info_type", "psci_affinity_info",
            "psci_cpu_on", "psci_cpu_off", "interrupt_inject", "cpu_main", "vcpu_switch");

    public static boolean isAction(String name) {
        return ACTION_ARGS.containsKey(name);
    }

    /** The abstract argument names of an action, in operator-parameter order. */
    public static List<String> argsOf(String action) {
        List<String> args = ACTION_ARGS.get(action);
        if (args == null) {
            throw new IllegalArgumentException("unknown action " + action);
        }
        return args;
    }

    /** Actions whose actor is the physical CPU ({@code {"cpu": c}}) rather than a vCPU. */
    public static boolean isCpuLevel(String action) {
        return action.equals("cpu_main") || action.equals("vcpu_switch");
    }
}
