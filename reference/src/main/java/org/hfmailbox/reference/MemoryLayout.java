package org.hfmailbox.reference;

import java.util.ArrayList;
import java.util.List;

/**
 * Guest memory layout: per VM id, the page-aligned IPA ranges it owns. Identity-mapped (IPA = PA) as at aa039b39,
 * so ranges of different VMs never overlap. Immutable.
 */
public final class MemoryLayout {
    /** Base of the default layout; VM k owns {@code [DEFAULT_BASE + k * DEFAULT_STRIDE, + DEFAULT_SIZE)}. */
    public static final long DEFAULT_BASE = 0x4000_0000L;
    public static final long DEFAULT_STRIDE = 0x0100_0000L;
    public static final long DEFAULT_SIZE = 0x0010_0000L;

    private final List<List<MemoryRange>> ranges;

    private MemoryLayout(List<List<MemoryRange>> ranges) {
        List<List<MemoryRange>> copy = new ArrayList<>();
        for (List<MemoryRange> r : ranges) {
            copy.add(List.copyOf(r));
        }
        this.ranges = List.copyOf(copy);
        String problem = overlapProblem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** The default layout for {@code vmCount} VMs: 1 MiB (256 pages) each, 16 MiB apart. */
    public static MemoryLayout defaultLayout(int vmCount) {
        List<List<MemoryRange>> r = new ArrayList<>();
        for (int k = 0; k < vmCount; k++) {
            r.add(List.of(new MemoryRange(defaultBase(k), DEFAULT_SIZE)));
        }
        return new MemoryLayout(r);
    }

    public static long defaultBase(int vm) {
        return DEFAULT_BASE + vm * DEFAULT_STRIDE;
    }

    /** A layout from explicit ranges per VM (index = VM id); a VM with no range owns no memory. */
    public static MemoryLayout of(List<List<MemoryRange>> ranges) {
        return new MemoryLayout(ranges);
    }

    public int vmCount() {
        return ranges.size();
    }

    public List<MemoryRange> ranges(int vm) {
        return ranges.get(vm);
    }

    /** Whether the page holding {@code ipa} is mapped in VM {@code vm}'s stage 2. */
    public boolean isMapped(int vm, long ipa) {
        for (MemoryRange r : ranges.get(vm)) {
            if (r.contains(ipa)) {
                return true;
            }
        }
        return false;
    }

    private String overlapProblem() {
        for (int a = 0; a < ranges.size(); a++) {
            for (int b = a; b < ranges.size(); b++) {
                List<MemoryRange> ra = ranges.get(a);
                List<MemoryRange> rb = ranges.get(b);
                for (int i = 0; i < ra.size(); i++) {
                    for (int j = (a == b ? i + 1 : 0); j < rb.size(); j++) {
                        if (ra.get(i).overlaps(rb.get(j))) {
                            return "memory ranges overlap: VM " + a + " and VM " + b;
                        }
                    }
                }
            }
        }
        return null;
    }
}
