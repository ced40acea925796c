package org.hfmailbox.reference;

import java.util.List;

/**
 * The system shape {@code {"cpus": N, "vcpu_count": [N, c1, c2, ...]}}: physical CPUs 0..N-1 and the vCPU count of
 * every VM id (the primary's equal to N). Immutable.
 */
public record SystemShape(int cpus, List<Integer> vcpuCount) {
    /** MAX_CPUS of Hafnium's build. */
    public static final int MAX_CPUS = 8;
    /** MAX_VMS of Hafnium's build. */
    public static final int MAX_VMS = 16;
    /** An upper bound on a secondary's vCPU count accepted here (Hafnium does not check it; we keep arrays small). */
    public static final int MAX_SECONDARY_VCPUS = 64;

    public SystemShape {
        vcpuCount = List.copyOf(vcpuCount);
        String problem = problem(cpus, vcpuCount);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Why a shape is invalid, or null when it is valid. */
    public static String problem(int cpus, List<Integer> vcpuCount) {
        if (cpus < 1 || cpus > MAX_CPUS) {
            return "cpus must be 1.." + MAX_CPUS + ", got " + cpus;
        }
        if (vcpuCount.isEmpty() || vcpuCount.size() > MAX_VMS) {
            return "vcpu_count must list 1.." + MAX_VMS + " VMs, got " + vcpuCount.size();
        }
        if (vcpuCount.get(0) != cpus) {
            return "vcpu_count[0] (the primary) must equal cpus = " + cpus + ", got " + vcpuCount.get(0);
        }
        for (int k = 1; k < vcpuCount.size(); k++) {
            int n = vcpuCount.get(k);
            if (n < 1 || n > MAX_SECONDARY_VCPUS) {
                return "vcpu_count[" + k + "] must be 1.." + MAX_SECONDARY_VCPUS + ", got " + n;
            }
        }
        return null;
    }

    /** The {@code default} shape: 2 CPUs, vcpu_count [2, 2, 1]. */
    public static SystemShape defaultShape() {
        return new SystemShape(2, List.of(2, 2, 1));
    }

    public static SystemShape of(int cpus, int... secondaryVcpus) {
        Integer[] all = new Integer[secondaryVcpus.length + 1];
        all[0] = cpus;
        for (int i = 0; i < secondaryVcpus.length; i++) {
            all[i + 1] = secondaryVcpus[i];
        }
        return new SystemShape(cpus, List.of(all));
    }

    public int vmCount() {
        return vcpuCount.size();
    }

    public int vcpuCount(int vm) {
        return vcpuCount.get(vm);
    }

    /** MaxVCPUs: the largest vCPU count of the shape (the bound of the abstract {@code vcpu_idx}). */
    public int maxVcpus() {
        int max = 0;
        for (int n : vcpuCount) {
            max = Math.max(max, n);
        }
        return max;
    }

    @Override
    public String toString() {
        return "{\"cpus\":" + cpus + ",\"vcpu_count\":" + vcpuCount.toString().replace(" ", "") + "}";
    }
}
