// freerun.S: free-running modes: the CPUs take the atomic steps of their current vCPUs or pending continuations
// on their own, the guests' calls chosen at EL2 from a per-CPU random seed (xorshift64). A send's payload is the
// pattern byte j = (b + j) & 0xff with b = x3 of the send (which Hafnium ignores): b depends only on the sending
// VM and the random seed, so vCPUs of one VM that write their shared send page at the same time write the same
// bytes.
//   MODE_CONTENDED (the default): no global lock. Each CPU runs its guest concurrently and takes only Hafnium's
//     locks; each step commits (sequence number and record) inside the lock region that makes it take effect
//     (record.S, docs/harness.md). A CPU waits for a held lock by spinning, as Hafnium does.
//   MODE_SERIALISED: one step at a time under a global ticket lock (steps that would spin on a lock held across
//     steps, or on an unsaved context, are not chosen); the event order is trivially a linearization, and
//     Hafnium's locks are never contended. Kept as the baseline of the contention figures.
.include "layout.inc"
.text

// rng_next: the next pseudo-random number of this CPU.
//   in:  x19 = struct cpu *; out: x0 = random 64-bit value; clobbers x1
rng_next:
    ldr     x0, [x19, #CPU_RNG]
    eor     x0, x0, x0, lsl #13
    eor     x0, x0, x0, lsr #7
    eor     x0, x0, x0, lsl #17
    str     x0, [x19, #CPU_RNG]
    ret

// rng_below: a random number in 0..n-1.
//   in:  x0 = n (> 0), x19 = struct cpu *; out: x0; clobbers x1, x2
rng_below:
    mov     x2, x0
    mov     x1, x30
    bl      rng_next
    mov     x30, x1
    lsr     x0, x0, #11
    udiv    x1, x0, x2
    msub    x0, x1, x2, x0
    ret

// rng_secondary_vcpu: a random secondary vCPU (any of its VM's vCPUs).
//   in:  x19 = struct cpu *, vm_count > 1; out: x26 = VM id (1..vm_count-1), x27 = vCPU index; clobbers x0-x2
rng_secondary_vcpu:
    str     x30, [sp, #-16]!
    ldr     x0, =g_vm_count
    ldr     x0, [x0]
    sub     x0, x0, #1
    bl      rng_below
    add     x26, x0, #1
    ldr     x0, =g_vms
    mov     x1, #VM_SIZE
    madd    x0, x26, x1, x0
    ldr     x0, [x0, #VM_VCPU_COUNT]
    bl      rng_below
    mov     x27, x0
    ldr     x30, [sp], #16
    ret

// vm_lock_held_by_other: whether another CPU holds VM vm's lock across steps (a blocking receive).
//   in:  x0 = struct vm *, x19 = this cpu; out: x0 = 1 if held by another CPU; clobbers x1-x4
vm_lock_held_by_other:
    add     x0, x0, #VM_LOCK
    ldr     x1, =g_cpus
    mov     x2, #0
1:  cmp     x2, #MAX_CPUS
    b.hs    3f
    cmp     x1, x19
    b.eq    2f
    ldr     x3, [x1, #CPU_HELD]
    cmp     x3, x0
    b.eq    4f
2:  add     x1, x1, #CPU_SIZE
    add     x2, x2, #1
    b       1b
3:  mov     x0, #0
    ret
4:  mov     x0, #1
    ret

// step_lock_take: take the global step lock, a ticket lock so that every CPU gets its turn (FIFO).
//   in: none; out: none; clobbers x0-x3
.global step_lock_take
step_lock_take:
    ldr     x0, =g_step_lock
1:  ldaxr   x1, [x0]
    add     x2, x1, #1
    stxr    w3, x2, [x0]
    cbnz    w3, 1b
    add     x0, x0, #8
    spin_on x0, x2
    sevl
2:  wfe
    ldaxr   x2, [x0]
    cmp     x2, x1
    b.ne    2b
    clrex
    spin_off x2
    ret

// step_lock_release: serve the next ticket.
//   in: none; out: none; clobbers x0, x1
.global step_lock_release
step_lock_release:
    ldr     x0, =g_step_lock
    ldr     x1, [x0, #8]
    add     x1, x1, #1
    add     x0, x0, #8
    stlr    x1, [x0]
    sev
    ret

// free_contended_loop: a CPU's life in contended mode. A pending continuation is always taken (so no CPU stops
// while holding a lock across steps, or with a register save another CPU waits for); otherwise the CPU stops once
// the step budget (g_nsteps sequence numbers) is used up, so a trace has the budget plus at most a few steps per
// CPU. An off CPU waits for cpu_op = cpu_entry (store-release of psci_cpu_on on another CPU).
//   in: none; out: never returns (cpu_trace_done)
.global free_contended_loop
free_contended_loop:
    mrs     x19, tpidr_el2
    ldr     x0, [x19, #CPU_STACK_TOP]
    mov     sp, x0
    add     x20, x19, #CPU_FREE_STEP
    stp     xzr, xzr, [x20, #ST_X0]       // continuations carry no registers
    stp     xzr, xzr, [x20, #ST_X2]
    stp     xzr, xzr, [x20, #ST_POFF]
    str     xzr, [x20, #ST_PDEST]
    str     xzr, [x20]                    // cpu, kind = K_CONT, flags
    ldr     x0, [x19, #CPU_ID]
    strb    w0, [x20, #ST_CPU]
    add     x0, x19, #CPU_OP
    ldar    x2, [x0]
    cmp     x2, #OP_MAILBOX_SEND
    b.eq    mailbox_send_deliver
    cmp     x2, #OP_MAILBOX_RECEIVE
    b.eq    mailbox_receive_wait
    cmp     x2, #OP_MAILBOX_SEND_SWITCH
    b.eq    mailbox_send_switch
    cmp     x2, #OP_VCPU_SWITCH
    b.eq    free_switch
    ldr     x0, =g_seq
    ldr     x0, [x0]
    ldr     x1, =g_nsteps
    ldr     x1, [x1]
    cmp     x0, x1
    b.hs    cpu_trace_done
    cmp     x2, #OP_GUEST
    b.eq    free_guest
    cmp     x2, #OP_CPU_ENTRY
    b.eq    cpu_main
    wfe                                   // off: wait for a CPU_ON
    b       free_contended_loop

// free_step_loop: a CPU's life in serialised mode; stops when the step budget (g_nsteps) is used up.
//   in: none; out: never returns (cpu_trace_done)
.global free_step_loop
free_step_loop:
    mrs     x19, tpidr_el2
    ldr     x0, [x19, #CPU_STACK_TOP]
    mov     sp, x0
    bl      step_lock_take
    ldr     x0, =g_seq
    ldr     x0, [x0]
    ldr     x1, =g_nsteps
    ldr     x1, [x1]
    cmp     x0, x1
    b.hs    9f
    add     x20, x19, #CPU_FREE_STEP
    stp     xzr, xzr, [x20, #ST_X0]       // continuations and IRQs carry no registers
    stp     xzr, xzr, [x20, #ST_X2]
    stp     xzr, xzr, [x20, #ST_POFF]
    str     xzr, [x20, #ST_PDEST]
    str     xzr, [x20]                    // cpu, kind = K_CONT, flags
    ldr     x0, [x19, #CPU_ID]
    strb    w0, [x20, #ST_CPU]
    ldr     x2, [x19, #CPU_OP]
    cmp     x2, #OP_GUEST
    b.eq    free_guest
    cmp     x2, #OP_OFF
    b.eq    8f
    cmp     x2, #OP_CPU_ENTRY
    b.eq    cpu_main
    cmp     x2, #OP_MAILBOX_RECEIVE
    b.eq    mailbox_receive_wait
    cmp     x2, #OP_MAILBOX_SEND_SWITCH
    b.eq    mailbox_send_switch
    cmp     x2, #OP_VCPU_SWITCH
    b.eq    vcpu_switch
    // mailbox_send_deliver: enabled unless the recipient's vm.lock is held across steps by another CPU
    ldr     x4, [x19, #CPU_OP_A]
    ldr     x0, =g_vms
    mov     x1, #VM_SIZE
    madd    x0, x4, x1, x0
    bl      vm_lock_held_by_other
    cbnz    x0, 8f
    b       mailbox_send_deliver
8:  bl      step_lock_release            // nothing enabled here now: let the others move
    b       free_step_loop
9:  bl      step_lock_release
    b       cpu_trace_done

// free_switch: contended mode's register save, aimed at the windows (IF_AIM_WINDOWS): when the vCPU to save is a
// secondary, the CPU first waits, with probability 1/2, until 1..4 more steps (random) have been taken by the
// other CPUs, or a bounded spin ran out. Its decision is already published, its registers are not saved: a
// vcpu_run of that vCPU on another CPU, or a delivery to it, lands in the window. It holds no lock meanwhile.
//   in: x19 = cpu; out: branches to vcpu_switch
free_switch:
    ldr     x0, =g_in_flags
    ldr     x0, [x0]
    tbz     x0, #0, vcpu_switch           // IF_AIM_WINDOWS
    ldr     x0, [x19, #CPU_CURRENT]
    ldr     x0, [x0, #VCPU_VM]
    ldr     x0, [x0, #VM_ID]
    cbz     x0, vcpu_switch
    bl      rng_next
    tbz     x0, #20, vcpu_switch
    mov     x0, #4
    bl      rng_below
    add     x3, x0, #1
    ldr     x1, =g_seq
    ldr     x2, [x1]
    add     x3, x3, x2                    // the sequence number to wait for
    ldr     x4, =200000                   // the bound (the others may all be waiting for this save)
    spin_on x1, x0
1:  ldr     x2, [x1]
    cmp     x2, x3
    b.hs    2f
    subs    x4, x4, #1
    b.ne    1b
2:  str     xzr, [x19, #CPU_SPIN]
    b       vcpu_switch

// free_guest: choose the current vCPU's next call, write it as this CPU's step and issue it. A command the guest
// has not taken yet (it was preempted before it could) is taken first, unchanged. The choice follows what the
// guest learned from its own calls (free_learn): a VM that has not configured its mailbox mostly configures, one
// holding a message it was handed mostly clears it, so workloads keep delivering in both semantics. A secondary's
// "IRQ" is, in contended mode, a real SGI to a random CPU (the secondary running there is preempted), in serialised
// mode the trace-driven api_yield of this vCPU. WFI is rare at aa039b39, where nothing ever wakes a vCPU from it.
//   in:  x19 = cpu, x20 = its step record (serialised: step lock held); out: issues the step (never returns)
free_guest:
    ldr     x21, [x19, #CPU_CURRENT]
    ldr     x22, [x21, #VCPU_VM]
    ldr     x23, [x22, #VM_ID]
    ldr     x0, [x21, #VCPU_CMD]
    ldr     x1, [x0, #CMD_SEQ]
    ldr     x2, [x0, #CMD_ACK]
    cmp     x1, x2
    b.ne    guest_enter
    bl      free_learn
    mov     x24, #0
    ldr     x0, =g_mode
    ldr     x0, [x0]
    cmp     x0, #MODE_SERIALISED
    b.ne    1f
    mov     x0, x22
    bl      vm_lock_held_by_other
    mov     x24, x0                       // serialised: own vm.lock unavailable: no send/receive/clear/configure
1:  mov     x0, #100
    bl      rng_below
    mov     x25, x0
    cbz     x23, free_primary
    // a secondary
    cmp     x25, #10
    b.lo    free_irq
    cmp     x25, #60
    b.hs    free_secondary_roll
    ldr     x0, [x22, #VM_G_CONFIGURED]
    cbz     x0, free_configure
    ldr     x0, [x22, #VM_G_TOCLEAR]
    cbnz    x0, free_clear
free_secondary_roll:
    cmp     x25, #40
    b.lo    free_send
    cmp     x25, #60
    b.lo    free_receive
    cmp     x25, #65
    b.lo    free_clear
    cmp     x25, #68
    b.lo    free_configure
    cmp     x25, #76
    b.lo    free_get_count
    cmp     x25, #82
    b.lo    free_wfi
    cmp     x25, #92
    b.lo    free_cpu_on_own
    b       free_unknown
free_primary:
    cmp     x25, #40
    b.hs    3f
    ldr     x0, [x22, #VM_G_CONFIGURED]
    cbz     x0, free_configure
    ldr     x0, [x22, #VM_G_TOCLEAR]
    cbnz    x0, free_clear
3:  cmp     x25, #50
    b.lo    free_run
    cmp     x25, #55
    b.lo    free_configure
    cmp     x25, #75
    b.lo    free_send
    cmp     x25, #79
    b.lo    free_clear
    cmp     x25, #82
    b.lo    free_get_count
    cmp     x25, #91
    b.lo    free_cpu_on
    cmp     x25, #96
    b.lo    free_inject
    b       free_unknown

// free_learn: what the guest learned from the result of its last call, which it is about to see in x0 (only when
// it resumes at the return point of that call): a configure that returned 0 (its VM's mailbox is configured), a
// receive that returned a message or a primary's vcpu_run that returned MESSAGE (its VM holds a message it was
// handed: clear it), a clear (nothing left to clear). Kept per VM (VM_G_*); only the guest's own values are read.
//   in: x19 = cpu, x21 = vCPU, x22 = its VM; out: none; clobbers x0-x3
free_learn:
    ldr     x0, [x21, #VCPU_AT_RETURN]
    cbz     x0, 9f
    ldr     x0, [x21, #VCPU_CMD]
    ldr     x1, [x0, #CMD_KIND]
    cmp     x1, #K_HVC
    b.ne    9f
    ldr     w1, [x0, #CMD_X0]             // the function id (u32)
    ldr     x2, [x19, #CPU_FRAME]         // its result
    mov     w3, #0xff03
    cmp     w1, w3
    b.ne    1f
    cbnz    x2, 9f
    mov     x0, #1
    str     x0, [x22, #VM_G_CONFIGURED]
    ret
1:  mov     w3, #0xff05
    cmp     w1, w3
    b.ne    2f
    cmn     x2, #1
    b.eq    9f
    mov     x0, #1
    str     x0, [x22, #VM_G_TOCLEAR]
    ret
2:  mov     w3, #0xff06
    cmp     w1, w3
    b.ne    3f
    str     xzr, [x22, #VM_G_TOCLEAR]
    ret
3:  mov     w3, #0xff00
    cmp     w1, w3
    b.ne    9f
    and     x2, x2, #0xff
    cmp     x2, #3                        // MESSAGE
    b.ne    9f
    mov     x0, #1
    str     x0, [x22, #VM_G_TOCLEAR]
9:  ret

// free_hvc: finish the step record as an HVC with x0..x3 = x0..x3 and issue it.
free_hvc:
    stp     x0, x1, [x20, #ST_X0]
    stp     x2, x3, [x20, #ST_X2]
    mov     w4, #K_HVC
    strb    w4, [x20, #ST_KIND]
    b       guest_issue

free_get_count:
    mov     x0, #0xff01
    mov     x1, #0
    mov     x2, #0
    mov     x3, #0
    cbnz    x23, free_hvc
    ldr     x1, =g_vm_count               // the primary asks the vCPU count of some VM (or one too many)
    ldr     x1, [x1]
    add     x0, x1, #1
    bl      rng_below
    mov     x1, x0
    mov     x0, #0xff02
    mov     x2, #0
    b       free_hvc

free_unknown:
    mov     x0, #50
    bl      rng_below
    mov     x1, #0xff07
    add     x0, x0, x1
    mov     x1, #0
    mov     x2, #0
    mov     x3, #0
    b       free_hvc

// free_configure: the send page is the VM's first page, the receive page the next (as the reference's workloads).
free_configure:
    cbnz    x24, free_get_count
    ldr     x1, [x22, #VM_BASE]
    add     x2, x1, #PAGE_SIZE
    mov     x0, #0xff03
    mov     x3, #0
    b       free_hvc

free_clear:
    cbnz    x24, free_get_count
    mov     x0, #0xff06
    mov     x1, #0
    mov     x2, #0
    mov     x3, #0
    b       free_hvc

// free_receive: blocking or not at random; at aa039b39 never blocking where no send could end the wait (the guest
// knows its mailbox is not configured, or holds a message it has not cleared).
free_receive:
    cbnz    x24, free_get_count
    mov     x0, #2
    bl      rng_below
    mov     x1, x0
    ldr     x0, =g_corrections
    ldr     x0, [x0]
    tbnz    x0, #C_BLOCK_ONLY_WHEN_DELIVERABLE, 1f
    ldr     x0, [x22, #VM_G_CONFIGURED]
    cbnz    x0, 2f
    mov     x1, #0
2:  ldr     x0, [x22, #VM_G_TOCLEAR]
    cbz     x0, 1f
    mov     x1, #0
1:  mov     x0, #0xff05
    mov     x2, #0
    mov     x3, #0
    b       free_hvc

// free_send: to a random VM (possibly itself), a random size 0..4096 with the pattern payload staged for the
// guest to copy into its send page (the VM's first page); x3 = the pattern base b = (random seed + 0x35 * VM id)
// & 0xff, so vCPUs of one VM writing their shared send page at once write the same bytes.
free_send:
    cbnz    x24, free_get_count
    ldr     x0, =g_vm_count
    ldr     x0, [x0]
    bl      rng_below
    mov     x26, x0
    ldr     x0, =4097
    bl      rng_below
    mov     x27, x0
    str     x27, [x20, #ST_PLEN]
    ldr     x0, [x22, #VM_BASE]
    str     x0, [x20, #ST_PDEST]
    ldr     x0, [x21, #VCPU_STAGE]        // the pattern, written where the guest picks its payload up
    ldr     x1, =g_free_seed
    ldr     x1, [x1]
    mov     x2, #0x35
    madd    x1, x23, x2, x1
    and     x1, x1, #0xff
    mov     x28, x1
    mov     x2, #0
1:  cmp     x2, x27
    b.hs    2f
    add     x3, x1, x2
    strb    w3, [x0, x2]
    add     x2, x2, #1
    b       1b
2:  ldr     x0, =INPUT_BASE               // guest_issue copies ST_POFF..+ST_PLEN from the input area:
    ldr     x1, [x21, #VCPU_STAGE]        // point it at the staging page itself
    sub     x1, x1, x0
    str     x1, [x20, #ST_POFF]
    mov     x0, #0xff04
    mov     x1, x26
    mov     x2, x27
    mov     x3, x28
    b       free_hvc

// free_run: the primary runs a random secondary vCPU, unless (serialised) save-before-publish makes that decision
// wait; in contended mode the decision really waits.
free_run:
    ldr     x0, =g_vm_count
    ldr     x0, [x0]
    cmp     x0, #1
    b.ls    free_get_count
    bl      rng_secondary_vcpu            // x26 = VM, x27 = vCPU
    ldr     x1, =g_mode
    ldr     x1, [x1]
    cmp     x1, #MODE_CONTENDED
    b.eq    1f
    ldr     x1, =g_corrections
    ldr     x1, [x1]
    tbz     x1, #C_SAVE_BEFORE_PUBLISH, 1f
    ldr     x2, =g_vcpus
    mov     x3, #(MAX_VCPUS * VCPU_SIZE)
    madd    x2, x26, x3, x2
    mov     x3, #VCPU_SIZE
    madd    x2, x27, x3, x2
    ldr     x3, [x2, #VCPU_REGS_AVAIL]
    cbnz    x3, 1f
    ldr     x3, [x2, #VCPU_STATE]
    cmp     x3, #VS_READY
    b.eq    free_get_count
    cmp     x3, #VS_BLOCKED_INTERRUPT
    b.eq    free_get_count
1:  mov     x0, #0xff00
    mov     x1, x26
    mov     x2, x27
    mov     x3, #0
    b       free_hvc

// free_inject: the primary injects an interrupt into a random secondary vCPU (VM 1..vm_count-1; an unknown id
// when vm_count is 1); 0xff07 is an unknown id without wfi-wake-on-interrupt.
free_inject:
    ldr     x0, =g_vm_count
    ldr     x0, [x0]
    cmp     x0, #1
    b.ls    1f
    bl      rng_secondary_vcpu
    mov     x1, x26
    mov     x2, x27
    b       2f
1:  mov     x1, #1
    mov     x2, #0
2:  mov     x0, #0xff07
    mov     x3, #0
    b       free_hvc

// free_cpu_on: the primary starts a CPU (targets 1..NumCPUs: NumCPUs is unknown, -2; CPU 0 is on) at the guest
// program's entry, context id random.
free_cpu_on:
    ldr     x0, =g_ncpus
    ldr     x0, [x0]
    bl      rng_below
    add     x26, x0, #1
    bl      rng_next
    mov     x3, x0
    mov     x1, x26
    ldr     x2, =PRIV_IPA
    ldr     x0, =0x84000003
    b       free_hvc

// free_cpu_on_own: a secondary starts one of its own vCPUs (secondary-vcpu-on; an unknown index sometimes).
free_cpu_on_own:
    ldr     x0, [x22, #VM_VCPU_COUNT]
    add     x0, x0, #1
    bl      rng_below
    mov     x26, x0
    bl      rng_next
    mov     x3, x0
    mov     x1, x26
    ldr     x2, =PRIV_IPA
    ldr     x0, =0x84000003
    b       free_hvc

// free_irq: contended: a real SGI to a random CPU (possibly this one: then it preempts this secondary as soon as it
// is entered), then a call chosen as usual; serialised: this vCPU's trace-driven api_yield (a real IRQ could
// preempt a guest about to spin on a lock held across steps, which the serialised choice must rule out).
free_irq:
    ldr     x0, =g_mode
    ldr     x0, [x0]
    cmp     x0, #MODE_CONTENDED
    b.ne    1f
    ldr     x0, =g_ncpus
    ldr     x0, [x0]
    bl      rng_below
    mov     x1, #1
    lsl     x0, x1, x0
    bl      gic_send_sgi
    mov     x0, #90                       // re-roll among the other calls
    bl      rng_below
    add     x25, x0, #10
    b       free_secondary_roll
1:  mov     w4, #K_IRQ                    // the IRQ path at the point the guest would be resumed
    strb    w4, [x20, #ST_KIND]
    mov     x0, x21
    bl      entry_save
    b       api_yield

// free_wfi: a WFI (trapped): with wfi-wake-on-interrupt the primary's interrupt_inject wakes it; at aa039b39
// nothing does, so only one WFI choice in 8 is kept there (the others ask for the VM count).
free_wfi:
    ldr     x0, =g_corrections
    ldr     x0, [x0]
    tbnz    x0, #C_WFI_WAKE_ON_INTERRUPT, 1f
    mov     x0, #8
    bl      rng_below
    cbnz    x0, free_get_count
1:  mov     w4, #K_WFI
    strb    w4, [x20, #ST_KIND]
    b       guest_issue
