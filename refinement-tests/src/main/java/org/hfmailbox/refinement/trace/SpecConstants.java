package org.hfmailbox.refinement.trace;

import java.util.List;

/**
 * The spec constants a trace fixes (its batching key): the system shape and the enabled corrections.
 * {@code vcpuCount.get(k)} is VM k's vCPU count; entry 0 equals {@code cpus}.
 */
public record SpecConstants(int cpus, List<Integer> vcpuCount, List<String> corrections) {
    public SpecConstants {
        vcpuCount = List.copyOf(vcpuCount);
        corrections = List.copyOf(corrections);
    }

    public int vmCount() {
        return vcpuCount.size();
    }

    /** The largest vCPU count of the shape (the bound of the abstract vcpu_idx argument). */
    public int maxVcpus() {
        return vcpuCount.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** A short stable name for files generated for these constants. */
    public String key() {
        StringBuilder b = new StringBuilder("c").append(cpus).append("_v");
        for (int i = 1; i < vcpuCount.size(); i++) {
            b.append(vcpuCount.get(i));
        }
        b.append("_k");
        for (String name : Corrections.ALL) {
            b.append(corrections.contains(name) ? '1' : '0');
        }
        return b.toString();
    }
}
