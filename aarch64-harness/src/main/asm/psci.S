// psci.S: PSCI for the primary (§1.9) and, with secondary-vcpu-on, CPU_ON of a secondary's own vCPU.
.include "layout.inc"
.text

.macro psci_return action, reg
    mov     x2, \reg
    mov     x0, #\action
    mov     x1, #(F_RET | F_VCPU_ACTOR | F_TO_CALLER)
    mov     x3, #0
    b       step_finish
.endm

// psci_primary: the primary's PSCI dispatch (function id with bit 30 masked).
//   in:  w25 = function id, x0..x3 = registers, x19 = cpu, x21 = caller vCPU
//   out: returns (x0..x3 preserved) when the id is not a PSCI call handled here; otherwise branches to step_finish
.global psci_primary
psci_primary:
    ldr     w4, =0x84000000
    cmp     w25, w4
    b.eq    psci_version
    add     w5, w4, #6
    cmp     w25, w5
    b.eq    psci_migrate_info_type
    add     w5, w4, #4
    cmp     w25, w5
    b.eq    psci_affinity_info
    add     w5, w4, #3
    cmp     w25, w5
    b.eq    psci_cpu_on
    add     w5, w4, #2
    cmp     w25, w5
    b.eq    psci_cpu_off
    add     w5, w4, #8
    cmp     w25, w5
    b.eq    psci_system
    add     w5, w4, #9
    cmp     w25, w5
    b.eq    psci_system
    ret

psci_version:
    mov     x6, #2
    psci_return A_PSCI_VERSION, x6

psci_migrate_info_type:
    mov     x6, #2
    psci_return A_PSCI_MIGRATE_INFO_TYPE, x6

// psci_affinity_info: unknown CPU (64-bit x1 >= NumCPUs) -2, level != 0 -1, else 0 on / 1 off, read under the
// target's cpu.lock (as Hafnium's handler does), where it commits: is_on is written under that lock.
psci_affinity_info:
    ldr     x6, =g_ncpus
    ldr     x6, [x6]
    cmp     x1, x6
    b.hs    1f
    cbnz    x2, 2f
    ldr     x24, =g_cpus
    mov     x7, #CPU_SIZE
    madd    x24, x1, x7, x24
    add     x0, x24, #CPU_LOCK
    bl      sl_lock
    ldr     x7, [x24, #CPU_IS_ON]
    mov     x8, #1
    sub     x8, x8, x7
    mov     x0, #A_PSCI_AFFINITY_INFO
    mov     x1, #(F_RET | F_VCPU_ACTOR | F_TO_CALLER)
    mov     x2, x8
    mov     x3, #0
    bl      rec_open
    bl      rec_close
    add     x0, x24, #CPU_LOCK
    bl      sl_unlock
    psci_return A_PSCI_AFFINITY_INFO, x8
1:  mov     x8, #-2
    psci_return A_PSCI_AFFINITY_INFO, x8
2:  mov     x8, #-1
    psci_return A_PSCI_AFFINITY_INFO, x8

// psci_cpu_on: unknown CPU -2; under the target cpu.lock: already on -4, else mark it on; then under the primary
// vCPU's lock: pc = x2, x0 = x3 (context id), ready; then cpu_op of the target = cpu_entry (store-release: its
// next step is cpu_main; its EL2 instance was started with a real PSCI CPU_ON at boot and waits for it). The step
// commits inside the cpu.lock region, the one other CPUs observe (is_on); its record also holds the values the
// later writes store, which no other CPU can observe before the target CPU acquires cpu_op (docs/harness.md).
psci_cpu_on:
    ldr     x6, =g_ncpus
    ldr     x6, [x6]
    cmp     x1, x6
    b.hs    8f
    mov     x26, x1
    mov     x27, x2
    mov     x28, x3
    ldr     x24, =g_cpus
    mov     x7, #CPU_SIZE
    madd    x24, x26, x7, x24             // target cpu
    ldr     x16, =g_vcpus
    mov     x17, #VCPU_SIZE
    madd    x9, x26, x17, x16             // the primary's vCPU of that CPU
    add     x0, x24, #CPU_LOCK
    bl      sl_lock
    ldr     x6, [x24, #CPU_IS_ON]
    cbnz    x6, 7f
    mov     x6, #1
    str     x6, [x24, #CPU_IS_ON]
    mov     x0, #A_PSCI_CPU_ON
    mov     x1, #(F_RET | F_VCPU_ACTOR | F_TO_CALLER)
    mov     x2, #0
    mov     x3, #0
    bl      rec_open
    mov     x0, x24
    bl      rec_cpu_is_on
    ldr     x0, [x24, #CPU_SNAP]          // cpu_op[target] = cpu_entry (written below)
    mov     x1, #(OP_CPU_ENTRY << 32)
    mov     x2, #(0xffff << 32)
    bl      rec_field
    ldr     x0, [x24, #CPU_SNAP]
    add     x0, x0, #1
    mov     x1, #0
    mov     x2, #-1
    bl      rec_field
    ldr     x0, [x24, #CPU_SNAP]
    add     x0, x0, #2
    mov     x1, #0
    mov     x2, #-1
    bl      rec_field
    ldr     x0, [x9, #VCPU_SNAP]          // the primary vCPU: ready, saved x0 = context id (written below)
    mov     x1, #VS_READY
    mov     x2, #0xff
    bl      rec_field
    ldr     x0, [x9, #VCPU_SNAP]
    mov     x1, #(1 << 24)
    mov     x2, #0xff000000
    bl      rec_field
    ldr     x0, [x9, #VCPU_SNAP]
    add     x0, x0, #1
    mov     x1, x28
    mov     x2, #-1
    bl      rec_field
    bl      rec_close
    add     x0, x24, #CPU_LOCK
    bl      sl_unlock
    add     x0, x9, #VCPU_LOCK
    bl      sl_lock
    set_saved_x0 x9, x28
    str     x27, [x9, #(VCPU_REGS + R_ELR)]
    mov     x6, #0x3c5
    str     x6, [x9, #(VCPU_REGS + R_SPSR)]
    mov     x6, #VS_READY
    str     x6, [x9, #VCPU_STATE]
    add     x0, x9, #VCPU_LOCK
    bl      sl_unlock
    stp     xzr, xzr, [x24, #CPU_OP_A]
    str     xzr, [x24, #CPU_OP_C]
    mov     x6, #OP_CPU_ENTRY
    add     x0, x24, #CPU_OP
    stlr    x6, [x0]                      // publish: the target CPU may enter now
    sev
    mov     x8, #0
    psci_return A_PSCI_CPU_ON, x8
7:  mov     x0, #A_PSCI_CPU_ON
    mov     x1, #(F_RET | F_VCPU_ACTOR | F_TO_CALLER)
    mov     x2, #-4
    mov     x3, #0
    bl      rec_open
    bl      rec_close
    add     x0, x24, #CPU_LOCK
    bl      sl_unlock
    mov     x8, #-4
    psci_return A_PSCI_CPU_ON, x8
8:  mov     x8, #-2
    psci_return A_PSCI_CPU_ON, x8

// psci_cpu_off: the calling CPU is marked off and its cpu_op off, both under its cpu.lock (where it commits), and
// it leaves the trace's steps; current stays.
psci_cpu_off:
    add     x0, x19, #CPU_LOCK
    bl      sl_lock
    str     xzr, [x19, #CPU_IS_ON]
    mov     x0, #OP_OFF
    str     x0, [x19, #CPU_OP]
    stp     xzr, xzr, [x19, #CPU_OP_A]
    str     xzr, [x19, #CPU_OP_C]
    mov     x0, #A_PSCI_CPU_OFF
    mov     x1, #F_VCPU_ACTOR
    mov     x2, #0
    mov     x3, #0
    bl      rec_open
    mov     x0, x19
    bl      rec_cpu_is_on
    mov     x0, x19
    bl      rec_cpu_op
    bl      rec_close
    add     x0, x19, #CPU_LOCK
    bl      sl_unlock
    mov     x0, #A_PSCI_CPU_OFF
    mov     x1, #F_VCPU_ACTOR
    mov     x2, #0
    mov     x3, #0
    b       step_finish

// psci_system: SYSTEM_OFF / SYSTEM_RESET stop the machine; the model has no such step: the trace ends in error.
psci_system:
    mov     x0, #ERR_NOT_MODELLED
    mov     x1, x25
    mov     x2, #0
    mov     x3, #0
    mov     x4, #0
    b       trace_error

// psci_cpu_on_secondary: secondary-vcpu-on: x1 = own vCPU index (64-bit) >= count -2; under its vcpu.lock (where
// it commits): not off -4, else pc = x2, x0 = x3, ready, 0.
//   in: as psci_primary, x22 = caller's VM; out: branches to step_finish
.global psci_cpu_on_secondary
psci_cpu_on_secondary:
    ldr     x6, [x22, #VM_VCPU_COUNT]
    cmp     x1, x6
    b.hs    8f
    ldr     x16, =g_vcpus
    mov     x17, #(MAX_VCPUS * VCPU_SIZE)
    madd    x16, x23, x17, x16
    mov     x17, #VCPU_SIZE
    madd    x9, x1, x17, x16
    mov     x26, x2
    mov     x27, x3
    add     x0, x9, #VCPU_LOCK
    bl      sl_lock
    ldr     x6, [x9, #VCPU_STATE]
    cbnz    x6, 7f
    set_saved_x0 x9, x27
    str     x26, [x9, #(VCPU_REGS + R_ELR)]
    mov     x6, #0x3c5
    str     x6, [x9, #(VCPU_REGS + R_SPSR)]
    mov     x6, #VS_READY
    str     x6, [x9, #VCPU_STATE]
    mov     x0, #A_PSCI_CPU_ON
    mov     x1, #(F_RET | F_VCPU_ACTOR | F_TO_CALLER)
    mov     x2, #0
    mov     x3, #0
    bl      rec_open
    mov     x0, x9
    bl      rec_vcpu_state
    mov     x0, x9
    bl      rec_vcpu_saved_x0
    bl      rec_close
    add     x0, x9, #VCPU_LOCK
    bl      sl_unlock
    mov     x8, #0
    psci_return A_PSCI_CPU_ON, x8
7:  mov     x0, #A_PSCI_CPU_ON
    mov     x1, #(F_RET | F_VCPU_ACTOR | F_TO_CALLER)
    mov     x2, #-4
    mov     x3, #0
    bl      rec_open
    bl      rec_close
    add     x0, x9, #VCPU_LOCK
    bl      sl_unlock
    mov     x8, #-4
    psci_return A_PSCI_CPU_ON, x8
8:  mov     x8, #-2
    psci_return A_PSCI_CPU_ON, x8
