package org.hfmailbox.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hfmailbox.reference.abi.HfAbi;

/**
 * Real guest memory: 4096-byte pages per VM, allocated on first touch, restricted to the VM's
 * {@link MemoryLayout}. A guest reads and writes its own pages only. {@link #reset()} returns every page to zero
 * (lazily: a page written before the reset is zeroed, over the extent that was written, when it is next touched),
 * so a reused memory is indistinguishable from a new one.
 */
public final class GuestMemory {
    private static final int PAGE = HfAbi.PAGE_SIZE;

    /** One page, how far into it anything was written (the extent to zero), and the reset epoch of its bytes. */
    private static final class Page {
        final byte[] bytes = new byte[PAGE];
        int written;
        long epoch;

        Page(long epoch) {
            this.epoch = epoch;
        }

        void touched(int end) {
            if (end > written) {
                written = end;
            }
        }
    }

    private final MemoryLayout layout;
    /** Per VM: page number (IPA / 4096) to page. */
    private final List<Map<Long, Page>> pages = new ArrayList<>();
    private long epoch;

    public GuestMemory(MemoryLayout layout) {
        this.layout = layout;
        for (int k = 0; k < layout.vmCount(); k++) {
            pages.add(new HashMap<>());
        }
    }

    public MemoryLayout layout() {
        return layout;
    }

    /** All memory back to zero, as at boot. */
    public void reset() {
        epoch++;
    }

    private Page pageAt(int vm, long ipa) {
        return pageAt(vm, ipa, 0, 0);
    }

    /**
     * The page holding {@code ipa}, zeroed if it was written before the last reset, except for the bytes
     * {@code [from, to)} which the caller is about to overwrite.
     */
    private Page pageAt(int vm, long ipa, int from, int to) {
        Long number = ipa >>> 12;
        Map<Long, Page> m = pages.get(vm);
        Page p = m.get(number);
        if (p == null) {
            p = new Page(epoch);
            m.put(number, p);
        } else if (p.epoch != epoch) {
            if (from < p.written) {
                Arrays.fill(p.bytes, 0, from, (byte) 0);
                if (to < p.written) {
                    Arrays.fill(p.bytes, to, p.written, (byte) 0);
                }
            } else {
                Arrays.fill(p.bytes, 0, p.written, (byte) 0);
            }
            p.written = 0;
            p.epoch = epoch;
        }
        return p;
    }

    /**
     * Copies {@code n} bytes (0..4096) from the page at {@code fromIpa} of VM {@code fromVm} to the page at
     * {@code toIpa} of VM {@code toVm}: the hypervisor's copy of a message. Both addresses are page-aligned and
     * mapped (configured mailbox pages).
     */
    void copyPage(int fromVm, long fromIpa, int toVm, long toIpa, int n) {
        Page dst = pageAt(toVm, toIpa, 0, n);
        System.arraycopy(pageAt(fromVm, fromIpa).bytes, 0, dst.bytes, 0, n);
        dst.touched(n);
    }

    /** The page array holding {@code ipa} of VM {@code vm}, for reading only (the trace's payload). */
    byte[] pageForReading(int vm, long ipa) {
        return pageAt(vm, ipa).bytes;
    }

    /** Writes bytes at {@code ipa} in VM {@code vm}'s memory; IllegalArgumentException if any byte is unmapped. */
    public void write(int vm, long ipa, byte[] bytes) {
        checkRange(vm, ipa, bytes.length);
        for (int done = 0; done < bytes.length; ) {
            long a = ipa + done;
            int off = (int) (a & (PAGE - 1));
            int n = Math.min(PAGE - off, bytes.length - done);
            Page p = pageAt(vm, a, off, off + n);
            System.arraycopy(bytes, done, p.bytes, off, n);
            p.touched(off + n);
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
            System.arraycopy(pageAt(vm, a).bytes, off, out, done, n);
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
