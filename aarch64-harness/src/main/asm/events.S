// events.S: event output. After each step the EL2 code serialises the abstract state (the variables of
// docs/vocabulary.md, read from its real structures) into a word snapshot, and appends an event record holding the
// step's fields and the words that changed. Records go to a memory buffer that semihosting writes to a host file.
.include "layout.inc"
.text

.equ EVBUF_SIZE,  (1 << 20)
.equ EVBUF_FLUSH, (EVBUF_SIZE - 16384)
.equ SNAP_MAX,    512

// vcpu_ref: encode a vCPU as (1 | vm << 8 | idx << 16), 0 for none.
//   in:  x0 = struct vcpu * or 0
//   out: x0 = encoding; clobbers x1, x2
.global vcpu_ref
vcpu_ref:
    mov     x2, x0
    vcpu_ref_of x0, x2, x1
    ret

// snapshot_build: serialise the abstract state into g_snap_cur; g_snap_n = number of words.
//   per vCPU (VM-major): [state | saved x0 present << 24], saved x0 (0 when none), 0 (EL2 keeps no ghost:
//           regs_available and recv_pending are the spec's, not the code's; the driver does not compare them)
//   per VM: [mailbox_state | send_configured << 8 | recv_configured << 16 | recv_bytes << 32], recv_from_id,
//           recv_waiter (count | idx_j << (8 + 4j), head first)
//   per CPU: [current ref | is_on << 24 | op << 32 | user_ret present << 40], op word a, op word b
//   in: none; out: none; clobbers x0-x15
.global snapshot_build
snapshot_build:
    mov     x15, x30
    ldr     x9, =g_snap_cur
    ldr     x10, =g_vm_count
    ldr     x10, [x10]
    ldr     x11, =g_vms
    mov     x12, #0                       // k
1:  cmp     x12, x10
    b.hs    4f
    mov     x0, #VM_SIZE
    madd    x13, x12, x0, x11             // vm
    ldr     x14, [x13, #VM_VCPU_COUNT]
    ldr     x5, =g_vcpus
    mov     x0, #(MAX_VCPUS * VCPU_SIZE)
    madd    x5, x12, x0, x5               // vcpu 0 of VM k
    mov     x6, #0
2:  cmp     x6, x14
    b.hs    3f
    ldr     x0, [x5, #VCPU_STATE]
    ldr     x2, [x5, #VCPU_X0_VALID]
    orr     x0, x0, x2, lsl #24
    ldr     x1, [x5, #VCPU_REGS]
    cmp     x2, #0
    csel    x1, xzr, x1, eq
    stp     x0, x1, [x9], #16
    str     xzr, [x9], #8
    add     x5, x5, #VCPU_SIZE
    add     x6, x6, #1
    b       2b
3:  add     x12, x12, #1
    b       1b
4:  mov     x12, #0
5:  cmp     x12, x10
    b.hs    8f
    mov     x0, #VM_SIZE
    madd    x13, x12, x0, x11
    ldr     x0, [x13, #VM_MB_STATE]
    ldr     x1, [x13, #VM_MB_SEND]
    cmp     x1, #0
    cset    x1, ne
    orr     x0, x0, x1, lsl #8
    ldr     x1, [x13, #VM_MB_RECV]
    cmp     x1, #0
    cset    x1, ne
    orr     x0, x0, x1, lsl #16
    ldr     x1, [x13, #VM_MB_BYTES]
    orr     x0, x0, x1, lsl #32
    ldr     x1, [x13, #VM_MB_FROM]
    stp     x0, x1, [x9], #16
    mov     x2, #0                        // encoding
    mov     x3, #0                        // count
    mov     x4, #8                        // shift
    ldr     x5, [x13, #VM_MB_WAITER]
6:  cbz     x5, 7f
    cmp     x3, #MAX_VCPUS                // a corrupted (cyclic) list ends here
    b.hs    7f
    ldr     x6, [x5, #VCPU_IDX]
    lsl     x6, x6, x4
    orr     x2, x2, x6
    add     x4, x4, #4
    add     x3, x3, #1
    ldr     x5, [x5, #VCPU_NEXT]
    b       6b
7:  orr     x2, x2, x3
    str     x2, [x9], #8
    add     x12, x12, #1
    b       5b
8:  ldr     x10, =g_ncpus
    ldr     x10, [x10]
    ldr     x11, =g_cpus
    mov     x12, #0
9:  cmp     x12, x10
    b.hs    12f
    mov     x0, #CPU_SIZE
    madd    x13, x12, x0, x11
    ldr     x0, [x13, #CPU_CURRENT]
    bl      vcpu_ref
    ldr     x1, [x13, #CPU_IS_ON]
    orr     x0, x0, x1, lsl #24
    ldr     x1, [x13, #CPU_OP]
    orr     x0, x0, x1, lsl #32
    ldr     x2, [x13, #CPU_OP_C]
    orr     x0, x0, x2, lsl #40
    str     x0, [x9], #8
    ldr     x3, [x13, #CPU_OP_A]
    cmp     x1, #OP_VCPU_SWITCH
    b.ne    10f
    mov     x0, x3
    bl      vcpu_ref
    mov     x3, x0
10: ldr     x4, [x13, #CPU_OP_B]
    stp     x3, x4, [x9], #16
    add     x12, x12, #1
    b       9b
12: ldr     x0, =g_snap_cur
    sub     x9, x9, x0
    lsr     x9, x9, #3
    ldr     x0, =g_snap_n
    str     x9, [x0]
    mov     x30, x15
    ret

// ev_reserve: make room for a record of up to x0 words, flushing the buffer when it is nearly full.
//   in:  x0 = words
//   out: x0 = write pointer; clobbers x0-x7
ev_reserve:
    mov     x7, x30
    ldr     x1, =g_ev_pos
    ldr     x2, [x1]
    lsl     x0, x0, #3
    add     x3, x2, x0
    ldr     x4, =EVBUF_FLUSH
    cmp     x3, x4
    b.lo    1f
    bl      ev_flush
    ldr     x1, =g_ev_pos
    ldr     x2, [x1]
1:  ldr     x0, =g_evbuf
    add     x0, x0, x2
    mov     x30, x7
    ret

// ev_commit: account for a record written at the pointer ev_reserve gave.
//   in:  x0 = words written
//   out: none; clobbers x1, x2
ev_commit:
    ldr     x1, =g_ev_pos
    ldr     x2, [x1]
    add     x2, x2, x0, lsl #3
    str     x2, [x1]
    ret

// emit_trace_begin: the TRACE_BEGIN record: [type | words << 8], trace index, n, then the full snapshot,
// which also becomes the reference for the diffs of the trace's events.
//   in: none; out: none; clobbers x0-x15
.global emit_trace_begin
emit_trace_begin:
    stp     x29, x30, [sp, #-16]!
    bl      snapshot_build
    mov     x0, #(SNAP_MAX + 3)
    bl      ev_reserve
    ldr     x1, =g_snap_n
    ldr     x1, [x1]
    add     x2, x1, #3
    lsl     x3, x2, #8
    orr     x3, x3, #REC_TRACE_BEGIN
    ldr     x4, =g_trace_idx
    ldr     x4, [x4]
    stp     x3, x4, [x0]
    str     x1, [x0, #16]
    add     x5, x0, #24
    ldr     x6, =g_snap_cur
    ldr     x7, =g_snap_prev
1:  cbz     x1, 2f
    ldr     x8, [x6], #8
    str     x8, [x5], #8
    str     x8, [x7], #8
    sub     x1, x1, #1
    b       1b
2:  mov     x0, x2
    bl      ev_commit
    ldp     x29, x30, [sp], #16
    ret

// emit_event: the EVENT record of the step just taken on this CPU:
//   w0 [type | words << 8], w1 seq, w2 [cpu | action << 8 | flags << 16 | actor ref << 24 | guest check << 48],
//   w3 MPIDR_EL1, w4 ret, w5 aux, w6..w9 the step's x0..x3, w10 the vCPU now running on the CPU (ref), w11 the
//   step's copy (1 | to << 8 | from << 16 | size << 32, 0 none), then (index, value, mask) triples: the snapshot
//   words that changed
//   (mask all ones here; contended free-running records only the bits a step wrote, record.S).
//   in:  x0 = action, x1 = flags (F_*), x2 = ret, x3 = aux, x4 = actor vCPU (struct vcpu *, or 0)
//   out: none; clobbers x0-x15
.global emit_event
emit_event:
    stp     x29, x30, [sp, #-16]!
    stp     x19, x20, [sp, #-16]!
    stp     x21, x22, [sp, #-16]!
    stp     x23, x24, [sp, #-16]!
    mov     x19, x0
    mov     x20, x1
    mov     x21, x2
    mov     x22, x3
    mov     x23, x4
    bl      snapshot_build
    mov     x0, #(3 * SNAP_MAX + REC_HEADER)
    bl      ev_reserve
    mov     x24, x0
    // diff: (index, value, mask) triples; the whole word changed
    ldr     x1, =g_snap_n
    ldr     x1, [x1]
    ldr     x2, =g_snap_cur
    ldr     x3, =g_snap_prev
    add     x4, x24, #(8 * REC_HEADER)
    mov     x5, #0                        // index
    mov     x6, #0                        // changes
    mov     x10, #-1
1:  cmp     x5, x1
    b.hs    2f
    ldr     x7, [x2, x5, lsl #3]
    ldr     x8, [x3, x5, lsl #3]
    cmp     x7, x8
    b.eq    3f
    str     x7, [x3, x5, lsl #3]
    stp     x5, x7, [x4], #16
    str     x10, [x4], #8
    add     x6, x6, #1
3:  add     x5, x5, #1
    b       1b
2:  add     x9, x6, x6, lsl #1
    add     x9, x9, #REC_HEADER           // words
    lsl     x0, x9, #8
    orr     x0, x0, #REC_EVENT
    ldr     x1, =g_seq
    ldr     x2, [x1]
    add     x2, x2, #1
    str     x2, [x1]
    stp     x0, x2, [x24]
    mrs     x10, tpidr_el2
    ldr     x11, [x10, #CPU_ID]
    orr     x11, x11, x19, lsl #8
    orr     x11, x11, x20, lsl #16
    mov     x0, x23
    bl      vcpu_ref
    orr     x11, x11, x0, lsl #24
    mrs     x10, tpidr_el2
    ldr     x12, [x10, #CPU_CHECK]        // the guest's register check (id + 1, 0 none)
    orr     x11, x11, x12, lsl #48
    mrs     x12, mpidr_el1
    stp     x11, x12, [x24, #16]
    stp     x21, x22, [x24, #32]
    ldr     x0, [x10, #CPU_CURRENT]       // w10: the vCPU running on this CPU after the step
    bl      vcpu_ref
    mrs     x10, tpidr_el2
    ldr     x1, [x10, #CPU_COPIED]        // w11: the step's copy (recipient, sender, size), 0 none
    str     xzr, [x10, #CPU_COPIED]
    stp     x0, x1, [x24, #80]
    bl      current_step                  // the guest's registers of this step (zero for continuations)
    ldp     x1, x2, [x0, #ST_X0]
    stp     x1, x2, [x24, #48]
    ldp     x1, x2, [x0, #ST_X2]
    stp     x1, x2, [x24, #64]
    mov     x0, x9
    bl      ev_commit
    ldp     x23, x24, [sp], #16
    ldp     x21, x22, [sp], #16
    ldp     x19, x20, [sp], #16
    ldp     x29, x30, [sp], #16
    ret

// emit_trace_end: the TRACE_END record: [type | 9 << 8], trace index, status, step index, info[0..4].
//   in: none (reads g_trace_status, g_trace_info); out: none; clobbers x0-x7
.global emit_trace_end
emit_trace_end:
    stp     x29, x30, [sp, #-16]!
    mov     x0, #9
    bl      ev_reserve
    mov     x1, #((9 << 8) | REC_TRACE_END)
    ldr     x2, =g_trace_idx
    ldr     x2, [x2]
    stp     x1, x2, [x0]
    ldr     x3, =g_trace_status
    ldp     x4, x5, [x3]                  // status, step index
    stp     x4, x5, [x0, #16]
    ldp     x4, x5, [x3, #16]
    stp     x4, x5, [x0, #32]
    ldp     x4, x5, [x3, #32]
    stp     x4, x5, [x0, #48]
    ldr     x4, [x3, #48]
    str     x4, [x0, #64]
    mov     x0, #9
    bl      ev_commit
    ldp     x29, x30, [sp], #16
    ret

// emit_fatal: the FATAL record of an exception taken at EL2: [type | 6 << 8], ESR, ELR, FAR, SPSR, CPU.
//   in:  x0 = ESR, x1 = ELR, x2 = FAR, x3 = SPSR, x4 = CPU
//   out: none; clobbers x0-x10
.global emit_fatal
emit_fatal:
    stp     x29, x30, [sp, #-16]!
    mov     x8, x0
    mov     x9, x1
    mov     x10, x2
    mov     x11, x3
    mov     x12, x4
    mov     x0, #6
    bl      ev_reserve
    mov     x1, #((6 << 8) | REC_FATAL)
    stp     x1, x8, [x0]
    stp     x9, x10, [x0, #16]
    stp     x11, x12, [x0, #32]
    mov     x0, #6
    bl      ev_commit
    ldp     x29, x30, [sp], #16
    ret

// ev_flush: write the buffered records to the output file (semihosting SYS_WRITE) and empty the buffer.
//   in: none; out: none; clobbers x0-x3
.global ev_flush, ev_reserve, ev_commit, g_evbuf
ev_flush:
    ldr     x1, =g_ev_pos
    ldr     x2, [x1]
    cbz     x2, 1f
    str     xzr, [x1]
    ldr     x1, =g_semi_block
    ldr     x3, =g_out_handle
    ldr     x3, [x3]
    str     x3, [x1]
    ldr     x3, =g_evbuf
    stp     x3, x2, [x1, #8]
    mov     x0, #0x05                     // SYS_WRITE
    hlt     #0xf000
1:  ret

// semi_open_output: open the output file named in the input table ("wb").
//   in:  x0 = NUL-terminated file name
//   out: x0 = handle (-1 on failure); clobbers x1-x3
.global semi_open_output
semi_open_output:
    mov     x2, #0
1:  ldrb    w3, [x0, x2]
    cbz     w3, 2f
    add     x2, x2, #1
    b       1b
2:  ldr     x1, =g_semi_block
    str     x0, [x1]
    mov     x3, #4                        // "wb"
    stp     x3, x2, [x1, #8]
    mov     x0, #0x01                     // SYS_OPEN
    hlt     #0xf000
    ldr     x1, =g_out_handle
    str     x0, [x1]
    ret

// semi_exit: end QEMU with an exit status (semihosting SYS_EXIT, ADP_Stopped_ApplicationExit).
//   in:  x0 = status; out: does not return
.global semi_exit
semi_exit:
    ldr     x1, =g_semi_block
    ldr     x2, =0x20026
    stp     x2, x0, [x1]
    mov     x0, #0x18
    hlt     #0xf000
1:  wfe
    b       1b

.bss
.balign 8
.global g_seq, g_trace_status, g_ev_pos
g_seq:          .skip 8
g_snap_n:       .skip 8
g_ev_pos:       .skip 8
g_out_handle:   .skip 8
g_semi_block:   .skip 32
// status, step index, info[0..4]
g_trace_status: .skip 64
g_snap_cur:     .skip (8 * SNAP_MAX)
g_snap_prev:    .skip (8 * SNAP_MAX)
.balign 4096
g_evbuf:        .skip EVBUF_SIZE
