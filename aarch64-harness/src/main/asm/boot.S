// boot.S: CPU entry. QEMU enters _start on CPU 0 at EL2 with the MMU off. CPU 0 builds the page tables, copies
// the guest program into every VM, opens the event file, starts the other CPUs with a real PSCI CPU_ON (smc),
// and runs the batch: for each trace, reset and step. Every CPU sets its TPIDR_EL2 (struct cpu *), stack,
// VBAR_EL2 and MMU. RAM is zero at power-on (QEMU), which is all .bss needs.
.include "layout.inc"

.section .text.boot, "ax"
.global _start
_start:
    b       boot
// The diagnostic block, at a fixed address (the image's load address + 8): where a driver that stopped a hung run
// finds the CPUs' state and the unflushed event records in guest memory (QEMU's monitor; Watchdog.java).
.balign 8
diag_block:                               // (Watchdog.java reads these words in this order)
    .quad   0x4741494446424d48            // "HMFBDIAG"
    .quad   g_cpus, CPU_SIZE, CPU_SPIN, g_vms, VM_SIZE, g_vcpus, VCPU_SIZE, MAX_VCPUS
    .quad   g_evbuf, g_ev_pos, g_trace_idx, g_seq, g_step_idx, g_gen, g_step_lock, g_nphys, g_trace_status
boot:
    msr     daifset, #0xf
    mov     x0, #0
    bl      cpu_setup
    bl      el2_tables_build
    bl      el2_mmu_enable
    bl      guests_install
    bl      gic_init_distributor
    bl      gic_init_cpu
    ldr     x0, =msg_boot
    bl      uart_puts
    ldr     x1, =INPUT_BASE
    ldr     x0, [x1, #IN_MAGIC]
    ldr     x2, =0x31504e4942464d48       // "HMFBINP1"
    cmp     x0, x2
    b.ne    bad_input
    ldr     x0, [x1, #IN_OUTPATH]
    add     x0, x0, x1
    bl      semi_open_output
    cmn     x0, #1
    b.eq    bad_output
    ldr     x1, =INPUT_BASE
    ldr     x0, [x1, #IN_NPHYS]
    cbz     x0, bad_input
    cmp     x0, #MAX_CPUS
    b.hi    bad_input
    ldr     x2, =g_nphys
    str     x0, [x2]
    ldr     x0, [x1, #IN_MODE]
    ldr     x2, =g_mode
    str     x0, [x2]
    ldr     x0, [x1, #IN_HOLD_SPIN]
    ldr     x2, =g_hold_spin
    str     x0, [x2]
    ldr     x0, [x1, #IN_FLAGS]
    ldr     x2, =g_in_flags
    str     x0, [x2]
    ldr     x0, [x1, #IN_SABOTAGE]
    ldr     x2, =g_sabotage
    str     x0, [x2]
    bl      start_secondaries
    b       batch_next

// cpu_setup: per-CPU EL2 state: TPIDR_EL2 = &g_cpus[i], its stack, VBAR_EL2; records MPIDR.
//   in:  x0 = CPU index; out: none; clobbers x0-x3
cpu_setup:
    ldr     x1, =g_cpus
    mov     x2, #CPU_SIZE
    madd    x1, x0, x2, x1
    msr     tpidr_el2, x1
    str     x0, [x1, #CPU_ID]
    ldr     x2, =g_stacks
    add     x3, x0, #1
    mov     x16, #STACK_SIZE
    madd    x2, x3, x16, x2
    mov     sp, x2
    str     x2, [x1, #CPU_STACK_TOP]
    mov     x2, #1
    str     x2, [x1, #CPU_WAIT_GEN]
    mrs     x2, mpidr_el1
    str     x2, [x1, #CPU_MPIDR]
    ldr     x2, =vector_table_el2
    msr     vbar_el2, x2
    isb
    ret

// start_secondaries: PSCI CPU_ON through smc (QEMU's firmware) for CPUs 1..nphys-1, entry secondary_entry,
// context id = the CPU index.
//   in: none; out: none; clobbers x0-x3, x19, x20
start_secondaries:
    mov     x20, x30
    mov     x19, #1
1:  ldr     x0, =g_nphys
    ldr     x0, [x0]
    cmp     x19, x0
    b.hs    2f
    ldr     x0, =0xc4000003
    mov     x1, x19
    ldr     x2, =secondary_entry
    mov     x3, x19
    smc     #0
    cbnz    x0, bad_smp
    add     x19, x19, #1
    b       1b
2:  mov     x30, x20
    ret

// secondary_entry: a CPU started by start_secondaries (EL2, MMU off, x0 = its index).
//   in:  x0 = CPU index; out: never returns
secondary_entry:
    msr     daifset, #0xf
    mov     x19, x0
    bl      cpu_setup
    bl      el2_mmu_enable
    bl      gic_init_cpu
    b       cpu_run_loop

// guests_install: copy the guest program and its EL1 vector table into the private pages of every VM region.
//   in: none; out: none; clobbers x0-x5
guests_install:
    mov     x5, x30
    mov     x4, #0
1:  cmp     x4, #MAX_VMS
    b.hs    2f
    ldr     x0, =(GUEST_BASE + PRIV_PA + P_CODE)
    mov     x1, #VM_REGION
    madd    x0, x4, x1, x0
    ldr     x1, =guest_code_start
    ldr     x2, =guest_code_end
    sub     x2, x2, x1
    bl      byte_copy
    ldr     x0, =(GUEST_BASE + PRIV_PA + P_VECTORS)
    mov     x1, #VM_REGION
    madd    x0, x4, x1, x0
    ldr     x1, =guest_vectors_start
    ldr     x2, =guest_vectors_end
    sub     x2, x2, x1
    bl      byte_copy
    add     x4, x4, #1
    b       1b
2:  dsb     sy
    ic      iallu
    dsb     sy
    isb
    mov     x30, x5
    ret

// batch_next: CPU 0 runs trace g_trace_idx (reset, open the generation, take its own steps) or, after the last
// trace, flushes the events and exits QEMU with status 0.
//   in: none; out: never returns
.global batch_next
batch_next:
    mrs     x19, tpidr_el2
    ldr     x0, [x19, #CPU_STACK_TOP]
    mov     sp, x0
    ldr     x0, =g_trace_idx
    ldr     x0, [x0]
    ldr     x1, =INPUT_BASE
    ldr     x1, [x1, #IN_NTRACES]
    cmp     x0, x1
    b.hs    1f
    bl      trace_setup
    ldr     x0, [x19, #CPU_WAIT_GEN]
    ldr     x1, =g_gen
    stlr    x0, [x1]
    sev
    b       step_loop
1:  ldr     x0, =g_exit
    mov     x1, #1
    str     x1, [x0]
    ldr     x0, =g_gen
    ldr     x1, [x19, #CPU_WAIT_GEN]
    stlr    x1, [x0]
    sev
    bl      ev_flush
    ldr     x0, =msg_done
    bl      uart_puts
    mov     x0, #0
    b       semi_exit

bad_input:
    ldr     x0, =msg_bad_input
    bl      uart_puts
    mov     x0, #2
    b       semi_exit
bad_output:
    ldr     x0, =msg_bad_output
    bl      uart_puts
    mov     x0, #2
    b       semi_exit
bad_smp:
    ldr     x0, =msg_bad_smp
    bl      uart_puts
    mov     x0, #2
    b       semi_exit

.section .rodata
msg_boot:       .asciz "hfmailbox EL2 harness: boot\n"
msg_done:       .asciz "hfmailbox EL2 harness: batch done\n"
msg_bad_input:  .asciz "hfmailbox EL2 harness: no valid input table at 0x44000000\n"
msg_bad_output: .asciz "hfmailbox EL2 harness: cannot open the event file (semihosting)\n"
msg_bad_smp:    .asciz "hfmailbox EL2 harness: PSCI CPU_ON of a secondary CPU failed\n"

.bss
.balign 16
.global g_cpus, g_vms, g_vcpus, g_in_flags, g_sabotage
g_in_flags: .skip 8
g_sabotage: .skip 8
.balign 16
g_stacks: .skip (STACK_SIZE * (MAX_CPUS + 1))
.balign 64
g_cpus:   .skip (CPU_SIZE * MAX_CPUS)
g_vms:    .skip (VM_SIZE * MAX_VMS)
g_vcpus:  .skip (VCPU_SIZE * MAX_VCPUS * MAX_VMS)
