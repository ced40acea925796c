// guest.S: the EL1 guest program, mapped at PRIV_IPA in every VM's stage 2 (its private window: code, EL1 vector
// table, one data page and one staging page per vCPU; vm_configure never counts these pages as the VM's memory).
// Position independent, MMU off at EL1 (data accesses are Device memory: aligned only). It knows only its
// inputs: its command slot (kind, x0..x3, payload length and destination, written by EL2) and its staging page.
//
// Loop:
//   1. After every trap returns (guest_resume) it dumps its registers and checks them against what it had before
//      the trap: x18 an address in its data page; x19..x30, SP and the EL1 system registers values derived from
//      (VM, vCPU index, generation n) that change at every iteration, so a context switch that loses or mixes them,
//      or resumes
//      the vCPU from a stale register buffer, is seen; after an HVC x1..x17 must be 0, after a WFI or SMC (slow
//      path) x1..x17 keep their values. The first difference is written into the slot (CMD_ERR = register id + 1,
//      CMD_ERRVAL, CMD_EXPVAL); EL2 reports it with the guest's next step. CMD_OBS = the x0 it was resumed with.
//   2. n := n + 1; every checked register takes its value for n (gen_establish).
//   3. It waits for a command (CMD_SEQ != CMD_ACK), reads it consistently (a sequence lock: EL2 writes CMD_SEQ
//      last), copies the payload from its staging page to CMD_PDEST, sets x4..x17, records them, acknowledges
//      (CMD_ACK = CMD_SEQ) and executes it: hvc #0, wfi, smc #0, a load from x1 then an HVC (isolation test), or
//      an FP instruction then an HVC (the FP trap test).
// Its own exceptions (EL1 vector table) are reported with hvc #HVC_GUEST_FAULT: EL2 reads ESR_EL1, FAR_EL1 and
// ELR_EL1 and ends the trace with the real cause.
.include "layout.inc"

// Register ids of the check (also the Java side's GuestRegister names): 0..30 = x0..x30, 31 = SP_EL1, 32.. sysregs.
.equ GR_SP, 31
.equ GR_SCTLR, 32
.equ GR_CPACR, 33
.equ GR_TTBR0, 34
.equ GR_TTBR1, 35
.equ GR_TCR, 36
.equ GR_ESR, 37
.equ GR_FAR, 38
.equ GR_MAIR, 39
.equ GR_VBAR, 40
.equ GR_CONTEXTIDR, 41
.equ GR_TPIDR_EL0, 42
.equ GR_TPIDRRO_EL0, 43
.equ GR_TPIDR_EL1, 44
.equ GR_CNTKCTL, 45
.equ GR_SP_EL0, 46
.equ GR_PAR, 47
.equ GR_CSSELR, 48
.equ GR_ELR_EL1, 49
.equ GR_SPSR_EL1, 50

// Register use: x8 = this vCPU's data page, x18 = the data page + REGAREA, x7 = generation n, x6 = signature;
// x9..x17 scratch; x19..x30, SP and the system registers carry only check values.
.equ REGAREA, 0x200                     // x18 = the data page + REGAREA
.equ DUMP, 0x80                         // data page: the registers found after a trap (x0..x30, SP)
.equ PRE,  0x180                        // data page: x0..x17 as they were before the trap

// gval: x_out = the value of register id for (signature x6, generation x7): a mix of the three.
.macro gval out, id
    ldr     \out, =(\id * 0x9e3779b1)
    add     \out, \out, x7, lsl #7
    eor     \out, \out, x6
    eor     \out, \out, \out, lsr #29
    add     \out, \out, x7
.endm

// gsys: write system register reg with the value of id, masked (bits the register keeps), or-ed with fixed.
.macro gsys reg, id, mask, fixed
    gval    x9, \id
    ldr     x10, =\mask
    and     x9, x9, x10
    ldr     x10, =\fixed
    orr     x9, x9, x10
    msr     \reg, x9
.endm

// csys: compare system register reg with its value for id (masked as gsys wrote it); on a difference record it.
.macro csys reg, id, mask, fixed
    gval    x9, \id
    ldr     x10, =\mask
    and     x9, x9, x10
    ldr     x10, =\fixed
    orr     x9, x9, x10
    mrs     x11, \reg
    mov     x12, #\id
    bl      check_one
.endm

// the system registers a guest sets (register, id, mask of the bits it varies, fixed bits)
.macro for_sysregs m
    \m      sctlr_el1, GR_SCTLR, 0x30, 0x30d00800          // SA0, CP15BEN vary; M, C off
    \m      cpacr_el1, GR_CPACR, 0x0, 0x300000             // FPEN = 0b11 (EL2's CPTR_EL2.TFP decides)
    \m      ttbr0_el1, GR_TTBR0, 0xfffffffffffff000, 0x0
    \m      ttbr1_el1, GR_TTBR1, 0xfffffffffffff000, 0x0
    \m      tcr_el1, GR_TCR, 0xf000f, 0x100010             // T0SZ, T1SZ 16..31
    \m      esr_el1, GR_ESR, 0xffffffff, 0x0
    \m      far_el1, GR_FAR, 0xffffffffffffffff, 0x0
    \m      mair_el1, GR_MAIR, 0xff00, 0x44000004
    \m      vbar_el1, GR_VBAR, 0xf000, (PRIV_IPA + P_VBAR_ALIAS)
    \m      contextidr_el1, GR_CONTEXTIDR, 0xffffffff, 0x0
    \m      tpidr_el0, GR_TPIDR_EL0, 0xffffffffffffffff, 0x0
    \m      tpidrro_el0, GR_TPIDRRO_EL0, 0xffffffffffffffff, 0x0
    \m      tpidr_el1, GR_TPIDR_EL1, 0xffffffffffffffff, 0x0
    \m      cntkctl_el1, GR_CNTKCTL, 0x3, 0x0
    \m      sp_el0, GR_SP_EL0, 0xfffffffffffffff0, 0x0
    \m      par_el1, GR_PAR, 0xfffffffff000, 0x0
    \m      csselr_el1, GR_CSSELR, 0x1, 0x0
    \m      elr_el1, GR_ELR_EL1, 0xfffffffffffffffc, 0x0
    \m      spsr_el1, GR_SPSR_EL1, 0xf0000000, 0x3c5
.endm

.section .guest, "ax"
.global guest_code_start, guest_code_end, guest_vectors_start, guest_vectors_end
.balign 8
// guest_entry: the first instruction of every vCPU (boot, or PSCI CPU_ON's entry).
//   in: x0 = the start argument (context id), VMPIDR = vCPU index; out: never returns
guest_code_start:
    bl      guest_locate
    add     x18, x8, #REGAREA
    str     x0, [x8, #CMD_OBS]            // the start argument it was given
    ldr     x7, [x8, #CMD_GEN]
    b       guest_next

// guest_locate: x8 = this vCPU's data page, x6 = its signature (VM id and index), x7 = its generation (memory).
//   in: none; out: x6, x7, x8; clobbers x9, x10
guest_locate:
    mrs     x9, mpidr_el1
    and     x9, x9, #0xff                 // vCPU index (VMPIDR_EL2)
    adr     x8, guest_code_start          // PRIV_IPA
    add     x8, x8, #P_DATA
    add     x8, x8, x9, lsl #12
    ldr     x10, [x8, #CMD_VMID]
    orr     x6, x9, x10, lsl #8
    ldr     x10, =0xd1b54a32d192ed03
    mul     x6, x6, x10
    ldr     x7, [x8, #CMD_GEN]
    ret

// guest_resume: a trap returned here. Dump x0..x30 and SP into the data page through x18, which always holds an
// address in the data page (a volatile register: every save path keeps it), then check them. Nothing here or later
// dereferences SP or x19..x28, so a resume from a stale register buffer (aa039b39) is seen, not fatal.
guest_resume:
    stp     x0, x1, [x18, #(DUMP - REGAREA)]
    stp     x2, x3, [x18, #(DUMP - REGAREA + 0x10)]
    stp     x4, x5, [x18, #(DUMP - REGAREA + 0x20)]
    stp     x6, x7, [x18, #(DUMP - REGAREA + 0x30)]
    stp     x8, x9, [x18, #(DUMP - REGAREA + 0x40)]
    stp     x10, x11, [x18, #(DUMP - REGAREA + 0x50)]
    stp     x12, x13, [x18, #(DUMP - REGAREA + 0x60)]
    stp     x14, x15, [x18, #(DUMP - REGAREA + 0x70)]
    stp     x16, x17, [x18, #(DUMP - REGAREA + 0x80)]
    stp     x18, x19, [x18, #(DUMP - REGAREA + 0x90)]
    stp     x20, x21, [x18, #(DUMP - REGAREA + 0xa0)]
    stp     x22, x23, [x18, #(DUMP - REGAREA + 0xb0)]
    stp     x24, x25, [x18, #(DUMP - REGAREA + 0xc0)]
    stp     x26, x27, [x18, #(DUMP - REGAREA + 0xd0)]
    stp     x28, x29, [x18, #(DUMP - REGAREA + 0xe0)]
    mov     x0, sp
    stp     x30, x0, [x18, #(DUMP - REGAREA + 0xf0)]
    bl      guest_locate
    add     x13, x8, #DUMP                // x13 = the dump (x0..x30, SP), x14 = the registers before the trap
    add     x14, x8, #PRE
    ldr     x0, [x13]
    str     x0, [x8, #CMD_OBS]
    str     xzr, [x8, #CMD_ERR]
    // x1..x17: 0 after an HVC (Hafnium's fast path zeroes them), else what the guest had before the trap
    ldr     x16, [x8, #CMD_LASTKIND]
    mov     x15, #1
1:  ldr     x11, [x13, x15, lsl #3]
    mov     x9, #0
    cmp     x16, #K_WFI
    b.eq    2f
    cmp     x16, #K_SMC
    b.ne    3f
2:  ldr     x9, [x14, x15, lsl #3]
3:  mov     x12, x15
    bl      check_one
    add     x15, x15, #1
    cmp     x15, #18
    b.lo    1b
    cmp     x16, #K_WFI                   // a WFI keeps x0 too
    b.ne    4f
    ldr     x9, [x14]
    ldr     x11, [x13]
    mov     x12, #0
    bl      check_one
4:  add     x9, x8, #REGAREA              // x18: the data page + REGAREA
    ldr     x11, [x13, #(8 * 18)]
    mov     x12, #18
    bl      check_one
    mov     x15, #19                      // x19..x30 and SP: their values for generation n
5:  gval    x9, 0
    add     x9, x9, x15
    ldr     x11, [x13, x15, lsl #3]
    mov     x12, x15
    bl      check_one
    add     x15, x15, #1
    cmp     x15, #31
    b.lo    5b
    bl      guest_sp_for
    ldr     x11, [x13, #(8 * 31)]
    mov     x12, #GR_SP
    bl      check_one
    for_sysregs csys
    b       guest_next

// check_one: record the first difference of the check (CMD_ERR = id + 1, the value found and the one expected).
//   in: x8 = data page, x9 = expected, x11 = found, x12 = register id; out: none; clobbers x10
check_one:
    cmp     x9, x11
    b.eq    1f
    ldr     x10, [x8, #CMD_ERR]
    cbnz    x10, 1f
    stp     x11, x9, [x8, #CMD_ERRVAL]
    add     x10, x12, #1
    str     x10, [x8, #CMD_ERR]
1:  ret

// guest_sp_for: x9 = the SP of generation n: 16-aligned, inside the data page (a check value; never dereferenced).
//   in: x7, x8; out: x9; clobbers x10
guest_sp_for:
    and     x10, x7, #7
    add     x9, x8, #0x1000
    sub     x9, x9, #0x10
    sub     x9, x9, x10, lsl #4
    ret

// guest_next: the next generation: every checked register takes its new value, then wait for a command.
guest_next:
    add     x7, x7, #1
    str     x7, [x8, #CMD_GEN]
    bl      guest_sp_for
    mov     sp, x9
    for_sysregs gsys
    add     x18, x8, #REGAREA
    gval    x19, 0
    add     x19, x19, #19
    gval    x20, 0
    add     x20, x20, #20
    gval    x21, 0
    add     x21, x21, #21
    gval    x22, 0
    add     x22, x22, #22
    gval    x23, 0
    add     x23, x23, #23
    gval    x24, 0
    add     x24, x24, #24
    gval    x25, 0
    add     x25, x25, #25
    gval    x26, 0
    add     x26, x26, #26
    gval    x27, 0
    add     x27, x27, #27
    gval    x28, 0
    add     x28, x28, #28
    gval    x29, 0
    add     x29, x29, #29
    gval    x30, 0
    add     x30, x30, #30

// guest_wait: wait for a new command and read it under the sequence lock (EL2 writes CMD_SEQ after the fields).
// Both numbers are read from memory at every turn: a vCPU resumed here from a stale register buffer (aa039b39)
// must not take a command it already took.
guest_wait:
1:  ldr     x16, [x8, #CMD_ACK]
    add     x12, x8, #CMD_SEQ
    ldar    x17, [x12]
    cmp     x17, x16
    b.eq    1b
    ldr     x14, [x8, #CMD_KIND]
    ldp     x0, x1, [x8, #CMD_X0]
    ldp     x2, x3, [x8, #CMD_X2]
    ldp     x10, x11, [x8, #CMD_PLEN]     // payload length, destination
    dmb     ishld
    ldr     x12, [x8, #CMD_SEQ]
    cmp     x12, x17
    b.ne    1b
    cbz     x11, 3f                       // copy the payload from the staging page to its destination
    mrs     x9, mpidr_el1
    and     x9, x9, #0xff
    adr     x12, guest_code_start
    add     x12, x12, #P_STAGE
    add     x12, x12, x9, lsl #12
2:  cbz     x10, 3f
    ldrb    w13, [x12], #1
    strb    w13, [x11], #1
    sub     x10, x10, #1
    b       2b
3:  // x4..x17: values for n, recorded with x0..x3 below SP (the slow path must keep them)
    add     x15, x8, #CMD_ACK
    gval    x4, 0
    add     x5, x4, #5
    add     x6, x4, #6
    add     x7, x4, #7
    add     x9, x4, #9
    add     x10, x4, #10
    add     x11, x4, #11
    add     x12, x4, #12
    add     x13, x4, #13
    add     x16, x4, #16
    str     x14, [x8, #CMD_LASTKIND]
    stlr    x17, [x15]                    // taken (CMD_ACK): from here the guest traps with this command
    add     x15, x4, #15
    add     x17, x4, #17
    mov     x12, x14                      // kind (x14 is set last)
    add     x14, x4, #14
    add     x4, x4, #4
    stp     x0, x1, [x18, #(PRE - REGAREA)]
    stp     x2, x3, [x18, #(PRE - REGAREA + 0x10)]
    stp     x4, x5, [x18, #(PRE - REGAREA + 0x20)]
    stp     x6, x7, [x18, #(PRE - REGAREA + 0x30)]
    stp     x8, x9, [x18, #(PRE - REGAREA + 0x40)]
    stp     x10, x11, [x18, #(PRE - REGAREA + 0x50)]
    stp     x12, x13, [x18, #(PRE - REGAREA + 0x60)]
    stp     x14, x15, [x18, #(PRE - REGAREA + 0x70)]
    stp     x16, x17, [x18, #(PRE - REGAREA + 0x80)]
    cmp     x12, #K_WFI
    b.eq    5f
    cmp     x12, #K_SMC
    b.eq    6f
    cmp     x12, #K_TOUCH
    b.eq    7f
    cmp     x12, #K_FP
    b.eq    8f
    hvc     #0
    b       guest_resume
5:  wfi
    b       guest_resume
6:  smc     #0
    b       guest_resume
7:  ldr     x9, [x1]
    mov     x0, #0xff01                   // the load did not fault: report through vm_get_count
    hvc     #0
    b       guest_resume
8:  fmov    d0, x1
    mov     x0, #0xff01                   // the FP instruction did not trap: report through vm_get_count
    hvc     #0
    b       guest_resume
.ltorg
guest_code_end:

// The EL1 vector table (copied into the private vector page, which VBAR_EL1's aliases map): every exception the
// guest takes itself (a fault at an address its stage 1 cannot reach, an undefined instruction, ...) is reported to
// EL2 with hvc #HVC_GUEST_FAULT; EL2 reads ESR_EL1, FAR_EL1 and ELR_EL1 and ends the trace with the real cause.
.balign 2048
guest_vectors_start:
.rept 16
.balign 0x80
    hvc     #HVC_GUEST_FAULT
    b       .
.endr
guest_vectors_end:
