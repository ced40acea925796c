package org.hfmailbox.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hfmailbox.reference.MemoryLayout;
import org.hfmailbox.reference.MemoryRange;

/**
 * The VMs' memory as a trace's reference saw it: per VM its page-aligned IPA ranges. The EL2 image builds each VM's
 * stage 2 from it, so vm_configure's checks see the same memory as the reference's. Immutable.
 */
public record VmLayout(List<List<MemoryRange>> ranges) {
    public VmLayout {
        List<List<MemoryRange>> copy = new ArrayList<>();
        for (List<MemoryRange> r : ranges) {
            copy.add(List.copyOf(r));
        }
        ranges = List.copyOf(copy);
    }

    /** The reference's default layout (1 MiB per VM, 16 MiB apart from 0x40000000). */
    public static VmLayout defaultFor(int vmCount) {
        return of(MemoryLayout.defaultLayout(vmCount));
    }

    public static VmLayout of(MemoryLayout layout) {
        List<List<MemoryRange>> r = new ArrayList<>();
        for (int k = 0; k < layout.vmCount(); k++) {
            r.add(layout.ranges(k));
        }
        return new VmLayout(r);
    }

    public int vmCount() {
        return ranges.size();
    }

    /** The IPA of VM k's first page (where its guest's send page is when it configures the reference's way). */
    public long firstPage(int vm) {
        return ranges.get(vm).isEmpty() ? 0 : ranges.get(vm).get(0).base();
    }

    /** Why the EL2 image cannot back this layout, or null when it can. */
    public String problem() {
        for (int k = 0; k < ranges.size(); k++) {
            long pages = 0;
            Set<Long> blocks = new TreeSet<>();
            for (MemoryRange r : ranges.get(k)) {
                long end = r.base() + r.size();
                if (Long.compareUnsigned(end, El2Layout.IPA_LIMIT) > 0) {
                    return "VM " + k + "'s memory ends above the EL2 image's 4 GiB IPA space";
                }
                if (r.base() < El2Layout.PRIV_IPA + El2Layout.PRIV_SIZE && end > El2Layout.PRIV_IPA) {
                    return String.format("VM %d's memory overlaps the guest program's private window 0x%x..0x%x",
                            k, El2Layout.PRIV_IPA, El2Layout.PRIV_IPA + El2Layout.PRIV_SIZE);
                }
                pages += r.size() / 4096;
                for (long b = r.base() >>> 21; b <= (end - 1) >>> 21; b++) {
                    blocks.add(b);
                }
            }
            if (pages > El2Layout.VM_PAGES) {
                return "VM " + k + " owns " + pages + " pages; the EL2 image backs at most " + El2Layout.VM_PAGES;
            }
            if (blocks.size() > El2Layout.VM_LAYOUT_BLOCKS) {
                return "VM " + k + "'s memory touches " + blocks.size() + " 2 MiB blocks; the EL2 image's stage-2 "
                        + "pool covers " + El2Layout.VM_LAYOUT_BLOCKS;
            }
        }
        return null;
    }

    /** The input table's words: per VM the range count, then (IPA, pages) per range. */
    public long[] words() {
        List<Long> w = new ArrayList<>();
        for (List<MemoryRange> vm : ranges) {
            w.add((long) vm.size());
            for (MemoryRange r : vm) {
                w.add(r.base());
                w.add(r.size() / 4096);
            }
        }
        return w.stream().mapToLong(Long::longValue).toArray();
    }
}
