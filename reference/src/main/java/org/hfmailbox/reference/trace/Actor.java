package org.hfmailbox.reference.trace;

/**
 * The step's actor: {@code [vm |-> k, vcpu |-> i]} for hypercalls, traps, IRQs and their continuations, or
 * {@code [cpu |-> c]} for the CPU-level steps (cpu_main, vcpu_switch). Immutable.
 */
public record Actor(int vm, int vcpu, int cpu) {
    public static Actor ofVcpu(int vm, int vcpu) {
        return new Actor(vm, vcpu, -1);
    }

    public static Actor ofCpu(int cpu) {
        return new Actor(-1, -1, cpu);
    }

    public boolean isCpu() {
        return cpu >= 0;
    }
}
