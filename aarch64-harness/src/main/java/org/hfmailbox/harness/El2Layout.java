package org.hfmailbox.harness;

import java.util.List;

/**
 * The EL2 image's fixed layout and limits, mirrored from {@code src/main/asm/layout.inc} (keep the two equal):
 * where the driver loads its input table, where each VM's memory lies, and the largest shape the image holds.
 */
public final class El2Layout {
    /** Physical address the input table is loaded at ({@code -device loader}). */
    public static final long INPUT_BASE = 0x4400_0000L;
    /** Largest input table: it must end below the first VM region. */
    public static final long INPUT_LIMIT = 0x0400_0000L;
    public static final long GUEST_BASE = 0x4800_0000L;
    public static final long VM_REGION = 0x20_0000L;
    public static final long SEND_PAGE = 0x2000L;
    public static final long RECV_PAGE = 0x3000L;
    /** An IPA inside the VM's 2 MiB region that its stage 2 does not map. */
    public static final long UNMAPPED = 0x10_0000L;
    public static final int MAX_CPUS = 8;
    public static final int MAX_VMS = 16;
    public static final int MAX_VCPUS = 8;
    public static final int MAX_PAYLOAD = 4096;
    public static final long MAGIC = 0x31504e4942464d48L;
    public static final int STEP_SIZE = 64;
    public static final int TRACE_HEADER_SIZE = 64 + 8 * MAX_VMS;
    /** Contended free-running: each CPU's event record buffer (RECBUF_SIZE) and the largest record (REC_MAX_WORDS). */
    public static final int RECORD_BUFFER_BYTES = 1 << 20;
    public static final int RECORD_MAX_BYTES = 8 * 64;
    /** Input table modes (IN_MODE). */
    public static final int MODE_REPLAY = 0;
    public static final int MODE_SERIALISED = 1;
    public static final int MODE_CONTENDED = 2;
    /**
     * Contended mode: iterations a CPU spins right after taking a lock (IN_HOLD_SPIN), so that lock regions are
     * long enough to be found held on a loaded host; timing only (spinlock.S).
     */
    public static final long CONTENDED_HOLD_SPIN = Long.getLong("hfmailbox.holdSpin", 8000);

    /**
     * Correction names in the bit order of the image: the order of docs/corrections.md, then (bit 8, transitional)
     * the replaced {@code wfi-wake-on-run}, which the image keeps only while the reference still writes it in its
     * traces' headers (issue 10); a trace names one or the other, never both.
     */
    public static final List<String> CORRECTIONS = List.of("save-before-publish", "retval-before-publish",
            "message-reports-sender", "block-on-mailbox", "wfi-wake-on-interrupt", "secondary-vcpu-on",
            "fifo-waiters", "block-only-when-deliverable", "wfi-wake-on-run");

    /** Step flags. */
    public static final int SEND_MAP_FAILS = 1;
    public static final int RECV_MAP_FAILS = 2;

    private El2Layout() {
    }

    /** The IPA (= PA) of VM {@code vm}'s memory, where its guest program starts. */
    public static long vmBase(int vm) {
        return GUEST_BASE + vm * VM_REGION;
    }

    /** The correction bits of the reference's {@code corrected} semantics. */
    public static long correctedBits() {
        return correctionBits(org.hfmailbox.reference.Semantics.corrected().names());
    }

    /** The correction bit mask of a list of correction names; -1 when a name is unknown. */
    public static long correctionBits(List<String> names) {
        long bits = 0;
        for (String n : names) {
            int i = CORRECTIONS.indexOf(n);
            if (i < 0) {
                return -1;
            }
            bits |= 1L << i;
        }
        return bits;
    }
}
