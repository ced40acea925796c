package org.hfmailbox.reference.abi;

/**
 * Hafnium's hypercall ABI constants at commit aa039b39 (semantics page §1.4, §1.6): the function ids of the
 * Hafnium dispatch and the named values of {@code inc/vmapi/hf/call.h}.
 */
public final class HfAbi {
    private HfAbi() {
    }

    public static final int HF_VCPU_RUN = 0xff00;
    public static final int HF_VM_GET_COUNT = 0xff01;
    public static final int HF_VCPU_GET_COUNT = 0xff02;
    public static final int HF_VM_CONFIGURE = 0xff03;
    public static final int HF_MAILBOX_SEND = 0xff04;
    public static final int HF_MAILBOX_RECEIVE = 0xff05;
    public static final int HF_MAILBOX_CLEAR = 0xff06;
    /** Later Hafnium's HF_INTERRUPT_INJECT; dispatched only with wfi-wake-on-interrupt (else an unknown id). */
    public static final int HF_INTERRUPT_INJECT = 0xff07;

    public static final int HF_PRIMARY_VM_ID = 0;
    public static final int HF_MAILBOX_SIZE = 4096;
    public static final int PAGE_SIZE = 4096;
    public static final int HF_INVALID_VCPU = 0xffff;
    public static final int HF_INVALID_VM_ID = 0xffff;

    /** Bit 30 of a function id: the SMC64 calling-convention bit, masked by the dispatch. */
    public static final int SMC64_BIT = 1 << 30;

    /** The function id the dispatch actually compares: {@code (u32)x0} with bit 30 cleared. */
    public static int functionId(long x0) {
        return ((int) x0) & ~SMC64_BIT;
    }

    /** The 64-bit two's-complement form of a signed return, e.g. -1 = 0xffffffffffffffff. */
    public static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0x" + "0000000000000000".substring(digits.length()) + digits;
    }
}
