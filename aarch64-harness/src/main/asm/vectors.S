// vectors.S: the EL2 vector table. Lower-EL synchronous exceptions and IRQs save the guest's live registers
// into the CPU's frame and go to the dispatcher; every exception taken at EL2 itself is fatal: it prints
// ESR_EL2, ELR_EL2 and FAR_EL2 on the UART, records them and ends the run with exit status 3.
.include "layout.inc"

// save_frame: the vector prologue: x0..x30, ELR_EL2, SPSR_EL2 into the live frame of this CPU (the guest's EL1
// system registers and SP_EL1 stay in the hardware until the register save, switch.S).
.macro save_frame
    stp     x0, x1, [sp, #-16]!
    mrs     x0, tpidr_el2
    add     x0, x0, #CPU_FRAME
    stp     x2, x3, [x0, #16]
    stp     x4, x5, [x0, #32]
    stp     x6, x7, [x0, #48]
    stp     x8, x9, [x0, #64]
    stp     x10, x11, [x0, #80]
    stp     x12, x13, [x0, #96]
    stp     x14, x15, [x0, #112]
    stp     x16, x17, [x0, #128]
    stp     x18, x19, [x0, #144]
    stp     x20, x21, [x0, #160]
    stp     x22, x23, [x0, #176]
    stp     x24, x25, [x0, #192]
    stp     x26, x27, [x0, #208]
    stp     x28, x29, [x0, #224]
    str     x30, [x0, #240]
    ldp     x2, x3, [sp], #16
    stp     x2, x3, [x0]
    mrs     x1, elr_el2
    mrs     x2, spsr_el2
    stp     x1, x2, [x0, #R_ELR]
.endm

.macro fatal_entry kind
    mov     x0, #\kind
    b       el2_fatal
.endm

.section .text.vectors, "ax"
.balign 2048
.global vector_table_el2
vector_table_el2:
// current EL, SP0
.balign 0x80
    fatal_entry 0
.balign 0x80
    fatal_entry 1
.balign 0x80
    fatal_entry 2
.balign 0x80
    fatal_entry 3
// current EL, SPx
.balign 0x80
    fatal_entry 4
.balign 0x80
    fatal_entry 5
.balign 0x80
    fatal_entry 6
.balign 0x80
    fatal_entry 7
// lower EL, AArch64
.balign 0x80
    save_frame
    b       lower_sync
.balign 0x80
    save_frame
    b       lower_irq
.balign 0x80
    fatal_entry 10
.balign 0x80
    fatal_entry 11
// lower EL, AArch32
.balign 0x80
    fatal_entry 12
.balign 0x80
    fatal_entry 13
.balign 0x80
    fatal_entry 14
.balign 0x80
    fatal_entry 15

.text
// el2_fatal: an exception the EL2 code must never take. Prints the vector, ESR_EL2, ELR_EL2, FAR_EL2, records
// them (FATAL record), flushes the events and exits QEMU with status 3.
//   in:  x0 = vector number; out: does not return
.global el2_fatal
el2_fatal:
    mrs     x19, esr_el2
    mrs     x20, elr_el2
    mrs     x21, far_el2
    mrs     x22, spsr_el2
    mov     x23, x0
    mrs     x24, tpidr_el2
    ldr     x0, [x24, #CPU_STACK_TOP]
    mov     sp, x0
    bl      uart_lock
    ldr     x0, =msg_fatal
    bl      uart_puts
    mov     x0, x23
    bl      uart_hex
    ldr     x0, =msg_esr
    bl      uart_puts
    mov     x0, x19
    bl      uart_hex
    ldr     x0, =msg_elr
    bl      uart_puts
    mov     x0, x20
    bl      uart_hex
    ldr     x0, =msg_far
    bl      uart_puts
    mov     x0, x21
    bl      uart_hex
    mov     w0, #'\n'
    bl      uart_putc
    mov     x0, x19
    mov     x1, x20
    mov     x2, x21
    mov     x3, x22
    ldr     x4, [x24, #CPU_ID]
    bl      emit_fatal
    bl      ev_flush
    mov     x0, #3
    b       semi_exit

// lower_sync: a synchronous exception from a guest (frame saved). Aborts end the trace at once. Otherwise the
// guest's register check is taken over into the step (CPU_CHECK), then EL2 dispatches on ESR_EL2.EC as Hafnium
// does: HVC (0x16) takes the fast path (the registers stay in the frame; hvc #HVC_GUEST_FAULT is the guest's report
// of its own EL1 exception); a trapped SMC (0x17) and WFI (0x01) take the slow path, which saves the volatile
// registers (x0..x18, x29, x30, ELR_EL2, SPSR_EL2) into the vCPU's buffer at once (switch.S entry_save); FP
// (0x07) and anything else end the trace (Hafnium would lose the CPU: X4). Replay checks that the exception fits
// the step; free-running records the registers the guest really passed.
//   in: none; out: branches to a handler or to trace_error
lower_sync:
    mrs     x19, tpidr_el2
    ldr     x0, [x19, #CPU_STACK_TOP]
    mov     sp, x0
    mrs     x25, esr_el2
    lsr     x26, x25, #26                 // EC
    bl      current_step                  // x0 = step
    mov     x20, x0
    ldr     x21, [x19, #CPU_CURRENT]
    cmp     x26, #0x24
    b.eq    guest_abort
    cmp     x26, #0x20
    b.eq    guest_abort
    bl      guest_check_take
    mov     x0, #0                        // the step kind the exception is
    cmp     x26, #0x16
    b.ne    1f
    and     x1, x25, #0xffff              // the HVC immediate
    cmp     x1, #HVC_GUEST_FAULT
    b.eq    guest_fault
    mov     x0, #K_HVC
1:  cmp     x26, #0x17
    b.ne    2f
    mov     x0, #K_SMC
2:  cmp     x26, #0x01
    b.ne    3f
    tbnz    x25, #0, unexpected_lower     // WFE: guests never execute it
    mov     x0, #K_WFI
3:  cbz     x0, unexpected_lower          // FP trap (0x07) and every other class
    bl      step_kind_check               // replay: the step's kind; free-running: record kind and registers
    mov     x0, #1
    str     x0, [x21, #VCPU_AT_RETURN]    // it resumes at the instruction after its trap
    cmp     x26, #0x16
    b.eq    hvc_handler
    ldr     x0, [x19, #(CPU_FRAME + R_ELR)]
    cmp     x26, #0x01
    b.ne    4f
    ldr     x1, =g_corrections            // a WFI: at aa039b39 the PC stays on it (nothing resumes the vCPU);
    ldr     x1, [x1]                      // with wfi-wake-on-interrupt the WFI completes when the vCPU is woken,
    tbz     x1, #C_WFI_WAKE_ON_INTERRUPT, 5f  // so its PC is past it (as later Hafnium skips it at the trap)
4:  add     x0, x0, #4                    // a trapped SMC returns after the instruction
    str     x0, [x19, #(CPU_FRAME + R_ELR)]
5:  mov     x0, x21
    bl      entry_save                    // slow path: the volatile registers into the buffer now
    cmp     x26, #0x01
    b.eq    wfi_trap
    mov     x0, #1
    str     x0, [x19, #CPU_SLOW]
    b       smc_handler

// step_kind_check: the exception is a step of kind x0. Replay: it must be the step's kind (a load or FP test step
// ends in an HVC); a mismatch ends the trace. Free-running: the step record takes the kind and the registers the
// guest really trapped with (a command may have been chosen by another CPU before the vCPU moved here).
//   in: x0 = kind, x19 = cpu, x20 = step; out: returns, or branches to kind_mismatch; clobbers x0-x3
step_kind_check:
    ldr     x1, =g_mode
    ldr     x1, [x1]
    cbz     x1, 1f
    strb    w0, [x20, #ST_KIND]
    ldp     x2, x3, [x19, #CPU_FRAME]
    stp     x2, x3, [x20, #ST_X0]
    ldp     x2, x3, [x19, #(CPU_FRAME + 16)]
    stp     x2, x3, [x20, #ST_X2]
    ret
1:  ldrb    w1, [x20, #ST_KIND]
    cmp     w1, w0
    b.eq    2f
    cmp     x0, #K_HVC                    // the load and FP tests end with an HVC
    b.ne    kind_mismatch
    cmp     w1, #K_TOUCH
    b.eq    2f
    cmp     w1, #K_FP
    b.ne    kind_mismatch
2:  ret

// guest_check_take: the guest's check of its registers after its last resume (guest.S), and EL2's own: the x0 it
// saw (CMD_OBS) is the x0 EL2 delivered (VCPU_DELIVERED, guest_enter). The first difference becomes CPU_CHECK
// (register id + 1), which the step's event carries; the slot's flag is cleared. Not a failure by itself: a vCPU
// resumed from an unsaved context (aa039b39) finds its registers changed; the driver decides (TraceComparator).
//   in: x19 = cpu, x21 = current vCPU; out: none; clobbers x0-x3
guest_check_take:
    ldr     x0, [x21, #VCPU_CMD]
    ldr     x1, [x0, #CMD_ERR]
    cbz     x1, 1f
    str     xzr, [x0, #CMD_ERR]
    b       2f
1:  ldr     x2, [x0, #CMD_OBS]
    ldr     x3, [x21, #VCPU_DELIVERED]
    cmp     x2, x3
    b.eq    2f
    mov     x1, #(GR_X0_SEEN + 1)
2:  str     x1, [x19, #CPU_CHECK]
    ret

guest_abort:
    mov     x0, x21
    bl      vcpu_ref
    mov     x4, x0
    mov     x0, #ERR_GUEST_ABORT
    mov     x1, x25
    mrs     x2, far_el2
    mrs     x3, hpfar_el2
    lsl     x3, x3, #8                    // HPFAR holds IPA[47:12] in bits [39:4]
    b       trace_error

// guest_fault: the guest's own EL1 exception, reported by its vector table: ESR_EL1, FAR_EL1 and ELR_EL1 are still
// the guest's (EL2 does not touch them).
guest_fault:
    mov     x0, x21
    bl      vcpu_ref
    mov     x4, x0
    mov     x0, #ERR_GUEST_FAULT
    mrs     x1, esr_el1
    mrs     x2, far_el1
    mrs     x3, elr_el1
    b       trace_error

unexpected_lower:
    mov     x0, #ERR_LOWER_EXC
    mov     x1, x25
    ldr     x2, [x19, #(CPU_FRAME + R_ELR)]
    mrs     x3, far_el2
    mov     x4, #0
    b       trace_error

kind_mismatch:
    mov     x0, #ERR_STEP_KIND
    ldr     x1, [x19, #CPU_OP]
    ldrb    w2, [x20, #ST_KIND]
    mov     x3, x26                       // the EC that arrived
    ldr     x4, [x19, #CPU_ID]
    b       trace_error

// lower_irq: a physical IRQ while a secondary runs (HCR_EL2.IMO; the primary's IRQs stay at its EL1, masked):
// acknowledge it at the GIC, save the volatile registers (slow path) and yield (api_yield). Replay: the step must
// be an IRQ step (EL2 armed its timer); free-running: an SGI from any CPU.
//   in: none; out: branches to api_yield, guest_enter (spurious) or trace_error
lower_irq:
    mrs     x19, tpidr_el2
    ldr     x0, [x19, #CPU_STACK_TOP]
    mov     sp, x0
    bl      gic_ack                       // x0 = interrupt id, 1023 spurious
    cmp     x0, #1023
    b.eq    guest_enter
    bl      timer_stop                    // the timer's IRQ (replay) is one-shot
    bl      current_step
    mov     x20, x0
    ldr     x21, [x19, #CPU_CURRENT]
    ldr     x1, =g_mode
    ldr     x1, [x1]
    cbnz    x1, 1f
    ldrb    w1, [x20, #ST_KIND]
    cmp     w1, #K_IRQ
    b.eq    2f
    mov     x26, #0                       // an IRQ the step did not raise
    b       kind_mismatch
1:  mov     w1, #K_IRQ                    // free-running: an IRQ step, no registers
    strb    w1, [x20, #ST_KIND]
    stp     xzr, xzr, [x20, #ST_X0]
    stp     xzr, xzr, [x20, #ST_X2]
2:  mov     x0, x21
    bl      entry_save
    b       api_yield

.section .rodata
msg_fatal: .asciz "EL2 FATAL: unexpected exception at EL2, vector "
msg_esr:   .asciz " ESR_EL2="
msg_elr:   .asciz " ELR_EL2="
msg_far:   .asciz " FAR_EL2="
