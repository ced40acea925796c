package org.hfmailbox.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hfmailbox.reference.abi.HfAbi;

/**
 * Real guest memory: 4096-byte pages per VM, allocated on first touch, restricted to the VM's
 * {@link MemoryLayout}. A guest reads and writes its own pages only.
 */
public final class GuestMemory {
    private static final int PAGE = HfAbi.PAGE_SIZE;

    private final MemoryLayout layout;
    private final List<Map<Long, byte[]>> pages = new ArrayList<>();

    public GuestMemory(MemoryLayout layout) {
        this.layout = layout;
        for (int k = 0; k < layout.vmCount(); k++) {
            pages.add(new HashMap<>());
        }
    }

    public MemoryLayout layout() {
        return layout;
    }

    /** The page holding {@code ipa} of VM {@code vm}; the address must be mapped. */
    public byte[] page(int vm, long ipa) {
        long pageIpa = ipa & ~(long) (PAGE - 1);
        return pages.get(vm).computeIfAbsent(pageIpa, a -> new byte[PAGE]);
    }

    /** Writes bytes at {@code ipa} in VM {@code vm}'s memory; IllegalArgumentException if any byte is unmapped. */
    public void write(int vm, long ipa, byte[] bytes) {
        checkRange(vm, ipa, bytes.length);
        for (int done = 0; done < bytes.length; ) {
            long a = ipa + done;
            int off = (int) (a & (PAGE - 1));
            int n = Math.min(PAGE - off, bytes.length - done);
            System.arraycopy(bytes, done, page(vm, a), off, n);
            done += n;
        }
    }

    /** Reads {@code length} bytes at {@code ipa} of VM {@code vm}; IllegalArgumentException if any is unmapped. */
    public byte[] read(int vm, long ipa, int length) {
        checkRange(vm, ipa, length);
        byte[] out = new byte[length];
        for (int done = 0; done < length; ) {
            long a = ipa + done;
            int off = (int) (a & (PAGE - 1));
            int n = Math.min(PAGE - off, length - done);
            System.arraycopy(page(vm, a), off, out, done, n);
            done += n;
        }
        return out;
    }

    private void checkRange(int vm, long ipa, int length) {
        if (vm < 0 || vm >= layout.vmCount()) {
            throw new IllegalArgumentException("no VM " + vm);
        }
        if (length < 0 || ipa < 0 || ipa + length < ipa) {
            throw new IllegalArgumentException(String.format("bad guest memory range 0x%x + %d", ipa, length));
        }
        for (long a = ipa & ~(long) (PAGE - 1); a < ipa + length; a += PAGE) {
            if (!layout.isMapped(vm, a)) {
                throw new IllegalArgumentException(String.format("VM %d does not own address 0x%x", vm, a));
            }
        }
        if (length == 0 && !layout.isMapped(vm, ipa)) {
            throw new IllegalArgumentException(String.format("VM %d does not own address 0x%x", vm, ipa));
        }
    }
}
