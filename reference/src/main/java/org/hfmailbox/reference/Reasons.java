package org.hfmailbox.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The texts of {@link StepResult#reason()} for steps that do not take effect, made once per shape so that a refused
 * step builds no string (generated workloads try many of them).
 */
final class Reasons {
    private final String[] cpuOff;
    private final String[] noContinuation;
    private final String[] primaryNotTrapped;
    private final String[] lockSpin;
    private final String[][] unsaved;
    private final List<Map<String, String>> inHypervisor = new ArrayList<>();

    Reasons(SystemShape shape) {
        int cpus = shape.cpus();
        cpuOff = new String[cpus];
        noContinuation = new String[cpus];
        primaryNotTrapped = new String[cpus];
        for (int c = 0; c < cpus; c++) {
            cpuOff[c] = "CPU " + c + " is off";
            noContinuation[c] = "CPU " + c + " runs a guest: no continuation is pending";
            primaryNotTrapped[c] = "the primary runs on CPU " + c + ": WFI and IRQs are not trapped for it";
            inHypervisor.add(new HashMap<>());
        }
        int vms = shape.vmCount();
        lockSpin = new String[vms];
        unsaved = new String[vms][];
        for (int k = 0; k < vms; k++) {
            lockSpin[k] = "spins on vm.lock of VM " + k + ", held by a blocking receive on another CPU";
            unsaved[k] = new String[shape.vcpuCount(k)];
            for (int i = 0; i < unsaved[k].length; i++) {
                unsaved[k][i] = "save-before-publish: vcpu_run waits until the registers of <<" + k + ", " + i
                        + ">> are saved";
            }
        }
    }

    String cpuOff(int cpu) {
        return cpuOff[cpu];
    }

    String noContinuation(int cpu) {
        return noContinuation[cpu];
    }

    String primaryNotTrapped(int cpu) {
        return primaryNotTrapped[cpu];
    }

    String lockSpin(int vm) {
        return lockSpin[vm];
    }

    String unsaved(int vm, int idx) {
        return unsaved[vm][idx];
    }

    String inHypervisor(int cpu, CpuOp op) {
        return inHypervisor.get(cpu).computeIfAbsent(op.op(),
                name -> "CPU " + cpu + " is in the hypervisor (cpu_op " + name + "): continue it first");
    }
}
