package org.hfmailbox.harness;

/** How a step reaches the EL2 code: the codes of the input table (layout.inc K_*). */
public enum StepKind {
    /** The CPU's pending continuation or CPU-level step (cpu_main, vcpu_switch, mailbox_send_deliver, ...). */
    CONT(0),
    /** The current guest executes {@code hvc #0} with the step's x0..x3. */
    HVC(1),
    /** The current guest executes {@code wfi} (trapped by HCR_EL2.TWI). */
    WFI(2),
    /** The current guest executes {@code smc #0} (trapped by HCR_EL2.TSC). */
    SMC(3),
    /** A physical IRQ while the guest runs: EL2 sends itself an SGI and enters the guest, which the GIC's IRQ
     * preempts (api_yield). */
    IRQ(4),
    /** The current guest loads from the address in x1 (the isolation test); if it does not fault, it then makes a
     * vm_get_count HVC. */
    TOUCH(5),
    /** Self-test: the EL2 code makes a misaligned load, which SCTLR_EL2.A turns into a fatal EL2 exception. */
    EL2_ALIGNMENT_SELFTEST(6),
    /** The current guest executes an FP instruction (a secondary's traps to EL2: CPTR_EL2.TFP); if it does not
     * trap, the guest then makes a vm_get_count HVC. */
    FP(7),
    /** Self-test of the watchdog: the EL2 code takes the vm.lock of VM x1 and keeps it. */
    HOLD_LOCK_SELFTEST(8);

    private final int code;

    StepKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
