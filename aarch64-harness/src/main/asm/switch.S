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
// decision's lock region); with no value (WFI trap, IRQ) the guest's own live x0 is saved (no hypervisor value).
// Event: vcpu_switch, actor the CPU, ret = the x0 the resumed vCPU sees.
//   in: none (cpu_op = vcpu_switch{next = CPU_OP_A, user_ret = CPU_OP_B if CPU_OP_C}); out: branches to step_finish
.global vcpu_switch
vcpu_switch:
    mrs     x19, tpidr_el2
    ldr     x20, [x19, #CPU_CURRENT]      // old
    ldr     x21, [x19, #CPU_OP_A]         // next
    ldr     x22, [x20, #VCPU_REGS]        // the buffer's x0 before the save
    add     x0, x20, #VCPU_REGS
    add     x1, x19, #CPU_FRAME
    bl      frame_copy
    ldr     x0, [x19, #CPU_OP_C]
    cbz     x0, 2f                        // no value: the guest's own x0 stays saved
    ldr     x1, =g_corrections
    ldr     x1, [x1]
    tbnz    x1, #C_RETVAL_BEFORE_PUBLISH, 1f
    ldr     x22, [x19, #CPU_OP_B]         // user_ret
    mov     x0, #1
    str     x0, [x20, #VCPU_X0_VALID]
1:  str     x22, [x20, #VCPU_REGS]
2:
    mov     x0, #1
    add     x1, x20, #VCPU_REGS_AVAIL
    stlr    x0, [x1]                      // publish: the save has completed
    sev
    mov     x0, x21
    bl      vcpu_load
    mov     x0, #OP_GUEST
    str     x0, [x19, #CPU_OP]
    stp     xzr, xzr, [x19, #CPU_OP_A]
    str     xzr, [x19, #CPU_OP_C]
    ldr     x2, [x19, #(CPU_FRAME + 0)]
    ldr     x1, [x21, #VCPU_X0_VALID]     // F_RET when the resumed vCPU's x0 is a hypervisor value
    mov     x0, #A_VCPU_SWITCH
    mov     x3, #0
    b       step_finish
