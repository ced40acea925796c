// replay.S: the shared step counter and the per-CPU step loop. In replay mode the CPUs take the steps of the
// input table in order: g_step_idx is the index of the next step; the CPU a step names waits for it with WFE
// (load-acquire), executes it, records its event and advances the counter with a store-release and SEV.
// Between traces all CPUs meet in a barrier (g_gen) and CPU 0 resets every structure.
.include "layout.inc"
.text

// current_step: the step the counter points at.
//   in: none; out: x0 = step address; clobbers x1, x2
.global current_step
current_step:
    ldr     x1, =g_mode
    ldr     x1, [x1]
    cbz     x1, 1f
    mrs     x0, tpidr_el2
    add     x0, x0, #CPU_FREE_STEP
    ret
1:  ldr     x1, =g_step_idx
    ldr     x1, [x1]
    ldr     x2, =g_steps
    ldr     x2, [x2]
    add     x0, x2, x1, lsl #6
    ret

// wait_my_step: wait until the next step is this CPU's, or the trace is over.
//   in: none; out: x0 = step address, or 0 at the end of the trace; clobbers x1-x6
wait_my_step:
    mrs     x3, tpidr_el2
    ldr     x3, [x3, #CPU_ID]
    ldr     x1, =g_step_idx
    ldr     x4, =g_nsteps
    ldr     x4, [x4]
    ldr     x5, =g_steps
    ldr     x5, [x5]
    spin_on x1, x6
    sevl
1:  wfe
    ldaxr   x2, [x1]
    cmp     x2, x4
    b.hs    2f
    add     x0, x5, x2, lsl #6
    ldrb    w6, [x0, #ST_CPU]
    cmp     x6, x3
    b.ne    1b
    clrex
    spin_off x6
    ret
2:  clrex
    spin_off x6
    mov     x0, #0
    ret

// step_advance: the step is done: counter + 1 (store-release), wake the other CPUs.
//   in: none; out: none; clobbers x0, x1
step_advance:
    ldr     x0, =g_mode
    ldr     x0, [x0]
    cbz     x0, 1f
    cmp     x0, #MODE_SERIALISED
    b.eq    step_lock_release
    ret                                   // contended: no step counter, no step lock
1:  ldr     x0, =g_step_idx
    ldr     x1, [x0]
    add     x1, x1, #1
    stlr    x1, [x0]
    sev
    ret

// step_finish: common tail of every step: optionally hand the value to the caller (fast path: x0 = value,
// x1..x17 = 0, as Hafnium's HVC return; slow path, a trapped SMC: r0 = value, the other registers as saved),
// record the event (with the guest's register check, CPU_CHECK), advance the counter, go back to the step loop.
//   in:  x0 = action, x1 = flags (F_*), x2 = ret, x3 = aux; out: branches to step_loop
.global step_finish
step_finish:
    mrs     x9, tpidr_el2
    tbz     x1, #3, 2f                    // F_TO_CALLER
    add     x10, x9, #CPU_FRAME
    str     x2, [x10], #8
    ldr     x11, [x9, #CPU_SLOW]
    cbnz    x11, 11f
    ldr     x11, =g_sabotage
    ldr     x11, [x11]
    tbnz    x11, #0, 2f                   // SAB_NO_ZERO (self-test)
    mov     x11, #17
1:  str     xzr, [x10], #8
    subs    x11, x11, #1
    b.ne    1b
    b       2f
11: str     xzr, [x9, #CPU_SLOW]          // slow path (SMC): r0 = the result in the buffer too, x1..x17 kept
    stp     x0, x1, [sp, #-32]!
    stp     x2, x3, [sp, #16]
    ldr     x0, [x9, #CPU_CURRENT]
    bl      regs_lock
    ldr     x0, [x9, #CPU_CURRENT]
    ldr     x2, [sp, #16]
    str     x2, [x0, #VCPU_REGS]
    bl      regs_unlock
    ldp     x2, x3, [sp, #16]
    ldp     x0, x1, [sp], #32
    mrs     x9, tpidr_el2
2:  ldr     x10, =g_mode
    ldr     x10, [x10]
    cmp     x10, #MODE_CONTENDED
    b.eq    4f
    mov     x4, #0
    tbz     x1, #2, 3f                    // F_VCPU_ACTOR
    ldr     x4, [x9, #CPU_CURRENT]
3:  and     x1, x1, #3
    bl      emit_event
    mrs     x9, tpidr_el2
    str     xzr, [x9, #CPU_CHECK]
    bl      step_advance
    b       step_loop
4:  ldr     x10, [x9, #CPU_REC_DONE]      // contended: a step that took no lock and changed only this CPU's
    cbnz    x10, 5f                       // own state (or nothing) commits here
    bl      rec_open
    bl      rec_close
5:  mrs     x9, tpidr_el2
    str     xzr, [x9, #CPU_REC_DONE]
    str     xzr, [x9, #CPU_CHECK]
    b       step_loop

// trace_error: stop the trace: record the status and info (first error wins), then move the counter to the end
// so that every CPU leaves its step loop.
//   in:  x0 = status (ERR_*), x1..x4 = info words; out: branches to cpu_trace_done
.global trace_error
trace_error:
    ldr     x9, =g_trace_status
    ldr     x10, [x9]
    cbnz    x10, 1f
    ldr     x10, =g_step_idx
    ldr     x10, [x10]
    stp     x0, x10, [x9]
    stp     x1, x2, [x9, #16]
    stp     x3, x4, [x9, #32]
    mrs     x10, tpidr_el2
    ldr     x10, [x10, #CPU_ID]
    str     x10, [x9, #48]
1:  ldr     x0, =g_mode
    ldr     x0, [x0]
    cbz     x0, 2f
    ldr     x1, =g_nsteps                 // free-running: no step budget left (the others finish their
    str     xzr, [x1]                     // continuations and stop); serialised: release the step lock
    cmp     x0, #MODE_SERIALISED
    b.ne    cpu_trace_done
    bl      step_lock_release
    b       cpu_trace_done
2:  ldr     x0, =g_nsteps
    ldr     x1, [x0]
    ldr     x0, =g_step_idx
    stlr    x1, [x0]
    sev
    b       cpu_trace_done

// step_loop: the body of a CPU during a trace. Takes this CPU's next step: a guest action is handed to the
// current vCPU through its command slot and an ERET (the guest traps back into lower_sync); an IRQ step raises a
// real interrupt (raise_irq); a continuation step runs what cpu_op names.
//   in: none; out: never returns (cpu_trace_done at the end of the trace)
.global step_loop
step_loop:
    mrs     x19, tpidr_el2
    ldr     x0, [x19, #CPU_STACK_TOP]
    mov     sp, x0
    ldr     x0, =g_mode
    ldr     x0, [x0]
    cmp     x0, #MODE_SERIALISED
    b.eq    free_step_loop
    cmp     x0, #MODE_CONTENDED
    b.eq    free_contended_loop
    bl      wait_my_step
    cbz     x0, cpu_trace_done
    mov     x20, x0
    ldrb    w1, [x20, #ST_KIND]
    ldr     x2, [x19, #CPU_OP]
    cmp     x2, #OP_GUEST
    b.ne    5f
    cmp     w1, #K_IRQ
    b.eq    raise_irq
    cmp     w1, #K_EL2_ALIGN_TEST
    b.eq    el2_alignment_selftest
    cmp     w1, #K_HOLD_LOCK_TEST
    b.eq    hold_lock_selftest
    cmp     w1, #K_CONT
    b.eq    step_kind_mismatch
    cmp     w1, #K_FP
    b.hi    step_kind_mismatch
    b       guest_issue
5:  cbnz    w1, step_kind_mismatch
    cmp     x2, #OP_CPU_ENTRY
    b.eq    cpu_main
    cmp     x2, #OP_MAILBOX_SEND
    b.eq    mailbox_send_deliver
    cmp     x2, #OP_MAILBOX_RECEIVE
    b.eq    mailbox_receive_wait
    cmp     x2, #OP_MAILBOX_SEND_SWITCH
    b.eq    mailbox_send_switch
    cmp     x2, #OP_VCPU_SWITCH
    b.eq    vcpu_switch
.global step_kind_mismatch
step_kind_mismatch:
    mov     x0, #ERR_STEP_KIND
    ldr     x1, [x19, #CPU_OP]
    ldrb    w2, [x20, #ST_KIND]
    mov     x3, #0
    ldr     x4, [x19, #CPU_ID]
    b       trace_error

// el2_alignment_selftest: a deliberately misaligned 8-byte load at EL2; with SCTLR_EL2.A set it takes an
// alignment fault, which must reach el2_fatal (ESR/ELR/FAR printed, exit status 3).
//   in: none; out: does not return
el2_alignment_selftest:
    ldr     x0, =g_step_idx
    add     x0, x0, #1
    ldr     x1, [x0]
    b       step_kind_mismatch            // reached only if the MMU does not check alignment

// raise_irq: an IRQ step: a real physical interrupt, the EL2 timer armed to fire IRQ_DELAY ticks (about 32 us)
// after the secondary is entered: the guest runs (it finishes its register check and waits for a command, which
// does not come) until the IRQ preempts it (lower_irq, api_yield). The primary takes no IRQ at EL2 (its IRQs stay
// at its masked EL1), so an IRQ step of a primary does not fit.
//   in:  x19 = struct cpu *, x20 = step; out: does not return
.equ IRQ_DELAY, 2000
raise_irq:
    ldr     x0, [x19, #CPU_CURRENT]
    ldr     x0, [x0, #VCPU_VM]
    ldr     x0, [x0, #VM_ID]
    cbz     x0, step_kind_mismatch
    mov     x0, #IRQ_DELAY
    bl      timer_arm
    b       guest_enter

// hold_lock_selftest: take VM x1's vm.lock and keep it: the next step that needs it spins forever, which the
// driver's watchdog must report (CPU, PC, the lock). Recorded as an unknown call of the CPU.
//   in:  x19 = struct cpu *, x20 = step; out: branches to step_finish
hold_lock_selftest:
    ldr     x0, [x20, #ST_X1]
    and     x0, x0, #(MAX_VMS - 1)
    ldr     x1, =g_vms
    mov     x2, #VM_SIZE
    madd    x0, x0, x2, x1
    bl      sl_lock
    mov     x0, #A_HVC_UNKNOWN
    mov     x1, #0
    mov     x2, #0
    mov     x3, #0
    b       step_finish

// guest_issue: write the step's command (kind, x0..x3, payload length and destination, the payload into the
// staging page) into the current vCPU's command slot, then its number (CMD_SEQ, store-release), and ERET into it.
// A command is written only when the guest took the previous one (CMD_ACK = CMD_SEQ); otherwise (free-running: a
// vCPU preempted before it took its command) the guest is resumed and takes the pending one.
//   in:  x19 = struct cpu *, x20 = step; out: does not return
guest_issue:
.global guest_issue
    ldr     x21, [x19, #CPU_CURRENT]
    ldr     x22, [x21, #VCPU_CMD]
    ldr     x23, [x22, #CMD_SEQ]
    ldr     x0, [x22, #CMD_ACK]
    cmp     x0, x23
    b.ne    guest_enter
    ldrb    w0, [x20, #ST_KIND]
    str     x0, [x22, #CMD_KIND]
    ldp     x0, x1, [x20, #ST_X0]
    stp     x0, x1, [x22, #CMD_X0]
    ldp     x0, x1, [x20, #ST_X2]
    stp     x0, x1, [x22, #CMD_X2]
    ldr     x2, [x20, #ST_PLEN]
    ldr     x3, [x20, #ST_PDEST]
    stp     x2, x3, [x22, #CMD_PLEN]
    ldr     x0, [x21, #VCPU_STAGE]
    ldr     x1, [x20, #ST_POFF]
    ldr     x3, =INPUT_BASE
    add     x1, x1, x3
    bl      byte_copy
    add     x23, x23, #1
    add     x0, x22, #CMD_SEQ
    stlr    x23, [x0]
    b       guest_enter

// cpu_trace_done: this CPU is finished with the trace: report to the barrier; CPU 0 then closes the trace,
// the others wait for the next generation.
//   in: none; out: never returns
.global cpu_trace_done
cpu_trace_done:
    mrs     x19, tpidr_el2
    ldr     x0, [x19, #CPU_STACK_TOP]
    mov     sp, x0
    ldr     x0, [x19, #CPU_WAIT_GEN]
    add     x1, x19, #CPU_DONE_GEN
    stlr    x0, [x1]
    sev
    add     x0, x0, #1
    str     x0, [x19, #CPU_WAIT_GEN]
    ldr     x1, [x19, #CPU_ID]
    cbz     x1, trace_finish
    b       cpu_run_loop

// cpu_run_loop: a CPU other than 0 waits for the next trace (generation), then runs its steps or, when the trace
// has fewer CPUs, reports done at once.
//   in: none; out: never returns
.global cpu_run_loop
cpu_run_loop:
    mrs     x19, tpidr_el2
    ldr     x0, [x19, #CPU_STACK_TOP]
    mov     sp, x0
    ldr     x20, [x19, #CPU_WAIT_GEN]
    ldr     x1, =g_gen
    spin_on x1, x2
    sevl
1:  wfe
    ldaxr   x2, [x1]
    cmp     x2, x20
    b.lo    1b
    clrex
    spin_off x2
    ldr     x0, =g_exit
    ldr     x0, [x0]
    cbnz    x0, 3f
    bl      gic_drain                     // no interrupt of the last trace preempts this one
    ldr     x0, [x19, #CPU_ID]
    ldr     x1, =g_ncpus
    ldr     x1, [x1]
    cmp     x0, x1
    b.hs    cpu_trace_done
    b       step_loop
3:  wfe
    b       3b

// trace_finish: CPU 0 after its own part of a trace: wait until every started CPU reported done, write the
// TRACE_END record and go on with the batch.
//   in: none; out: branches to batch_next
trace_finish:
    ldr     x20, =g_gen
    ldr     x20, [x20]
    ldr     x21, =g_nphys
    ldr     x21, [x21]
    mov     x22, #1
1:  cmp     x22, x21
    b.hs    3f
    ldr     x0, =g_cpus
    mov     x1, #CPU_SIZE
    madd    x0, x22, x1, x0
    add     x0, x0, #CPU_DONE_GEN
    spin_on x0, x1
    sevl
2:  wfe
    ldaxr   x1, [x0]
    cmp     x1, x20
    b.lo    2b
    clrex
    spin_off x1
    add     x22, x22, #1
    b       1b
3:  ldr     x0, =g_mode
    ldr     x0, [x0]
    cbz     x0, 4f
    bl      rec_flush_all                 // free-running: the CPUs' records, then the contention counters
4:  bl      release_held_locks
    bl      emit_trace_end
    ldr     x0, =g_trace_idx
    ldr     x1, [x0]
    add     x1, x1, #1
    str     x1, [x0]
    b       batch_next

// release_held_locks: nothing to do: trace_setup zeroes every lock; kept as the single place that would release
// locks a trace left held (a blocking receive that never continued).
//   in: none; out: none
release_held_locks:
    ret

// trace_setup: CPU 0 resets every structure for trace g_trace_idx from the input table: the shape, the
// corrections, VMs and vCPUs as boot leaves them (vCPU 0 of every VM ready at its guest entry, the primary's
// vCPU 0 current on CPU 0), mailboxes empty, locks free, then records TRACE_BEGIN.
//   in: none; out: none; clobbers x0-x15, x19-x28
.global trace_setup
trace_setup:
    stp     x29, x30, [sp, #-16]!
    ldr     x0, =g_trace_idx
    ldr     x0, [x0]
    ldr     x1, =INPUT_BASE
    add     x2, x1, #IN_TABLE
    ldr     x2, [x2, x0, lsl #3]
    add     x19, x1, x2                   // trace header
    ldr     x0, [x19, #TR_NCPUS]
    ldr     x1, =g_ncpus
    str     x0, [x1]
    ldr     x0, [x19, #TR_VMCOUNT]
    ldr     x1, =g_vm_count
    str     x0, [x1]
    mov     x26, x0
    ldr     x0, [x19, #TR_CORR]
    ldr     x1, =g_corrections
    str     x0, [x1]
    ldr     x0, [x19, #TR_NSTEPS]
    ldr     x1, =g_nsteps
    str     x0, [x1]
    ldr     x0, [x19, #TR_STEPS]
    ldr     x1, =INPUT_BASE
    add     x0, x0, x1
    ldr     x1, =g_steps
    str     x0, [x1]
    ldr     x0, [x19, #TR_INITX0]
    ldr     x1, =INPUT_BASE
    add     x27, x0, x1                   // initial x0 per vCPU
    ldr     x0, =g_trace_status
    stp     xzr, xzr, [x0]
    stp     xzr, xzr, [x0, #16]
    stp     xzr, xzr, [x0, #32]
    stp     xzr, xzr, [x0, #48]
    ldr     x0, =g_seq
    str     xzr, [x0]
    ldr     x0, =g_step_idx
    str     xzr, [x0]
    ldr     x0, =g_step_lock
    stp     xzr, xzr, [x0]
    ldr     x0, [x19, #TR_SEED]
    ldr     x1, =g_free_seed
    str     x0, [x1]
    // snapshot word indices (events.S snapshot_build): vCPUs VM-major, 3 words each, then VMs, then CPUs
    mov     x28, #0
    mov     x0, #0
11: cmp     x0, x26
    b.hs    12f
    add     x1, x19, #TR_VCPUS
    ldr     x1, [x1, x0, lsl #3]
    add     x28, x28, x1
    add     x0, x0, #1
    b       11b
12: add     x28, x28, x28, lsl #1         // the first VM word
    ldr     x0, =g_snap_vcpu
    str     xzr, [x0]
    // VMs and their vCPUs; each VM's stage 2 from the trace's layout
    ldr     x0, [x19, #TR_LAYOUT]
    ldr     x1, =INPUT_BASE
    add     x0, x0, x1
    stp     x0, xzr, [sp, #-16]!          // [sp] = the next VM's layout entry, [sp, 8] = tables rebuilt
    mov     x20, #0                       // k
1:  cmp     x20, x26
    b.hs    6f
    ldr     x21, =g_vms
    mov     x0, #VM_SIZE
    madd    x21, x20, x0, x21             // vm
    mov     x0, x21
    mov     x1, #VM_SIZE
    bl      zero_words
    str     x20, [x21, #VM_ID]
    add     x0, x20, x20, lsl #1
    add     x0, x0, x28
    str     x0, [x21, #VM_SNAP]
    add     x0, x19, #TR_VCPUS
    ldr     x22, [x0, x20, lsl #3]        // vcpu count
    str     x22, [x21, #VM_VCPU_COUNT]
    ldr     x1, [sp]
    ldr     x2, [x1]                      // ranges
    cbz     x2, 11f
    ldr     x2, [x1, #8]                  // the first range's IPA: where the VM's guest sends from
    str     x2, [x21, #VM_BASE]
11: mov     x0, x20
    bl      stage2_build
    ldp     x1, x2, [sp]
    orr     x2, x2, x0
    ldr     x3, [x1]
    add     x3, x3, x3
    add     x3, x3, #1
    add     x1, x1, x3, lsl #3
    stp     x1, x2, [sp]
    mov     x0, x20
    bl      stage2_vttbr
    str     x0, [x21, #VM_VTTBR]
    ldr     x23, =(GUEST_BASE + PRIV_PA)
    mov     x0, #VM_REGION
    madd    x23, x20, x0, x23             // the VM's private pages (physical)
    mov     x24, #0                       // i
2:  cmp     x24, x22
    b.hs    5f
    ldr     x25, =g_vcpus
    mov     x0, #(MAX_VCPUS * VCPU_SIZE)
    madd    x25, x20, x0, x25
    mov     x0, #VCPU_SIZE
    madd    x25, x24, x0, x25             // vcpu
    mov     x0, x25
    mov     x1, #VCPU_SIZE
    bl      zero_words
    str     x21, [x25, #VCPU_VM]
    str     x24, [x25, #VCPU_IDX]
    ldr     x1, =g_snap_vcpu
    ldr     x0, [x1]
    str     x0, [x25, #VCPU_SNAP]
    add     x0, x0, #3
    str     x0, [x1]
    mov     x0, #1
    str     x0, [x25, #VCPU_REGS_AVAIL]
    str     x0, [x25, #VCPU_AT_RETURN]    // its first ERET delivers its start x0
    add     x0, x23, #P_DATA
    add     x0, x0, x24, lsl #12
    str     x0, [x25, #VCPU_CMD]
    mov     x1, #CMD_HEADER
    bl      zero_words
    ldr     x0, [x25, #VCPU_CMD]
    str     x20, [x0, #CMD_VMID]
    add     x0, x23, #P_STAGE
    add     x0, x0, x24, lsl #12
    str     x0, [x25, #VCPU_STAGE]
    ldr     x0, =(PRIV_IPA + P_DATA + 0x200)  // x18: the guest keeps its data page's register area there
    add     x0, x0, x24, lsl #12
    str     x0, [x25, #(VCPU_REGS + 144)]
    ldr     x0, [x27], #8
    str     x0, [x25, #VCPU_REGS]
    cmp     x20, #0
    cset    x0, ne                        // the primary's vCPUs start with no hypervisor value in x0
    str     x0, [x25, #VCPU_X0_VALID]
    mov     x0, #0x3c5                    // EL1h, DAIF masked
    str     x0, [x25, #(VCPU_REGS + R_SPSR)]
    cbnz    x24, 4f
    ldr     x0, =PRIV_IPA                 // the guest program's entry
    str     x0, [x25, #(VCPU_REGS + R_ELR)]
    mov     x0, #VS_READY
    str     x0, [x25, #VCPU_STATE]
4:  add     x24, x24, #1
    b       2b
5:  add     x20, x20, #1
    b       1b
6:  ldp     x0, x1, [sp], #16
    cbz     x1, 61f
    dsb     ish                           // new stage-2 tables: no CPU keeps a walk of the old ones
    tlbi    alle1is
    dsb     ish
    isb
    // physical CPUs: all off but CPU 0, which runs the primary's vCPU 0
61: mov     x20, #0
7:  cmp     x20, #MAX_CPUS
    b.hs    8f
    ldr     x0, =g_cpus
    mov     x1, #CPU_SIZE
    madd    x0, x20, x1, x0
    mov     x21, x0
    add     x0, x0, #CPU_CURRENT          // keep CPU_ID
    mov     x1, #(CPU_STACK_TOP - CPU_CURRENT)
    bl      zero_words
    stp     xzr, xzr, [x21, #CPU_CHECK]   // and CPU_SLOW
    str     xzr, [x21, #CPU_SPIN]
    ldr     x0, =g_free_seed
    ldr     x0, [x0]
    add     x1, x20, #1
    ldr     x2, =0x9e3779b97f4a7c15
    madd    x0, x1, x2, x0
    eor     x0, x0, x0, lsr #29
    orr     x0, x0, #1                    // xorshift state must not be 0
    str     x0, [x21, #CPU_RNG]
    add     x1, x20, x20, lsl #1          // its snapshot words follow the VMs'
    add     x1, x1, x28
    add     x1, x1, x26, lsl #1
    add     x1, x1, x26
    mov     x0, x21
    bl      rec_reset_cpu
    add     x20, x20, #1
    b       7b
8:  ldr     x19, =g_cpus
    mov     x0, #1
    str     x0, [x19, #CPU_IS_ON]
    mov     x0, #OP_GUEST
    str     x0, [x19, #CPU_OP]
    ldr     x0, =g_vcpus
    bl      vcpu_load
    bl      gic_drain
    bl      emit_trace_begin
    ldp     x29, x30, [sp], #16
    ret

// zero_words: zero a range of whole words.
//   in:  x0 = address (8-aligned), x1 = bytes (multiple of 8)
//   out: none; clobbers x0, x1
zero_words:
    cbz     x1, 1f
    str     xzr, [x0], #8
    sub     x1, x1, #8
    b       zero_words
1:  ret

.bss
.balign 8
.global g_step_idx, g_nsteps, g_steps, g_gen, g_exit, g_ncpus, g_vm_count, g_corrections, g_trace_idx, g_nphys
g_step_idx:    .skip 8
g_nsteps:      .skip 8
g_steps:       .skip 8
g_gen:         .skip 8
g_exit:        .skip 8
g_ncpus:       .skip 8
g_vm_count:    .skip 8
g_corrections: .skip 8
g_trace_idx:   .skip 8
g_nphys:       .skip 8
.global g_mode, g_step_lock, g_free_seed
g_mode:        .skip 8
g_step_lock:   .skip 16                // free-running: ticket lock (next ticket, now serving)
g_free_seed:   .skip 8
g_snap_vcpu:   .skip 8                 // trace_setup: the next vCPU's snapshot word index
