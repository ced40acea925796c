// switch.S: the context switch. A vCPU's registers live in its CPU's frame (CPU_FRAME) while it is loaded and in
// its own buffer (VCPU_REGS) otherwise; vcpu_switch is the register save of the old vCPU and the load of the next
// one, a step of its own, separate from the decision that chose the next vCPU.
.include "layout.inc"
.text

// frame_copy: copy a register frame (R_WORDS words).
//   in:  x0 = destination, x1 = source
//   out: none; clobbers x0-x4
frame_copy:
    mov     x2, #(R_WORDS / 2)
1:  ldp     x3, x4, [x1], #16
    stp     x3, x4, [x0], #16
    subs    x2, x2, #1
    b.ne    1b
    ret

// vcpu_load: make a vCPU current on this CPU: its buffer into the live frame, its VM's stage 2 (VTTBR_EL2 with the
// VMID), HCR_EL2 (secondaries trap WFI/WFE and take IRQs), VMPIDR_EL2 = its index; regs_available := false and its
// receive response is no longer pending.
//   in:  x0 = struct vcpu *
//   out: none; clobbers x0-x6
.global vcpu_load
vcpu_load:
    mov     x6, x30
    mov     x5, x0
    mrs     x1, tpidr_el2
    str     x5, [x1, #CPU_CURRENT]
    str     xzr, [x5, #VCPU_REGS_AVAIL]
    str     xzr, [x5, #VCPU_RP_FLAG]
    str     xzr, [x5, #VCPU_RP_VAL]
    add     x0, x1, #CPU_FRAME
    add     x1, x5, #VCPU_REGS
    bl      frame_copy
    ldr     x1, [x5, #VCPU_VM]
    ldr     x2, [x1, #VM_VTTBR]
    msr     vttbr_el2, x2
    ldr     x2, [x1, #VM_ID]
    ldr     x3, =HCR_ALL
    ldr     x4, =HCR_SEC
    cmp     x2, #0
    csel    x4, xzr, x4, eq
    orr     x3, x3, x4
    msr     hcr_el2, x3
    ldr     x2, [x5, #VCPU_IDX]
    orr     x2, x2, #(1 << 31)
    msr     vmpidr_el2, x2
    isb
    mov     x30, x6
    ret

// guest_enter: ERET into the current vCPU from the live frame (x0..x30, SP_EL1, ELR_EL2, SPSR_EL2).
//   in: none (TPIDR_EL2 names the CPU); out: does not return
.global guest_enter
guest_enter:
    mrs     x0, tpidr_el2
    add     x0, x0, #CPU_FRAME
    ldr     x1, [x0, #R_SP_EL1]
    msr     sp_el1, x1
    ldp     x1, x2, [x0, #R_ELR]
    msr     elr_el2, x1
    msr     spsr_el2, x2
    ldp     x2, x3, [x0, #16]
    ldp     x4, x5, [x0, #32]
    ldp     x6, x7, [x0, #48]
    ldp     x8, x9, [x0, #64]
    ldp     x10, x11, [x0, #80]
    ldp     x12, x13, [x0, #96]
    ldp     x14, x15, [x0, #112]
    ldp     x16, x17, [x0, #128]
    ldp     x18, x19, [x0, #144]
    ldp     x20, x21, [x0, #160]
    ldp     x22, x23, [x0, #176]
    ldp     x24, x25, [x0, #192]
    ldp     x26, x27, [x0, #208]
    ldp     x28, x29, [x0, #224]
    ldr     x30, [x0, #240]
    ldp     x0, x1, [x0]
    eret

// vcpu_switch: the step that saves the old vCPU's live registers into its buffer and loads the next vCPU.
// The saved x0 is user_ret when the decision returned one (unless retval-before-publish already wrote it in the
// decision's lock region: then the save leaves x0 alone, and never even stores to it); with no value (WFI trap,
// IRQ) the guest's own live x0 is saved (no hypervisor value). No lock: the step changes this CPU's current and
// cpu_op, the old vCPU's buffer and regs_available, the next vCPU's regs_available and recv_pending. Order: (in
// contended mode, first wait until the next vCPU's registers are saved: aa039b39 lets vcpu_run decide before
// another CPU's save completed) save, load, commit, then publish the old vCPU's save (store-release of
// regs_available) after the commit, so a CPU that acquires it takes a later sequence number.
// Event: vcpu_switch, actor the CPU, ret = the x0 the resumed vCPU sees.
//   in: none (cpu_op = vcpu_switch{next = CPU_OP_A, user_ret = CPU_OP_B if CPU_OP_C}); out: branches to step_finish
.global vcpu_switch
vcpu_switch:
    mrs     x19, tpidr_el2
    ldr     x20, [x19, #CPU_CURRENT]      // old
    ldr     x21, [x19, #CPU_OP_A]         // next
    ldr     x0, =g_mode
    ldr     x0, [x0]
    cmp     x0, #MODE_CONTENDED
    b.ne    1f
    add     x0, x21, #VCPU_REGS_AVAIL     // contended: the next vCPU's save (on another CPU) must be complete
    sevl
0:  wfe
    ldaxr   x1, [x0]
    cbz     x1, 0b
    clrex
1:  mov     x10, #0                       // 1 when the save writes a hypervisor value into the old saved x0
    add     x0, x20, #(VCPU_REGS + 8)     // save x1..x30, SP_EL1, ELR_EL2, SPSR_EL2 (every word but x0)
    add     x1, x19, #(CPU_FRAME + 8)
    ldr     x2, [x1], #8
    str     x2, [x0], #8
    mov     x2, #((R_WORDS - 2) / 2)
2:  ldp     x3, x4, [x1], #16
    stp     x3, x4, [x0], #16
    subs    x2, x2, #1
    b.ne    2b
    ldr     x0, [x19, #CPU_OP_C]
    cbnz    x0, 3f
    ldr     x0, [x19, #CPU_FRAME]         // no value: the guest's own x0 is saved (no hypervisor value)
    str     x0, [x20, #VCPU_REGS]
    b       4f
3:  ldr     x1, =g_corrections
    ldr     x1, [x1]
    tbnz    x1, #C_RETVAL_BEFORE_PUBLISH, 4f
    ldr     x0, [x19, #CPU_OP_B]          // user_ret
    str     x0, [x20, #VCPU_REGS]
    mov     x0, #1
    str     x0, [x20, #VCPU_X0_VALID]
    mov     x10, #1
4:  mov     x0, x21
    bl      vcpu_load
    mov     x0, #OP_GUEST
    str     x0, [x19, #CPU_OP]
    stp     xzr, xzr, [x19, #CPU_OP_A]
    str     xzr, [x19, #CPU_OP_C]
    ldr     x9, [x19, #(CPU_FRAME + 0)]
    ldr     x8, [x21, #VCPU_X0_VALID]     // F_RET when the resumed vCPU's x0 is a hypervisor value
    mov     x0, #A_VCPU_SWITCH
    mov     x1, x8
    mov     x2, x9
    mov     x3, #0
    bl      rec_open
    ldr     x0, [x20, #VCPU_SNAP]         // regs_available[old] = TRUE (published below)
    mov     x1, #(1 << 8)
    mov     x2, #0xff00
    bl      rec_field
    cbz     x10, 5f                       // only what the save wrote (with retval-before-publish a sender may
    mov     x0, x20                       // be writing the old vCPU's x0 under its lock right now)
    bl      rec_vcpu_saved_x0
5:  mov     x0, x21
    bl      rec_vcpu_regs_available
    mov     x0, x21
    bl      rec_vcpu_recv_pending
    mov     x0, x19
    bl      rec_cpu_current
    mov     x0, x19
    bl      rec_cpu_op
    bl      rec_close
    mov     x0, #1
    add     x1, x20, #VCPU_REGS_AVAIL
    stlr    x0, [x1]                      // publish: the save has completed
    sev
    mov     x0, #A_VCPU_SWITCH
    mov     x1, x8
    mov     x2, x9
    mov     x3, #0
    b       step_finish
