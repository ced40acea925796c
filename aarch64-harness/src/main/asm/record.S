// record.S: event records of contended free-running mode (MODE_CONTENDED). There is no global step lock, so no
// CPU can snapshot the whole state; instead each step, at its commit point (inside the lock region that makes it
// take effect, docs/harness.md "Contended free-running"), takes its sequence number with an atomic fetch-add on
// g_seq and writes an EVENT record holding only the fields it changed, as (snapshot word index, value, mask)
// triples, into this CPU's own record buffer. The driver sorts the records by sequence number and applies the
// masked fields in that order. In the other modes every routine here returns at once (step_finish records the
// event from a snapshot diff).
//
// Register discipline: every routine clobbers only x0-x7, x16, x17 (handlers keep their state in x8-x15 and
// x19-x28 across the calls).
.include "layout.inc"
.text

// rec_open: take the step's sequence number and open its record (contended mode only).
//   in:  x0 = action, x1 = flags (F_*), x2 = ret, x3 = aux
//   out: none; clobbers x0-x7, x16, x17
.global rec_open
rec_open:
    ldr     x16, =g_mode
    ldr     x16, [x16]
    cmp     x16, #MODE_CONTENDED
    b.ne    9f
    mrs     x17, tpidr_el2
    ldr     x4, =g_seq                    // seq = ++g_seq, one atomic read-modify-write
1:  ldaxr   x5, [x4]
    add     x5, x5, #1
    stlxr   w6, x5, [x4]
    cbz     w6, 2f
    ldr     x6, [x17, #(CPU_CNT + CNT_SEQ_RETRY)]
    add     x6, x6, #1
    str     x6, [x17, #(CPU_CNT + CNT_SEQ_RETRY)]
    b       1b
2:  mov     x6, #1
    str     x6, [x17, #CPU_REC_DONE]
    str     xzr, [x17, #CPU_REC_N]
    ldr     x6, [x17, #CPU_REC_POS]
    ldr     x7, =(RECBUF_SIZE - 8 * REC_MAX_WORDS)
    cmp     x6, x7
    b.ls    3f
    mov     x7, #1                        // no room: drop it; the trace ends with ERR_RECORD_OVERFLOW
    str     x7, [x17, #CPU_REC_OVF]
    str     xzr, [x17, #CPU_REC_HDR]
    ret
3:  ldr     x7, =g_recbufs
    ldr     x16, [x17, #CPU_ID]
    add     x7, x7, x16, lsl #RECBUF_SHIFT
    add     x7, x7, x6                    // the record
    str     x7, [x17, #CPU_REC_HDR]
    str     x5, [x7, #8]                  // w1 seq
    and     x6, x1, #3
    lsl     x6, x6, #16
    orr     x6, x6, x0, lsl #8
    orr     x6, x6, x16                   // w2 cpu | action << 8 | flags << 16 | actor << 24
    stp     x2, x3, [x7, #32]             // w4 ret, w5 aux
    ldr     x0, [x17, #CPU_CURRENT]       // the vCPU now running on this CPU (w10; the step's commit comes after
    vcpu_ref_of x3, x0, x2                // its load), also the actor of a vCPU's step
    tbz     x1, #2, 4f                    // F_VCPU_ACTOR
    orr     x6, x6, x3, lsl #24
4:  ldr     x0, [x17, #CPU_CHECK]       // the guest's register check
    orr     x6, x6, x0, lsl #48
    mrs     x0, mpidr_el1
    stp     x6, x0, [x7, #16]             // w2, w3 MPIDR_EL1
    add     x0, x17, #CPU_FREE_STEP       // w6..w9 the step's x0..x3
    ldp     x1, x2, [x0, #ST_X0]
    stp     x1, x2, [x7, #48]
    ldp     x1, x2, [x0, #ST_X2]
    stp     x1, x2, [x7, #64]
    ldr     x1, [x17, #CPU_COPIED]        // w10 running, w11 the step's copy
    str     xzr, [x17, #CPU_COPIED]
    stp     x3, x1, [x7, #80]
9:  ret

// rec_field: append one field to the open record (nothing when no record is open).
//   in:  x0 = snapshot word index, x1 = value, x2 = mask of the bits this step wrote
//   out: none; clobbers x3, x4, x16, x17
.global rec_field
rec_field:
    mrs     x17, tpidr_el2
    ldr     x16, [x17, #CPU_REC_HDR]
    cbz     x16, 1f
    ldr     x3, [x17, #CPU_REC_N]
    cmp     x3, #((REC_MAX_WORDS - REC_HEADER) / 3)
    b.hs    2f
    add     x4, x3, x3, lsl #1
    add     x4, x4, #REC_HEADER
    add     x4, x16, x4, lsl #3
    stp     x0, x1, [x4]
    str     x2, [x4, #16]
    add     x3, x3, #1
    str     x3, [x17, #CPU_REC_N]
1:  ret
2:  mov     x3, #1                        // more fields than a record holds: report as an overflow
    str     x3, [x17, #CPU_REC_OVF]
    ret

// rec_close: finish the open record (its word count into the header) and advance this CPU's buffer.
//   in: none; out: none; clobbers x3-x6, x16, x17
.global rec_close
rec_close:
    mrs     x17, tpidr_el2
    ldr     x16, [x17, #CPU_REC_HDR]
    cbz     x16, 1f
    ldr     x3, [x17, #CPU_REC_N]
    add     x4, x3, x3, lsl #1
    add     x4, x4, #REC_HEADER           // words
    lsl     x5, x4, #8
    orr     x5, x5, #REC_EVENT
    str     x5, [x16]
    ldr     x6, [x17, #CPU_REC_POS]
    add     x6, x6, x4, lsl #3
    str     x6, [x17, #CPU_REC_POS]
    str     xzr, [x17, #CPU_REC_HDR]
1:  ret

// ---- fields, read from the structures (the caller holds what guards them, or they are this CPU's) ----

// rec_vcpu_state: vcpu_state of a vCPU (word 0, bits 0..7).
//   in: x0 = struct vcpu *; out: none; clobbers x0-x4, x16, x17
.global rec_vcpu_state
rec_vcpu_state:
    ldr     x1, [x0, #VCPU_STATE]
    ldr     x0, [x0, #VCPU_SNAP]
    mov     x2, #0xff
    b       rec_field

// rec_vcpu_saved_x0: saved_x0 of a vCPU (word 0 bits 24..31: a hypervisor value is present; word 1: the value,
// 0 when none).
//   in: x0 = struct vcpu *; out: none; clobbers x0-x5, x16, x17
.global rec_vcpu_saved_x0
rec_vcpu_saved_x0:
    mov     x5, x30
    ldr     x3, [x0, #VCPU_X0_VALID]
    ldr     x2, [x0, #VCPU_REGS]
    cmp     x3, #0
    csel    x2, xzr, x2, eq
    lsl     x1, x3, #24
    ldr     x0, [x0, #VCPU_SNAP]
    stp     x0, x2, [sp, #-16]!
    mov     x2, #0xff000000
    bl      rec_field
    ldp     x0, x1, [sp], #16
    add     x0, x0, #1
    mov     x2, #-1
    mov     x30, x5
    b       rec_field

// rec_vm: every mailbox variable of a VM (its three words; all guarded by its vm.lock, which the caller holds).
//   in: x0 = struct vm *; out: none; clobbers x0-x7, x16, x17
.global rec_vm
rec_vm:
    mov     x7, x30
    ldr     x1, [x0, #VM_SNAP]
    str     x1, [sp, #-16]!
    bl      vm_words
    stp     x1, x2, [sp, #-16]!
    mov     x1, x0
    ldr     x0, [sp, #16]
    mov     x2, #-1
    bl      rec_field
    ldr     x0, [sp, #16]
    add     x0, x0, #1
    ldr     x1, [sp]
    mov     x2, #-1
    bl      rec_field
    ldr     x0, [sp, #16]
    add     x0, x0, #2
    ldr     x1, [sp, #8]
    mov     x2, #-1
    bl      rec_field
    add     sp, sp, #32
    mov     x30, x7
    ret

// rec_cpu_op: cpu_op of a CPU (word 0 bits 32..47: op and user_ret present; words 1 and 2: its fields).
//   in: x0 = struct cpu *; out: none; clobbers x0-x7, x16, x17
.global rec_cpu_op
rec_cpu_op:
    mov     x7, x30
    mov     x6, x0
    ldr     x1, [x6, #CPU_OP]
    ldr     x2, [x6, #CPU_OP_C]
    lsl     x1, x1, #32
    orr     x1, x1, x2, lsl #40
    ldr     x0, [x6, #CPU_SNAP]
    mov     x2, #(0xffff << 32)
    bl      rec_field
    ldr     x0, [x6, #CPU_OP_A]
    ldr     x1, [x6, #CPU_OP]
    cmp     x1, #OP_VCPU_SWITCH
    b.ne    1f
    bl      vcpu_ref
1:  mov     x1, x0
    ldr     x0, [x6, #CPU_SNAP]
    add     x0, x0, #1
    mov     x2, #-1
    bl      rec_field
    ldr     x1, [x6, #CPU_OP_B]
    ldr     x0, [x6, #CPU_SNAP]
    add     x0, x0, #2
    mov     x2, #-1
    mov     x30, x7
    b       rec_field

// rec_cpu_current: current of a CPU (word 0 bits 0..23).
//   in: x0 = struct cpu *; out: none; clobbers x0-x7, x16, x17
.global rec_cpu_current
rec_cpu_current:
    mov     x7, x30
    mov     x6, x0
    ldr     x0, [x6, #CPU_CURRENT]
    bl      vcpu_ref
    mov     x1, x0
    ldr     x0, [x6, #CPU_SNAP]
    mov     x2, #0xffffff
    mov     x30, x7
    b       rec_field

// rec_cpu_is_on: is_on of a CPU (word 0 bits 24..31).
//   in: x0 = struct cpu *; out: none; clobbers x0-x4, x16, x17
.global rec_cpu_is_on
rec_cpu_is_on:
    ldr     x1, [x0, #CPU_IS_ON]
    lsl     x1, x1, #24
    ldr     x0, [x0, #CPU_SNAP]
    mov     x2, #0xff000000
    b       rec_field

// vm_words: the three snapshot words of a VM (events.S snapshot_build uses the same encoding).
//   in:  x0 = struct vm *
//   out: x0 = [mailbox_state | send_configured << 8 | recv_configured << 16 | recv_bytes << 32],
//        x1 = recv_from_id, x2 = recv_waiter (count | idx_j << (8 + 4j), head first); clobbers x3-x6
.global vm_words
vm_words:
    mov     x6, x0
    mov     x2, #0                        // encoding
    mov     x3, #0                        // count
    mov     x4, #8                        // shift
    ldr     x5, [x6, #VM_MB_WAITER]
1:  cbz     x5, 2f
    cmp     x3, #MAX_VCPUS                // a corrupted (cyclic) list ends here
    b.hs    2f
    ldr     x1, [x5, #VCPU_IDX]
    lsl     x1, x1, x4
    orr     x2, x2, x1
    add     x4, x4, #4
    add     x3, x3, #1
    ldr     x5, [x5, #VCPU_NEXT]
    b       1b
2:  orr     x2, x2, x3
    ldr     x0, [x6, #VM_MB_STATE]
    ldr     x1, [x6, #VM_MB_SEND]
    cmp     x1, #0
    cset    x1, ne
    orr     x0, x0, x1, lsl #8
    ldr     x1, [x6, #VM_MB_RECV]
    cmp     x1, #0
    cset    x1, ne
    orr     x0, x0, x1, lsl #16
    ldr     x1, [x6, #VM_MB_BYTES]
    orr     x0, x0, x1, lsl #32
    ldr     x1, [x6, #VM_MB_FROM]
    ret

// rec_flush_all: CPU 0 at the end of a contended trace (every CPU done): copy each CPU's records, in CPU order,
// into the event buffer (the driver sorts them by sequence number), then the CONTENTION record with the trace's
// counters summed over the CPUs; an overflow sets the trace status.
//   in: none; out: none; clobbers x0-x15
.global rec_flush_all
rec_flush_all:
    stp     x29, x30, [sp, #-16]!
    stp     x19, x20, [sp, #-16]!
    stp     x21, x22, [sp, #-16]!
    ldr     x19, =g_cpus
    mov     x20, #0                       // CPU
1:  ldr     x0, =g_nphys
    ldr     x0, [x0]
    cmp     x20, x0
    b.hs    5f
    mov     x0, #CPU_SIZE
    madd    x21, x20, x0, x19             // struct cpu
    ldr     x22, =g_recbufs
    add     x22, x22, x20, lsl #RECBUF_SHIFT
    ldr     x12, [x21, #CPU_REC_POS]
    add     x12, x22, x12                 // end
2:  cmp     x22, x12
    b.hs    4f
    ldr     x13, [x22]
    lsr     x13, x13, #8                  // words
    mov     x0, x13
    bl      ev_reserve                    // x0 = destination (clobbers x0-x7)
    mov     x14, x13
3:  ldr     x15, [x22], #8
    str     x15, [x0], #8
    subs    x14, x14, #1
    b.ne    3b
    mov     x0, x13
    bl      ev_commit
    b       2b
4:  add     x20, x20, #1
    b       1b
5:  mov     x0, #(CNT_WORDS + 3)
    bl      ev_reserve
    mov     x1, #(((CNT_WORDS + 3) << 8) | REC_CONTENTION)
    ldr     x2, =g_trace_idx
    ldr     x2, [x2]
    stp     x1, x2, [x0]
    mov     x9, #0                        // counter
    mov     x11, #0                       // overflow
6:  cmp     x9, #CNT_WORDS
    b.hs    8f
    mov     x10, #0                       // sum
    mov     x20, #0
7:  ldr     x1, =g_nphys
    ldr     x1, [x1]
    cmp     x20, x1
    b.hs    71f
    mov     x1, #CPU_SIZE
    madd    x21, x20, x1, x19
    add     x1, x21, #CPU_CNT
    ldr     x2, [x1, x9, lsl #3]
    add     x10, x10, x2
    ldr     x2, [x21, #CPU_REC_OVF]
    orr     x11, x11, x2
    add     x20, x20, #1
    b       7b
71: add     x1, x0, #16
    str     x10, [x1, x9, lsl #3]
    add     x9, x9, #1
    b       6b
8:  str     x11, [x0, #(16 + 8 * CNT_WORDS)]
    mov     x0, #(CNT_WORDS + 3)
    bl      ev_commit
    cbz     x11, 9f
    ldr     x0, =g_trace_status           // an overflow ends the trace in error (first error wins)
    ldr     x1, [x0]
    cbnz    x1, 9f
    mov     x1, #ERR_RECORD_OVERFLOW
    str     x1, [x0]
9:  ldp     x21, x22, [sp], #16
    ldp     x19, x20, [sp], #16
    ldp     x29, x30, [sp], #16
    ret

// rec_reset_cpu: zero a CPU's record state and counters for a new trace and set its snapshot index.
//   in: x0 = struct cpu *, x1 = snapshot word index of its words; out: none; clobbers x2
.global rec_reset_cpu
rec_reset_cpu:
    add     x2, x0, #CPU_REC_HDR
    stp     xzr, xzr, [x2]                // HDR, POS
    stp     xzr, xzr, [x2, #(CPU_REC_N - CPU_REC_HDR)]   // N, DONE
    str     xzr, [x0, #CPU_REC_OVF]
    str     x1, [x0, #CPU_SNAP]
    add     x2, x0, #CPU_CNT
    stp     xzr, xzr, [x2]
    stp     xzr, xzr, [x2, #16]
    stp     xzr, xzr, [x2, #32]
    ret

.bss
.balign 4096
g_recbufs:      .skip (RECBUF_SIZE * MAX_CPUS)
