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
    /** Where the VMs' physical memory starts; VM k's region is {@code VM_REGION} bytes from {@code k * VM_REGION}. */
    public static final long GUEST_BASE = 0x4800_0000L;
    public static final long VM_REGION = 0x20_0000L;
    /** Pages that back a VM's own memory (its layout): the first MiB of its region. */
    public static final int VM_PAGES = 256;
    /** Level-3 tables a VM's layout may need (its pool of 14 stage-2 pages: L1, up to 4 L2, 8 + 1 L3). */
    public static final int VM_LAYOUT_BLOCKS = 8;
    /** Largest IPA + 1 of a VM's layout (32-bit IPA space). */
    public static final long IPA_LIMIT = 1L << 32;
    /** The guest program's private window (the same IPAs in every VM; never part of its memory in the model). */
    public static final long PRIV_IPA = 0xf000_0000L;
    public static final long PRIV_SIZE = 0x20_0000L;
    /** Input flags (IN_FLAGS). */
    public static final int IF_AIM_WINDOWS = 1;
    /** Self-test sabotages of the register handling (IN_SABOTAGE), one way each (layout.inc SAB_*). */
    public static final int SAB_NO_ZERO = 1;
    public static final int SAB_LOSE_X29 = 2;
    public static final int SAB_LOSE_X19 = 4;
    public static final int SAB_LOSE_TPIDR = 8;
    public static final int SAB_NO_ENTRY_SAVE = 16;
    public static final int MAX_CPUS = 8;
    public static final int MAX_VMS = 16;
    public static final int MAX_VCPUS = 8;
    public static final int MAX_PAYLOAD = 4096;
    public static final long MAGIC = 0x31504e4942464d48L;
    public static final int STEP_SIZE = 64;
    public static final int TRACE_HEADER_SIZE = 64 + 8 * MAX_VMS;
    /** The guest's EL1 exception report: its vector table executes {@code hvc #HVC_GUEST_FAULT}. */
    public static final int HVC_GUEST_FAULT = 0xe1;
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
     * Correction names in the bit order of the image: the order of docs/corrections.md.
     */
    public static final List<String> CORRECTIONS = List.of("save-before-publish", "retval-before-publish",
            "message-reports-sender", "block-on-mailbox", "wfi-wake-on-interrupt", "secondary-vcpu-on",
            "fifo-waiters", "block-only-when-deliverable");

    /** Step flags. */
    public static final int SEND_MAP_FAILS = 1;
    public static final int RECV_MAP_FAILS = 2;

    private El2Layout() {
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
