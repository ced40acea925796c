// switch.S: the register save and the context switch, as Hafnium at aa039b39 does them (§5.1):
//   - while a vCPU is loaded, x0..x30, ELR_EL2 and SPSR_EL2 are in its CPU's frame (CPU_FRAME) and its EL1 system
//     registers (and SP_EL0, SP_EL1) in the hardware;
//   - a slow-path exception (WFI, trapped SMC, IRQ) saves the volatile registers x0..x18, x29, x30, ELR_EL2 and
//     SPSR_EL2 into the vCPU's buffer at exception entry (entry_save);
//   - the HVC fast path leaves them in the frame; if the handler switches, the register save writes r0 = user_ret,
//     r1..r17 = 0, r18, r29, r30, pc and spsr (sync_lower_64_switch);
//   - vcpu_switch, a step of its own after the decision, saves x19..x28 and the "lazy" EL1 system registers, then
//     loads the next vCPU.
// So the aa039b39 windows are the seed's: a decision publishes a vCPU's state before its CPU saved the registers;
// a vcpu_run on another CPU then loads a stale buffer, and a sender's receive response written into a popped
// waiter's buffer before its save is overwritten by the save's r0 = user_ret.
//
// The buffer itself is guarded by VCPU_RLOCK, a lock of the harness (not Hafnium's): every copy into or out of it
// and the step's commit happen under it, so each access is atomic as the spec's steps are (Hafnium's copies race;
// the harness keeps the race between steps, never inside one).
.include "layout.inc"
.text

// lazy_regs: the EL1 state saved at the switch, in buffer order (R_LAZY): the seed's 23 "lazy" registers (VMPIDR
// excepted: it is set from the vCPU index) plus ELR_EL1 and SPSR_EL1.
.macro lazy_regs m
    \m sctlr_el1, actlr_el1, 0
    \m cpacr_el1, ttbr0_el1, 1
    \m ttbr1_el1, tcr_el1, 2
    \m esr_el1, afsr0_el1, 3
    \m afsr1_el1, far_el1, 4
    \m mair_el1, vbar_el1, 5
    \m contextidr_el1, tpidr_el0, 6
    \m tpidrro_el0, tpidr_el1, 7
    \m amair_el1, cntkctl_el1, 8
    \m sp_el0, sp_el1, 9
    \m par_el1, csselr_el1, 10
    \m elr_el1, spsr_el1, 11
.endm

.macro lazy_save_pair a, b, k
    mrs     x2, \a
    mrs     x3, \b
    stp     x2, x3, [x0, #(16 * \k)]
.endm

.macro lazy_load_pair a, b, k
    ldp     x2, x3, [x0, #(16 * \k)]
    msr     \a, x2
    msr     \b, x3
.endm

// lazy_save: the hardware's EL1 system registers into a vCPU's buffer.
//   in: x0 = struct vcpu *; out: none; clobbers x0, x2, x3
lazy_save:
    add     x0, x0, #(VCPU_REGS + R_LAZY)
    lazy_regs lazy_save_pair
    ret

// lazy_load: a vCPU's EL1 system registers from its buffer into the hardware.
//   in: x0 = struct vcpu *; out: none; clobbers x0, x2, x3
lazy_load:
    add     x0, x0, #(VCPU_REGS + R_LAZY)
    lazy_regs lazy_load_pair
    isb
    ret

// regs_lock / regs_unlock: the register buffer's lock (ldaxr/stxr, WFE; stlr + SEV). Never counted as Hafnium
// lock contention, never held across steps, taken innermost.
//   in: x0 = struct vcpu *; out: none; clobbers x1-x3
.global regs_lock, regs_unlock
regs_lock:
    add     x1, x0, #VCPU_RLOCK
    b       2f
1:  spin_on x1, x3
    wfe
2:  ldaxr   x2, [x1]
    cbnz    x2, 1b
    mov     x3, #1
    stxr    w2, x3, [x1]
    cbnz    w2, 2b
    spin_off x3
    ret
regs_unlock:
    add     x1, x0, #VCPU_RLOCK
    stlr    xzr, [x1]
    sev
    ret

// entry_save: slow-path exception entry: x0..x18, x29, x30, ELR_EL2 and SPSR_EL2 from the frame into the vCPU's
// buffer, under its buffer lock.
//   in: x0 = struct vcpu *, x19 = struct cpu *; out: none; clobbers x0-x6
.global entry_save
entry_save:
    mov     x6, x30
    mov     x5, x0
    ldr     x0, =g_sabotage
    ldr     x0, [x0]
    tbnz    x0, #4, 2f                    // SAB_NO_ENTRY_SAVE (self-test)
    mov     x0, x5
    bl      regs_lock
    add     x1, x19, #CPU_FRAME
    add     x2, x5, #VCPU_REGS
    ldp     x0, x4, [x1, #232]            // x29, x30
    stp     x0, x4, [x2, #232]
    ldp     x0, x4, [x1, #R_ELR]
    stp     x0, x4, [x2, #R_ELR]
    ldr     x0, [x1, #144]                // x18
    str     x0, [x2, #144]
    mov     x3, #9
1:  ldp     x0, x4, [x1], #16             // x0..x17
    stp     x0, x4, [x2], #16
    subs    x3, x3, #1
    b.ne    1b
    mov     x0, x5
    bl      regs_unlock
2:  mov     x30, x6
    ret

// regs_available_kept: whether EL2 keeps regs_available (later Hafnium's field): only save-before-publish waits
// on it; at aa039b39 the field does not exist.
//   in: none; out: x0 = 1 if kept; clobbers x0
regs_available_kept:
    ldr     x0, =g_corrections
    ldr     x0, [x0]
    tbnz    x0, #C_SAVE_BEFORE_PUBLISH, 1f
    mov     x0, #0
    ret
1:  mov     x0, #1
    ret

// vcpu_load: make a vCPU current on this CPU: its x0..x30, ELR_EL2, SPSR_EL2 into the frame, its EL1 system
// registers into the hardware, its VM's stage 2 (VTTBR_EL2 with the VMID), HCR_EL2, CPTR_EL2 and CNTHCTL_EL2
// (secondaries trap WFI/WFE and FP and take IRQs), VMPIDR_EL2 = its index; with save-before-publish its
// regs_available := false. The caller holds the buffer lock when another CPU could write the buffer.
//   in:  x0 = struct vcpu *
//   out: none; clobbers x0-x7
.global vcpu_load
vcpu_load:
    mov     x7, x30
    mov     x5, x0
    mrs     x1, tpidr_el2
    str     x5, [x1, #CPU_CURRENT]
    bl      regs_available_kept
    cbz     x0, 2f
    str     xzr, [x5, #VCPU_REGS_AVAIL]
2:  mrs     x1, tpidr_el2
    add     x0, x1, #CPU_FRAME
    add     x1, x5, #VCPU_REGS
    mov     x2, #(R_WORDS / 2)
1:  ldp     x3, x4, [x1], #16
    stp     x3, x4, [x0], #16
    subs    x2, x2, #1
    b.ne    1b
    mov     x0, x5
    bl      lazy_load
    ldr     x0, =g_sabotage
    ldr     x0, [x0]
    tbz     x0, #3, 2f                    // SAB_LOSE_TPIDR (self-test)
    msr     tpidr_el1, xzr
2:  ldr     x1, [x5, #VCPU_VM]
    ldr     x2, [x1, #VM_VTTBR]
    msr     vttbr_el2, x2
    ldr     x2, [x1, #VM_ID]
    ldr     x3, =HCR_ALL
    ldr     x4, =HCR_SEC
    cmp     x2, #0
    csel    x4, xzr, x4, eq
    orr     x3, x3, x4
    msr     hcr_el2, x3
    ldr     x3, =CPTR_RES1
    ldr     x4, =CPTR_TFP
    csel    x4, xzr, x4, eq
    orr     x3, x3, x4
    msr     cptr_el2, x3
    mov     x3, #CNTHCTL_SEC
    csel    x3, xzr, x3, eq
    msr     cnthctl_el2, x3
    ldr     x2, [x5, #VCPU_IDX]
    orr     x2, x2, #(1 << 31)
    msr     vmpidr_el2, x2
    isb
    mov     x30, x7
    ret

// guest_enter: ERET into the current vCPU from the live frame. When the vCPU resumes at a trap's return point, the
// x0 it gets is what its check must observe (VCPU_DELIVERED).
//   in: none (TPIDR_EL2 names the CPU); out: does not return
.global guest_enter
guest_enter:
    mrs     x0, tpidr_el2
    ldr     x1, [x0, #CPU_CURRENT]
    ldr     x2, [x1, #VCPU_AT_RETURN]
    cbz     x2, 1f
    ldr     x2, [x0, #CPU_FRAME]
    str     x2, [x1, #VCPU_DELIVERED]
    str     xzr, [x1, #VCPU_AT_RETURN]
1:  add     x0, x0, #CPU_FRAME
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

// vcpu_switch: the step that saves the old vCPU and loads the next. Fast path (the decision came from an HVC: the
// vCPU's volatile registers are still in the frame): r0 = user_ret (unless retval-before-publish already wrote it
// in the decision's lock region: then the save never stores to r0), r1..r17 = 0, r18, r29, r30, ELR_EL2, SPSR_EL2.
// Every path: x19..x28 and the EL1 system registers. Then the next vCPU is loaded. All under the buffer lock of the
// secondary vCPU involved (the old one or the next; a primary's buffer is touched by its own CPU only, and by
// psci_cpu_on while that CPU is off); the step commits inside it, then publishes the old vCPU's save
// (store-release of regs_available), so a CPU that acquires it takes a later sequence number. No wait: at aa039b39
// a load may find the next vCPU's save still pending on another CPU and load its stale buffer (the window); with
// save-before-publish vcpu_run waits until the save is done, so it never does.
// Event: vcpu_switch, actor the CPU, ret = the x0 the resumed vCPU sees.
//   in: none (cpu_op = vcpu_switch{next = CPU_OP_A, user_ret = CPU_OP_B if CPU_OP_C}); out: branches to step_finish
.global vcpu_switch
vcpu_switch:
    mrs     x19, tpidr_el2
    ldr     x20, [x19, #CPU_CURRENT]      // old
    ldr     x21, [x19, #CPU_OP_A]         // next
    mov     x22, x20                      // the secondary whose buffer lock is taken
    ldr     x0, [x20, #VCPU_VM]
    ldr     x0, [x0, #VM_ID]
    cbnz    x0, 1f
    mov     x22, x21
    ldr     x0, [x21, #VCPU_VM]
    ldr     x0, [x0, #VM_ID]
    cbnz    x0, 1f
    mov     x22, #0
1:  cbz     x22, 2f
    mov     x0, x22
    bl      regs_lock
2:  mov     x10, #0                       // 1 when the save writes a hypervisor value into the old saved x0
    add     x1, x19, #CPU_FRAME
    add     x2, x20, #VCPU_REGS
    ldr     x0, [x19, #CPU_OP_C]
    cbz     x0, 4f
    mov     x3, #8                        // fast path: r1..r17 = 0, r18, r29, r30, pc, spsr
3:  str     xzr, [x2, x3]
    add     x3, x3, #8
    cmp     x3, #144
    b.lo    3b
    ldr     x0, [x1, #144]
    str     x0, [x2, #144]
    ldp     x0, x3, [x1, #232]
    stp     x0, x3, [x2, #232]
    ldr     x0, =g_sabotage
    ldr     x0, [x0]
    tbz     x0, #1, 31f                   // SAB_LOSE_X29 (self-test)
    str     xzr, [x2, #232]
31: ldp     x0, x3, [x1, #R_ELR]
    stp     x0, x3, [x2, #R_ELR]
    ldr     x0, =g_corrections
    ldr     x0, [x0]
    tbnz    x0, #C_RETVAL_BEFORE_PUBLISH, 4f
    ldr     x0, [x19, #CPU_OP_B]          // user_ret
    str     x0, [x2]
    mov     x0, #1
    str     x0, [x20, #VCPU_X0_VALID]
    mov     x10, #1
4:  ldp     x0, x3, [x1, #152]            // every path: x19..x28
    stp     x0, x3, [x2, #152]
    ldp     x0, x3, [x1, #168]
    stp     x0, x3, [x2, #168]
    ldp     x0, x3, [x1, #184]
    stp     x0, x3, [x2, #184]
    ldp     x0, x3, [x1, #200]
    stp     x0, x3, [x2, #200]
    ldp     x0, x3, [x1, #216]
    stp     x0, x3, [x2, #216]
    ldr     x0, =g_sabotage
    ldr     x0, [x0]
    tbz     x0, #2, 41f                   // SAB_LOSE_X19 (self-test)
    str     xzr, [x2, #152]
41: mov     x0, x20
    bl      lazy_save
    mov     x0, x21
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
    cbz     x10, 5f                       // only what the save wrote (with retval-before-publish a sender may
    mov     x0, x20                       // be writing the old vCPU's x0 under its lock right now)
    bl      rec_vcpu_saved_x0
5:  mov     x0, x19
    bl      rec_cpu_current
    mov     x0, x19
    bl      rec_cpu_op
    bl      rec_close
    cbz     x22, 6f
    mov     x0, x22
    bl      regs_unlock
6:  bl      regs_available_kept
    cbz     x0, 7f
    mov     x0, #1
    add     x1, x20, #VCPU_REGS_AVAIL
    stlr    x0, [x1]                      // publish: the save has completed (save-before-publish waits on it)
    sev
7:
    mov     x0, #A_VCPU_SWITCH
    mov     x1, x8
    mov     x2, x9
    mov     x3, #0
    b       step_finish
