// vectors.S: the EL2 vector table. Lower-EL synchronous exceptions and IRQs save the guest's live registers
// into the CPU's frame and go to the dispatcher; every exception taken at EL2 itself is fatal: it prints
// ESR_EL2, ELR_EL2 and FAR_EL2 on the UART, records them and ends the run with exit status 3.
.include "layout.inc"

// save_frame: the vector prologue: x0..x30, SP_EL1, ELR_EL2, SPSR_EL2 into the live frame of this CPU.
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
    mrs     x1, sp_el1
    str     x1, [x0, #R_SP_EL1]
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

// lower_sync: a synchronous exception from a guest (frame saved). Checks the guest's own register check, then
// dispatches on ESR_EL2.EC: HVC (0x16), trapped SMC (0x17), WFI (0x01); aborts and anything else end the trace
// with a report (Hafnium would lose the CPU: X4).
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
    // aborts first: the guest may have faulted before it could store its check words
    cmp     x26, #0x24
    b.eq    guest_abort
    cmp     x26, #0x20
    b.eq    guest_abort
    // the guest's check: its callee-saved signature and the x0 it observed
    ldr     x0, [x21, #VCPU_CMD]
    ldr     x1, [x0, #CMD_ERR]
    ldr     x2, [x0, #CMD_OBS]
    ldr     x3, [x21, #VCPU_DELIVERED]
    cbnz    x1, guest_check_failed
    cmp     x2, x3
    b.ne    guest_check_failed
    ldrb    w1, [x20, #ST_KIND]
    cmp     x26, #0x16
    b.eq    1f
    cmp     x26, #0x17
    b.eq    2f
    cmp     x26, #0x01
    b.eq    3f
    b       unexpected_lower
1:  cmp     w1, #K_HVC
    b.eq    hvc_handler
    cmp     w1, #K_TOUCH                  // a load that did not fault ends with an HVC
    b.ne    kind_mismatch
    b       hvc_handler
2:  cmp     w1, #K_SMC
    b.ne    kind_mismatch
    ldr     x0, [x19, #(CPU_FRAME + R_ELR)]
    add     x0, x0, #4                    // a trapped SMC returns after the instruction
    str     x0, [x19, #(CPU_FRAME + R_ELR)]
    b       smc_handler
3:  tbnz    x25, #0, unexpected_lower     // WFE: guests never execute it
    cmp     w1, #K_WFI
    b.ne    kind_mismatch
    b       wfi_trap

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

guest_check_failed:
    mov     x4, x1
    mov     x0, x21
    bl      vcpu_ref
    mov     x5, x0
    ldr     x0, [x21, #VCPU_CMD]
    ldr     x1, [x0, #CMD_OBS]
    ldr     x2, [x21, #VCPU_DELIVERED]
    mov     x3, x4
    mov     x4, x5
    mov     x0, #ERR_GUEST_CHECK
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

// lower_irq: no interrupt source is enabled; a physical IRQ from a guest is unexpected.
//   in: none; out: branches to trace_error
lower_irq:
    mrs     x19, tpidr_el2
    ldr     x0, [x19, #CPU_STACK_TOP]
    mov     sp, x0
    mov     x0, #ERR_LOWER_EXC
    mov     x1, #0x480
    ldr     x2, [x19, #(CPU_FRAME + R_ELR)]
    mov     x3, #0
    mov     x4, #0
    b       trace_error

.section .rodata
msg_fatal: .asciz "EL2 FATAL: unexpected exception at EL2, vector "
msg_esr:   .asciz " ESR_EL2="
msg_elr:   .asciz " ELR_EL2="
msg_far:   .asciz " FAR_EL2="
