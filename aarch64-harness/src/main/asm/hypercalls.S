// hypercalls.S: Hafnium's HVC dispatch and the mailbox/vCPU hypercall handlers, each split into the atomic steps
// of docs/vocabulary.md (an entry step, then continuations taken as separate steps). Every handler ends in
// step_finish with x0 = action, x1 = flags, x2 = ret, x3 = aux. Locks are taken in Hafnium's order
// (vm.lock before vcpu.lock, never two of a kind).
//
// Commit points: a step that reads or writes state guarded by a lock makes all its changes, then, still inside
// the lock region that makes it take effect (the innermost one when nested), calls rec_open, the rec_* of every
// field it changed, and rec_close (record.S; they do something only in contended free-running mode), and only
// then releases the lock. A step that reads only immutable data (the shape, vm_count, the page tables) or only
// this CPU's own state records nothing here; step_finish records it. docs/harness.md gives the argument.
.include "layout.inc"
.text

// commit: take the sequence number and open the record (contended mode); x2/x3 may name ret/aux registers.
.macro commit action, flags, ret, aux
    mov     x3, \aux
    mov     x2, \ret
    mov     x0, #\action
    mov     x1, #(\flags)
    bl      rec_open
.endm

.equ RETF, (F_RET | F_VCPU_ACTOR | F_TO_CALLER)

// return_to_caller: end an entry step whose value goes straight back to the calling vCPU (no switch).
.macro return_value action, reg
    mov     x2, \reg
    mov     x0, #\action
    mov     x1, #(F_RET | F_VCPU_ACTOR | F_TO_CALLER)
    mov     x3, #0
    b       step_finish
.endm

.macro return_minus_one action
    mov     x2, #-1
    return_value \action, x2
.endm

// continue_step: end a step that returns nothing to the caller (a switch or a continuation follows).
.macro continue_step action
    mov     x0, #\action
    mov     x1, #F_VCPU_ACTOR
    mov     x2, #0
    mov     x3, #0
    b       step_finish
.endm

// vcpu_addr: x_out = &g_vcpus[vm][idx]   (clobbers x16, x17)
.macro vcpu_addr out, vm, idx
    ldr     x16, =g_vcpus
    mov     x17, #(MAX_VCPUS * VCPU_SIZE)
    madd    x16, \vm, x17, x16
    mov     x17, #VCPU_SIZE
    madd    \out, \idx, x17, x16
.endm

// vm_addr: x_out = &g_vms[vm]   (clobbers x16, x17)
.macro vm_addr out, vm
    ldr     x16, =g_vms
    mov     x17, #VM_SIZE
    madd    \out, \vm, x17, x16
.endm

// secondary_target: the target of vcpu_run / interrupt_inject from (u32)x1, (u32)x2: branches to \fail when the
// caller is not the primary, the VM id is 0 or unknown, or the vCPU index is out of range; else x24 = the vCPU.
// Reads only immutable data (clobbers x4-x7, x16, x17).
.macro secondary_target fail
    cbnz    x23, \fail
    mov     w4, w1                        // vm id (u32)
    mov     w5, w2                        // vcpu index (u32)
    cbz     x4, \fail
    ldr     x6, =g_vm_count
    ldr     x6, [x6]
    cmp     x4, x6
    b.hs    \fail
    vm_addr x7, x4
    ldr     x6, [x7, #VM_VCPU_COUNT]
    cmp     x5, x6
    b.hs    \fail
    vcpu_addr x24, x4, x5
.endm

// load_caller: x19 = struct cpu *, x21 = calling vCPU, x22 = its VM, x23 = VM id, x0..x3 = its registers,
// w25 = the function id ((u32)x0 with bit 30 clear).
.macro load_caller
    mrs     x19, tpidr_el2
    ldr     x21, [x19, #CPU_CURRENT]
    ldr     x22, [x21, #VCPU_VM]
    ldr     x23, [x22, #VM_ID]
    ldp     x0, x1, [x19, #CPU_FRAME]
    ldp     x2, x3, [x19, #(CPU_FRAME + 16)]
    bic     w25, w0, #0x40000000
.endm

// hvc_handler: an HVC from the current vCPU: PSCI first for the primary (and CPU_ON for a secondary with
// secondary-vcpu-on), then the Hafnium dispatch on (u32)x0 with bit 30 masked (0xff00-0xff06, and 0xff07
// interrupt_inject with wfi-wake-on-interrupt); unknown ids return -1.
//   in: live frame holds the guest's x0..x3; out: branches to a handler
.global hvc_handler
hvc_handler:
    load_caller
    cbnz    x23, 1f
    bl      psci_primary                  // returns only when x0 is not a PSCI call
    b       2f
1:  ldr     x4, =g_corrections
    ldr     x4, [x4]
    tbz     x4, #C_SECONDARY_VCPU_ON, 2f
    ldr     w4, =0x84000003
    cmp     w25, w4
    b.eq    psci_cpu_on_secondary
2:  mov     w4, #0xff00
    subs    w4, w25, w4
    b.lo    hvc_unknown
    cmp     w4, #0
    b.eq    vcpu_run
    cmp     w4, #1
    b.eq    vm_get_count
    cmp     w4, #2
    b.eq    vcpu_get_count
    cmp     w4, #3
    b.eq    vm_configure
    cmp     w4, #4
    b.eq    mailbox_send
    cmp     w4, #5
    b.eq    mailbox_receive
    cmp     w4, #6
    b.eq    mailbox_clear
    cmp     w4, #7
    b.ne    hvc_unknown
    ldr     x4, =g_corrections            // 0xff07 exists only with wfi-wake-on-interrupt
    ldr     x4, [x4]
    tbnz    x4, #C_WFI_WAKE_ON_INTERRUPT, interrupt_inject
    b       hvc_unknown

// smc_handler: a trapped SMC (ELR already advanced): PSCI for the primary, -1 otherwise.
//   in: live frame; out: branches to a handler
.global smc_handler
smc_handler:
    load_caller
    cbnz    x23, hvc_unknown
    bl      psci_primary
    b       hvc_unknown

// hvc_unknown: X5: an unknown function id (or a non-PSCI trapped SMC): -1, nothing changes.
.global hvc_unknown
hvc_unknown:
    return_minus_one A_HVC_UNKNOWN

// vm_get_count: R1: vm_count, counting the primary.
vm_get_count:
    ldr     x2, =g_vm_count
    ldr     x2, [x2]
    return_value A_VM_GET_COUNT, x2

// vcpu_get_count: R2-R4: -1 unless the caller is the primary and (u32)x1 names a VM.
vcpu_get_count:
    cbnz    x23, 9f
    mov     w4, w1
    ldr     x5, =g_vm_count
    ldr     x5, [x5]
    cmp     x4, x5
    b.hs    9f
    vm_addr x6, x4
    ldr     x2, [x6, #VM_VCPU_COUNT]
    return_value A_VCPU_GET_COUNT, x2
9:  return_minus_one A_VCPU_GET_COUNT

// vcpu_run: R5-R8, under the target's vcpu.lock. Success decides the switch (cpu_op vcpu_switch with the placeholder
// YIELD 0); every failure returns WAIT_FOR_INTERRUPT (0x1), a target in WFI included (only interrupt_inject wakes
// it). With save-before-publish the decision waits until the target's registers are saved, re-deciding under the
// lock after each wait.
vcpu_run:
    secondary_target 8f                   // x24 = target
    ldr     x26, =g_corrections
    ldr     x26, [x26]
1:  add     x0, x24, #VCPU_LOCK
    bl      sl_lock
    ldr     x6, [x24, #VCPU_STATE]
    cmp     x6, #VS_READY
    b.ne    7f
    tbz     x26, #C_SAVE_BEFORE_PUBLISH, 5f
    add     x0, x24, #VCPU_REGS_AVAIL
    ldar    x1, [x0]
    cbnz    x1, 5f
    add     x0, x24, #VCPU_LOCK           // registers still live elsewhere: release the lock, wait a while for
    bl      sl_unlock                     // the save, then decide again (the target may be running by then, as
    add     x0, x24, #VCPU_REGS_AVAIL     // later Hafnium's loop re-reads its state under the lock each time)
    spin_on x0, x1
    mov     x2, #1024
    sevl
3:  wfe
    ldaxr   x1, [x0]
    cbnz    x1, 31f
    subs    x2, x2, #1
    b.ne    3b
31: clrex
    spin_off x1
    b       1b
5:  mov     x0, #VS_RUNNING
    str     x0, [x24, #VCPU_STATE]
    tbz     x26, #C_RETVAL_BEFORE_PUBLISH, 6f
    set_saved_x0 x21, xzr                 // the placeholder into the caller's saved x0 now
6:  mov     x0, #OP_VCPU_SWITCH
    str     x0, [x19, #CPU_OP]
    stp     x24, xzr, [x19, #CPU_OP_A]
    mov     x0, #1
    str     x0, [x19, #CPU_OP_C]
    commit  A_VCPU_RUN, F_VCPU_ACTOR, xzr, xzr
    mov     x0, x24
    bl      rec_vcpu_state
    tbz     x26, #C_RETVAL_BEFORE_PUBLISH, 61f
    mov     x0, x21
    bl      rec_vcpu_saved_x0
61: mov     x0, x19
    bl      rec_cpu_op
    bl      rec_close
    add     x0, x24, #VCPU_LOCK
    bl      sl_unlock
    continue_step A_VCPU_RUN
7:  mov     x8, #1                        // not runnable: the failure read its state, so it commits here
    commit  A_VCPU_RUN, RETF, x8, xzr
    bl      rec_close
    add     x0, x24, #VCPU_LOCK
    bl      sl_unlock
8:  mov     x2, #1
    return_value A_VCPU_RUN, x2

// vm_configure: C1-C4 in Hafnium's order: alignment, then under the caller's vm.lock: already configured, both
// IPAs mapped in its stage 2 (a real table walk, which does not count the guest program's private pages), distinct
// pages, then the hypervisor mappings (which the step's flags may force to fail; a failed recv mapping rolls the
// send mapping back). The mailbox keeps the pages' physical addresses, which EL2's identity map reaches.
vm_configure:
    orr     x4, x1, x2
    tst     x4, #0xfff
    b.ne    9f
    mov     x26, x1
    mov     x27, x2
    add     x0, x22, #VM_LOCK
    bl      sl_lock
    ldr     x4, [x22, #VM_MB_SEND]
    cbnz    x4, 8f
    ldr     x4, [x22, #VM_MB_RECV]
    cbnz    x4, 8f
    ldr     x0, [x22, #VM_VTTBR]
    mov     x1, x26
    bl      stage2_lookup
    cbz     x0, 8f
    mov     x26, x0                       // from here the pages' physical addresses (Hafnium: IPA = PA)
    ldr     x0, [x22, #VM_VTTBR]
    mov     x1, x27
    bl      stage2_lookup
    cbz     x0, 8f
    mov     x27, x0
    cmp     x26, x27
    b.eq    8f
    bl      current_step
    ldrb    w28, [x0, #ST_FLAGS]
    tbnz    w28, #0, 8f                   // SF_SEND_MAP_FAILS
    str     x26, [x22, #VM_MB_SEND]
    tbz     w28, #1, 1f                   // SF_RECV_MAP_FAILS
    str     xzr, [x22, #VM_MB_SEND]       // roll back the send mapping
    b       8f
1:  str     x27, [x22, #VM_MB_RECV]
    commit  A_VM_CONFIGURE, RETF, xzr, xzr
    mov     x0, x22
    bl      rec_vm
    bl      rec_close
    add     x0, x22, #VM_LOCK
    bl      sl_unlock
    mov     x2, #0
    return_value A_VM_CONFIGURE, x2
8:  mov     x8, #-1
    commit  A_VM_CONFIGURE, RETF, x8, xzr
    bl      rec_close
    add     x0, x22, #VM_LOCK
    bl      sl_unlock
9:  return_minus_one A_VM_CONFIGURE

// mailbox_send: S1, §1.5.5 checks 1-4 (size, reflexive, unknown VM, then the caller's send page under its
// vm.lock). Passing them is a step of its own: cpu_op mailbox_send{to, size}, decided under the sender's vm.lock.
mailbox_send:
    mov     x4, #4096
    cmp     x2, x4
    b.hi    9f
    mov     w5, w1                        // to (u32)
    cmp     x5, x23
    b.eq    9f
    ldr     x6, =g_vm_count
    ldr     x6, [x6]
    cmp     x5, x6
    b.hs    9f
    mov     x26, x5
    mov     x27, x2
    add     x0, x22, #VM_LOCK
    bl      sl_lock
    ldr     x28, [x22, #VM_MB_SEND]
    cbz     x28, 8f
    mov     x0, #OP_MAILBOX_SEND
    str     x0, [x19, #CPU_OP]
    stp     x26, x27, [x19, #CPU_OP_A]
    commit  A_MAILBOX_SEND, F_VCPU_ACTOR, xzr, xzr
    mov     x0, x19
    bl      rec_cpu_op
    bl      rec_close
    add     x0, x22, #VM_LOCK
    bl      sl_unlock
    continue_step A_MAILBOX_SEND
8:  mov     x8, #-1
    commit  A_MAILBOX_SEND, RETF, x8, xzr
    bl      rec_close
    add     x0, x22, #VM_LOCK
    bl      sl_unlock
9:  return_minus_one A_MAILBOX_SEND

// mailbox_send_deliver: S2-S7 under the recipient's vm.lock: check 5, the byte copy, the mailbox fields, and
// the waiter pop (LIFO head; fifo-waiters: the bottom) under the waiter's vcpu.lock, which gets the receive
// response in its saved x0. A primary sender gets the woken index (or 0xffff) at once; a secondary sender
// continues to mailbox_send_switch with the primary's MESSAGE / WAKE_UP value. aux = FNV-1a of the bytes
// delivered. The step commits inside the waiter's vcpu.lock and register buffer lock when there is a waiter
// (nested in the recipient's vm.lock), else inside the vm.lock. Its write of the waiter's r0 does not wait for the
// waiter's register save: at aa039b39 that save may still be pending and then overwrites it (the window).
.global mailbox_send_deliver
mailbox_send_deliver:
    load_caller
    ldr     x4, [x19, #CPU_OP_A]
    vm_addr x24, x4                       // recipient
    ldr     x26, [x19, #CPU_OP_B]         // size
    add     x0, x24, #VM_LOCK
    bl      sl_lock
    ldr     x4, [x24, #VM_MB_STATE]
    cmp     x4, #MS_EMPTY
    b.ne    1f
    ldr     x4, [x24, #VM_MB_RECV]
    cbnz    x4, 2f
1:  mov     x0, #OP_GUEST
    str     x0, [x19, #CPU_OP]
    stp     xzr, xzr, [x19, #CPU_OP_A]
    mov     x8, #-1
    commit  A_MAILBOX_SEND_DELIVER, RETF, x8, xzr
    mov     x0, x19
    bl      rec_cpu_op
    bl      rec_close
    add     x0, x24, #VM_LOCK
    bl      sl_unlock
    return_minus_one A_MAILBOX_SEND_DELIVER
2:  ldr     x0, [x24, #VM_MB_RECV]
    ldr     x1, [x22, #VM_MB_SEND]
    mov     x2, x26
    bl      mailbox_copy
    ldr     x0, [x24, #VM_MB_RECV]
    mov     x1, x26
    bl      fnv1a64
    mov     x28, x0                       // aux
    ldr     x0, [x24, #VM_ID]             // the copy loop's own facts, for the observable event: recipient,
    lsl     x0, x0, #8                    // sender, size
    orr     x0, x0, #1
    orr     x0, x0, x23, lsl #16
    orr     x0, x0, x26, lsl #32
    str     x0, [x19, #CPU_COPIED]
    str     x26, [x24, #VM_MB_BYTES]
    str     x23, [x24, #VM_MB_FROM]
    mov     x0, #MS_READ
    str     x0, [x24, #VM_MB_STATE]
    mov     x11, #0                       // the popped waiter, if any
    ldr     x5, [x24, #VM_ID]
    cbnz    x5, 3f
    // to the primary: MESSAGE, vm_id field the sender with message-reports-sender, else 0
    mov     x27, #3
    orr     x27, x27, x26, lsl #32
    ldr     x0, =g_corrections
    ldr     x0, [x0]
    tbz     x0, #C_MESSAGE_REPORTS_SENDER, 6f
    orr     x27, x27, x23, lsl #16
    b       6f
3:  ldr     x6, [x24, #VM_MB_WAITER]
    cbnz    x6, 4f
    mov     x0, #MS_RECEIVED
    str     x0, [x24, #VM_MB_STATE]
    mov     x10, #0xffff
    b       5f
4:  ldr     x0, =g_corrections
    ldr     x0, [x0]
    tbnz    x0, #C_FIFO_WAITERS, 41f
    ldr     x0, [x6, #VCPU_NEXT]          // pop the head (LIFO)
    str     x0, [x24, #VM_MB_WAITER]
    b       44f
41: mov     x8, #0                        // fifo-waiters: pop the tail, the longest waiter
42: ldr     x0, [x6, #VCPU_NEXT]
    cbz     x0, 43f
    mov     x8, x6
    mov     x6, x0
    b       42b
43: cbz     x8, 45f
    str     xzr, [x8, #VCPU_NEXT]
    b       44f
45: str     xzr, [x24, #VM_MB_WAITER]
44: str     xzr, [x6, #VCPU_NEXT]
    mov     x11, x6
    add     x0, x11, #VCPU_LOCK
    bl      sl_lock
    mov     x0, x11                       // its register buffer too: a save pending on the waiter's CPU writes
    bl      regs_lock                     // r0 under it (aa039b39: after this write, the lost return value)
    mov     x0, #VS_READY
    str     x0, [x11, #VCPU_STATE]
    orr     x1, x23, x26, lsl #32         // RECEIVE_RESPONSE(sender, size)
    set_saved_x0 x11, x1
    ldr     x10, [x11, #VCPU_IDX]
5:  cbnz    x23, 7f
    // a primary sender: no switch, the woken vCPU's index (or 0xffff) is its return value
    mov     x0, #OP_GUEST
    str     x0, [x19, #CPU_OP]
    stp     xzr, xzr, [x19, #CPU_OP_A]
    commit  A_MAILBOX_SEND_DELIVER, (RETF | F_AUX), x10, x28
    bl      deliver_fields
    mov     x2, x10
    mov     x3, x28
    mov     x0, #A_MAILBOX_SEND_DELIVER
    mov     x1, #(RETF | F_AUX)
    b       step_finish
7:  ldr     x5, [x24, #VM_ID]
    mov     x27, #2                       // WAKE_UP
    orr     x27, x27, x5, lsl #16
    orr     x27, x27, x10, lsl #32
6:  mov     x0, #OP_MAILBOX_SEND_SWITCH
    str     x0, [x19, #CPU_OP]
    stp     x27, xzr, [x19, #CPU_OP_A]    // primary_ret, user_ret 0
    commit  A_MAILBOX_SEND_DELIVER, (F_VCPU_ACTOR | F_AUX), xzr, x28
    bl      deliver_fields
    mov     x0, #A_MAILBOX_SEND_DELIVER
    mov     x1, #(F_VCPU_ACTOR | F_AUX)
    mov     x2, #0
    mov     x3, x28
    b       step_finish

// deliver_fields: the delivery's record fields (recipient's mailbox, waiter, this CPU's cpu_op), then the
// record is closed and the waiter's buffer lock and vcpu.lock and the recipient's vm.lock are released, in that
// order.
//   in: x19 = cpu, x24 = recipient vm, x11 = popped waiter or 0; out: none; clobbers x0-x7, x16, x17
deliver_fields:
    str     x30, [sp, #-16]!
    mov     x0, x24
    bl      rec_vm
    cbz     x11, 1f
    mov     x0, x11
    bl      rec_vcpu_state
    mov     x0, x11
    bl      rec_vcpu_saved_x0
1:  mov     x0, x19
    bl      rec_cpu_op
    bl      rec_close
    cbz     x11, 2f
    mov     x0, x11
    bl      regs_unlock
    add     x0, x11, #VCPU_LOCK
    bl      sl_unlock
2:  add     x0, x24, #VM_LOCK
    bl      sl_unlock
    ldr     x30, [sp], #16
    ret

// primary_of_cpu: x_out = the primary's vCPU of this CPU (api_switch_to_primary's next).
.macro primary_of_cpu out
    ldr     x4, [x19, #CPU_ID]
    mov     x5, #0
    vcpu_addr \out, x5, x4
.endm

// mailbox_send_switch: S3/S6/S7: api_switch_to_primary(primary_ret, ready) for a secondary sender: the primary's
// saved x0 (this CPU's own vCPU), then the sender ready under its vcpu.lock (with retval-before-publish also its
// saved x0 = 0); commits inside that lock.
.global mailbox_send_switch
mailbox_send_switch:
    load_caller
    primary_of_cpu x24
    ldr     x0, [x19, #CPU_OP_A]
    set_saved_x0 x24, x0
    ldr     x26, [x19, #CPU_OP_B]
    ldr     x27, =g_corrections
    ldr     x27, [x27]
    add     x0, x21, #VCPU_LOCK
    bl      sl_lock
    mov     x0, #VS_READY
    str     x0, [x21, #VCPU_STATE]
    tbz     x27, #C_RETVAL_BEFORE_PUBLISH, 1f
    set_saved_x0 x21, x26
1:  mov     x0, #A_MAILBOX_SEND_SWITCH
    mov     x1, x26
    mov     x2, #1
    ubfx    x3, x27, #C_RETVAL_BEFORE_PUBLISH, #1
    bl      api_switch_to_primary
    continue_step A_MAILBOX_SEND_SWITCH

// mailbox_receive: V1-V4 first part, under the caller's vm.lock: a received message is read at once; a
// non-blocking call fails (so does a blocking one, with block-only-when-deliverable, unless the mailbox is
// configured and empty); a blocking one pushes the caller on the waiter stack (blocked_mailbox, under its
// vcpu.lock, where it commits) and keeps vm.lock held into mailbox_receive_wait.
mailbox_receive:
    cbz     x23, 9f
    mov     x26, x1
    add     x0, x22, #VM_LOCK
    bl      sl_lock
    ldr     x4, [x22, #VM_MB_STATE]
    cmp     x4, #MS_RECEIVED
    b.ne    1f
    mov     x4, #MS_READ
    str     x4, [x22, #VM_MB_STATE]
    ldr     x5, [x22, #VM_MB_FROM]
    ldr     x6, [x22, #VM_MB_BYTES]
    orr     x27, x5, x6, lsl #32
    commit  A_MAILBOX_RECEIVE, RETF, x27, xzr
    mov     x0, x22
    bl      rec_vm
    bl      rec_close
    add     x0, x22, #VM_LOCK
    bl      sl_unlock
    return_value A_MAILBOX_RECEIVE, x27
1:  cbz     x26, 11f
    ldr     x5, =g_corrections            // block-only-when-deliverable: block only on a configured, empty
    ldr     x5, [x5]                      // mailbox (a send could then deliver); otherwise -1 at once
    tbz     x5, #C_BLOCK_ONLY_WHEN_DELIVERABLE, 2f
    cmp     x4, #MS_EMPTY
    b.ne    11f
    ldr     x5, [x22, #VM_MB_RECV]
    cbnz    x5, 2f
11: mov     x8, #-1
    commit  A_MAILBOX_RECEIVE, RETF, x8, xzr
    bl      rec_close
    add     x0, x22, #VM_LOCK
    bl      sl_unlock
    b       9f
2:  add     x0, x21, #VCPU_LOCK
    bl      sl_lock
    mov     x0, #VS_BLOCKED_MAILBOX
    str     x0, [x21, #VCPU_STATE]
    ldr     x0, [x22, #VM_MB_WAITER]      // push on the head
    str     x0, [x21, #VCPU_NEXT]
    str     x21, [x22, #VM_MB_WAITER]
    add     x0, x22, #VM_LOCK
    str     x0, [x19, #CPU_HELD]          // vm.lock stays held into the next step
    mov     x0, #OP_MAILBOX_RECEIVE
    str     x0, [x19, #CPU_OP]
    stp     xzr, xzr, [x19, #CPU_OP_A]
    str     xzr, [x19, #CPU_OP_C]
    commit  A_MAILBOX_RECEIVE, F_VCPU_ACTOR, xzr, xzr
    mov     x0, x21
    bl      rec_vcpu_state
    mov     x0, x22
    bl      rec_vm
    mov     x0, x19
    bl      rec_cpu_op
    bl      rec_close
    add     x0, x21, #VCPU_LOCK
    bl      sl_unlock
    continue_step A_MAILBOX_RECEIVE
9:  return_minus_one A_MAILBOX_RECEIVE

// mailbox_receive_wait: V4 second part: api_wait_for_interrupt under the still-held vm.lock: the primary's saved
// x0 = WAIT_FOR_INTERRUPT, the caller blocked_interrupt (block-on-mailbox: stays blocked_mailbox) under its
// vcpu.lock, where it commits; then vm.lock is released.
.global mailbox_receive_wait
mailbox_receive_wait:
    load_caller
    primary_of_cpu x24
    mov     x0, #1
    set_saved_x0 x24, x0
    ldr     x26, =g_corrections
    ldr     x26, [x26]
    add     x0, x21, #VCPU_LOCK
    bl      sl_lock
    tbnz    x26, #C_BLOCK_ON_MAILBOX, 1f
    mov     x0, #VS_BLOCKED_INTERRUPT
    str     x0, [x21, #VCPU_STATE]
1:  tbz     x26, #C_RETVAL_BEFORE_PUBLISH, 2f
    set_saved_x0 x21, xzr
2:  mov     x0, #A_MAILBOX_RECEIVE_WAIT
    mov     x1, xzr
    mov     x2, #1
    ubfx    x3, x26, #C_RETVAL_BEFORE_PUBLISH, #1
    bl      api_switch_to_primary
    ldr     x0, [x19, #CPU_HELD]
    bl      sl_unlock
    str     xzr, [x19, #CPU_HELD]
    continue_step A_MAILBOX_RECEIVE_WAIT

// interrupt_inject: HF_INTERRUPT_INJECT (wfi-wake-on-interrupt only): -1 for a secondary caller, VM id (u32) 0 or
// unknown, or vCPU index (u32) out of range (no lock); then under the target's vcpu.lock, where it commits: a
// vCPU in WFI (blocked_interrupt) becomes ready and 1 is returned ("run it"); any other state returns 0 and
// nothing changes. No switch.
interrupt_inject:
    secondary_target 9f                   // x24 = target
    add     x0, x24, #VCPU_LOCK
    bl      sl_lock
    mov     x27, #0
    ldr     x6, [x24, #VCPU_STATE]
    cmp     x6, #VS_BLOCKED_INTERRUPT
    b.ne    1f
    mov     x6, #VS_READY
    str     x6, [x24, #VCPU_STATE]
    mov     x27, #1
1:  commit  A_INTERRUPT_INJECT, RETF, x27, xzr
    cbz     x27, 2f
    mov     x0, x24
    bl      rec_vcpu_state
2:  bl      rec_close
    add     x0, x24, #VCPU_LOCK
    bl      sl_unlock
    return_value A_INTERRUPT_INJECT, x27
9:  return_minus_one A_INTERRUPT_INJECT

// mailbox_clear: L1/L2 under the caller's vm.lock: read -> empty and 0, otherwise -1.
mailbox_clear:
    add     x0, x22, #VM_LOCK
    bl      sl_lock
    ldr     x4, [x22, #VM_MB_STATE]
    cmp     x4, #MS_READ
    b.ne    1f
    mov     x4, #MS_EMPTY
    str     x4, [x22, #VM_MB_STATE]
    commit  A_MAILBOX_CLEAR, RETF, xzr, xzr
    mov     x0, x22
    bl      rec_vm
    bl      rec_close
    add     x0, x22, #VM_LOCK
    bl      sl_unlock
    mov     x2, #0
    return_value A_MAILBOX_CLEAR, x2
1:  mov     x8, #-1
    commit  A_MAILBOX_CLEAR, RETF, x8, xzr
    bl      rec_close
    add     x0, x22, #VM_LOCK
    bl      sl_unlock
    return_minus_one A_MAILBOX_CLEAR

// api_switch_to_primary: the common end of api_switch_to_primary's vcpu.lock region (the spec's
// SwitchToPrimary), for mailbox_send_switch, mailbox_receive_wait, wfi_trap and api_yield. The caller holds the
// calling vCPU's lock and has written Pc's saved x0, the caller's state and (retval-before-publish) its saved x0.
// Sets cpu_op = vcpu_switch{next = Pc, user_ret}, commits the step inside the lock with its record (Pc's saved
// x0, the caller's state, the caller's saved x0 when this step wrote it, cpu_op), then releases the caller's
// vcpu.lock. (The caller's saved x0 is recorded only when written: at aa039b39 a late register save of the caller
// on another CPU may be writing it under the buffer lock, which this step does not hold.)
//   in:  x19 = this cpu, x21 = the calling vCPU, x24 = Pc, x0 = action id, x1 = user_ret,
//        x2 = 1 when user_ret is a value for the register save (fast path), 0 when not (slow path),
//        x3 = 1 when this step wrote the caller's saved x0
//   out: x0-x18 clobbered; x19-x29 preserved
api_switch_to_primary:
    stp     x30, x0, [sp, #-16]!
    str     x3, [sp, #-16]!
    mov     x3, #OP_VCPU_SWITCH
    str     x3, [x19, #CPU_OP]
    stp     x24, x1, [x19, #CPU_OP_A]
    str     x2, [x19, #CPU_OP_C]
    ldr     x0, [sp, #24]
    mov     x1, #F_VCPU_ACTOR
    mov     x2, #0
    mov     x3, #0
    bl      rec_open
    mov     x0, x24
    bl      rec_vcpu_saved_x0
    mov     x0, x21
    bl      rec_vcpu_state
    ldr     x0, [sp], #16
    cbz     x0, 1f
    mov     x0, x21
    bl      rec_vcpu_saved_x0
1:  mov     x0, x19
    bl      rec_cpu_op
    bl      rec_close
    add     x0, x21, #VCPU_LOCK
    bl      sl_unlock
    ldp     x30, x0, [sp], #16
    ret

// switch_out_secondary: X1/X3 (slow path: the volatile registers were saved at exception entry): the primary's
// saved x0 = code, the caller's state under its vcpu.lock and its saved x0 = its own x0 (none) under its buffer
// lock, where it commits; then the switch to the primary with no value for the caller.
//   in:  x26 = new state, x27 = primary's code, x28 = action; out: branches to step_finish
switch_out_secondary:
    load_caller
    cbz     x23, 9f
    primary_of_cpu x24
    set_saved_x0 x24, x27
    add     x0, x21, #VCPU_LOCK
    bl      sl_lock
    str     x26, [x21, #VCPU_STATE]
    mov     x0, x21
    bl      regs_lock
    ldr     x0, [x19, #CPU_FRAME]         // the slow path saved the guest's own x0: no hypervisor value (written
    str     x0, [x21, #VCPU_REGS]         // again here, under the buffer lock, where the step commits)
    str     xzr, [x21, #VCPU_X0_VALID]
    mov     x0, x28
    mov     x1, xzr
    mov     x2, xzr
    mov     x3, #1
    bl      api_switch_to_primary
    mov     x0, x21
    bl      regs_unlock
    mov     x0, x28
    mov     x1, #F_VCPU_ACTOR
    mov     x2, #0
    mov     x3, #0
    b       step_finish
9:  bl      current_step
    mov     x20, x0
    b       step_kind_mismatch

// wfi_trap: X1 (a real WFI trapped by HCR_EL2.TWI; lower_sync saved the PC past it only with
// wfi-wake-on-interrupt): blocked_interrupt, the primary gets WAIT_FOR_INTERRUPT.
.global wfi_trap
wfi_trap:
    mov     x26, #VS_BLOCKED_INTERRUPT
    mov     x27, #1
    mov     x28, #A_WFI_TRAP
    b       switch_out_secondary

// api_yield: X3 (a physical IRQ, trace-driven): ready, the primary gets YIELD.
.global api_yield
api_yield:
    mov     x26, #VS_READY
    mov     x27, #0
    mov     x28, #A_API_YIELD
    b       switch_out_secondary

// cpu_main: a CPU started by CPU_ON enters: the primary's vCPU of this CPU becomes current. Only this CPU's own
// state changes (its psci_cpu_on published cpu_op = cpu_entry with a store-release, which this CPU acquired).
.global cpu_main
cpu_main:
    mrs     x19, tpidr_el2
    primary_of_cpu x20
    mov     x0, x20
    bl      vcpu_load
    mov     x0, #OP_GUEST
    str     x0, [x19, #CPU_OP]
    stp     xzr, xzr, [x19, #CPU_OP_A]
    str     xzr, [x19, #CPU_OP_C]
    ldr     x8, [x20, #VCPU_X0_VALID]     // ret: the x0 the primary's vCPU starts with, if a value
    ldr     x9, [x20, #VCPU_REGS]
    mov     x0, #A_CPU_MAIN
    mov     x1, x8
    mov     x2, x9
    mov     x3, #0
    bl      rec_open
    mov     x0, x19
    bl      rec_cpu_current
    mov     x0, x19
    bl      rec_cpu_op
    bl      rec_close
    mov     x0, #A_CPU_MAIN
    mov     x1, x8
    mov     x2, x9
    mov     x3, #0
    b       step_finish
