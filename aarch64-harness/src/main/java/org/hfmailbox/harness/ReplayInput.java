package org.hfmailbox.harness;

import java.util.List;

/**
 * One trace as the EL2 image takes it: the shape, the enabled corrections (bit mask, {@link El2Layout#CORRECTIONS}),
 * the x0 each vCPU starts with (VM-major, what a boot loader hands over) and the steps; or, free-running, a random
 * seed, a step budget and whether the CPUs run concurrently (contended, the default) or one step at a time under a
 * global lock (serialised). Immutable.
 */
public record ReplayInput(String name, int cpus, List<Integer> vcpuCount, long corrections, List<Long> initX0,
                          List<ReplayStep> steps, long randomSeed, int freeSteps, boolean serialised,
                          VmLayout layout, boolean aimWindows) {
    /** The largest free-running step budget: every step could fall on one CPU, whose record buffer must hold them. */
    public static final int MAX_FREE_STEPS = El2Layout.RECORD_BUFFER_BYTES / El2Layout.RECORD_MAX_BYTES - 64;

    /** A trace to replay, its VMs' memory as {@code layout} gives it. */
    public ReplayInput(String name, int cpus, List<Integer> vcpuCount, long corrections, List<Long> initX0,
                       List<ReplayStep> steps, VmLayout layout) {
        this(name, cpus, vcpuCount, corrections, initX0, steps, 0, 0, false, layout, false);
    }

    /** A trace to replay, its VMs' memory the reference's default layout. */
    public ReplayInput(String name, int cpus, List<Integer> vcpuCount, long corrections, List<Long> initX0,
                       List<ReplayStep> steps) {
        this(name, cpus, vcpuCount, corrections, initX0, steps, VmLayout.defaultFor(vcpuCount.size()));
    }

    /**
     * A contended free-running workload: about {@code freeSteps} steps (the budget, plus the few continuations in
     * flight when it runs out) chosen by the guests from {@code randomSeed}, the CPUs concurrent, register saves
     * delayed to aim at the windows (docs/harness.md).
     */
    public static ReplayInput freeRunning(String name, int cpus, List<Integer> vcpuCount, long corrections,
                                          long randomSeed, int freeSteps) {
        return new ReplayInput(name, cpus, vcpuCount, corrections, zeroInit(vcpuCount), List.of(), randomSeed,
                freeSteps, false, VmLayout.defaultFor(vcpuCount.size()), true);
    }

    /** A serialised free-running workload: exactly {@code freeSteps} steps, one at a time under a global lock. */
    public static ReplayInput freeRunningSerialised(String name, int cpus, List<Integer> vcpuCount, long corrections,
                                                    long randomSeed, int freeSteps) {
        return new ReplayInput(name, cpus, vcpuCount, corrections, zeroInit(vcpuCount), List.of(), randomSeed,
                freeSteps, true, VmLayout.defaultFor(vcpuCount.size()), false);
    }

    /** The same workload with the register saves delayed (contended free-running) or not. */
    public ReplayInput aimingWindows(boolean aim) {
        return new ReplayInput(name, cpus, vcpuCount, corrections, initX0, steps, randomSeed, freeSteps, serialised,
                layout, aim);
    }

    /** The input table mode (El2Layout.MODE_*). */
    public int mode() {
        return !isFreeRunning() ? El2Layout.MODE_REPLAY
                : serialised ? El2Layout.MODE_SERIALISED : El2Layout.MODE_CONTENDED;
    }

    public boolean isFreeRunning() {
        return freeSteps > 0;
    }

    public ReplayInput {
        vcpuCount = List.copyOf(vcpuCount);
        initX0 = List.copyOf(initX0);
        steps = List.copyOf(steps);
        if (freeSteps > MAX_FREE_STEPS) {
            throw new IllegalArgumentException("a free-running budget of " + freeSteps + " steps exceeds the image's "
                    + MAX_FREE_STEPS);
        }
        String problem = shapeProblem(cpus, vcpuCount);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (layout.vmCount() != vcpuCount.size()) {
            throw new IllegalArgumentException("the layout names " + layout.vmCount() + " VMs, the shape "
                    + vcpuCount.size());
        }
        int total = vcpuCount.stream().mapToInt(Integer::intValue).sum();
        if (initX0.size() != total) {
            throw new IllegalArgumentException("initX0 has " + initX0.size() + " values for " + total + " vCPUs");
        }
        for (ReplayStep s : steps) {
            if (s.cpu() < 0 || s.cpu() >= cpus) {
                throw new IllegalArgumentException("step on CPU " + s.cpu() + " outside the shape (cpus " + cpus + ")");
            }
            if (s.payloadLength() > El2Layout.MAX_PAYLOAD) {
                throw new IllegalArgumentException("payload of " + s.payloadLength() + " bytes exceeds a page");
            }
        }
    }

    /** Why a shape does not fit the EL2 image, or null when it does. */
    public static String shapeProblem(int cpus, List<Integer> vcpuCount) {
        if (cpus < 1 || cpus > El2Layout.MAX_CPUS) {
            return "cpus " + cpus + " is outside the EL2 image's 1.." + El2Layout.MAX_CPUS;
        }
        if (vcpuCount.isEmpty() || vcpuCount.size() > El2Layout.MAX_VMS) {
            return "vm count " + vcpuCount.size() + " is outside the EL2 image's 1.." + El2Layout.MAX_VMS;
        }
        if (vcpuCount.get(0) != cpus) {
            return "vcpu_count[0] is " + vcpuCount.get(0) + " but the primary has one vCPU per CPU (" + cpus + ")";
        }
        for (int k = 0; k < vcpuCount.size(); k++) {
            int n = vcpuCount.get(k);
            if (n < 1 || n > El2Layout.MAX_VCPUS) {
                return "vcpu_count[" + k + "] = " + n + " is outside the EL2 image's 1.." + El2Layout.MAX_VCPUS;
            }
        }
        return null;
    }

    /** The initial x0 of every vCPU zero, as Hafnium's vcpu_init leaves it. */
    public static List<Long> zeroInit(List<Integer> vcpuCount) {
        int total = vcpuCount.stream().mapToInt(Integer::intValue).sum();
        return java.util.Collections.nCopies(total, 0L);
    }
}
