// pagetables.S: the EL2 stage-1 identity map (RAM Normal write-back, the low GiB Device) and one stage-2 table tree
// per VM mapping that VM's own memory as the trace's layout gives it, plus the guest program's private window
// (4 KiB granule, 32-bit IPA, start level 1, VMID = VM id).
.include "layout.inc"
.text

.equ S1_DEVICE_BLOCK, (1 << 54) | (1 << 10) | (0 << 2) | 1          // XN, AF, AttrIndx 0, block
.equ S1_NORMAL_BLOCK, (1 << 10) | (3 << 8) | (1 << 2) | 1           // AF, inner shareable, AttrIndx 1, block
.equ S2_PAGE,         0x7ff     // page, MemAttr Normal WB, S2AP RW, inner shareable, AF
.equ TCR_EL2_VAL,     0x80823520
.equ VTCR_EL2_VAL,    0x80023560
.equ MAIR_EL2_VAL,    0xff00
.equ SCTLR_EL2_VAL,   0x30c5183f  // RES1 bits, M, A, C, SA, I

// el2_tables_build: fill the shared EL2 stage-1 level-1 table (CPU 0, once, MMU off).
//   in: none; out: none; clobbers x0-x2
.global el2_tables_build
el2_tables_build:
    ldr     x0, =g_el2_l1
    ldr     x1, =S1_DEVICE_BLOCK
    str     x1, [x0]                      // 0x00000000-0x3fffffff: devices (GIC, UART, ...)
    ldr     x1, =(0x40000000 | S1_NORMAL_BLOCK)
    str     x1, [x0, #8]                  // 0x40000000-0x7fffffff: RAM
    str     xzr, [x0, #16]
    str     xzr, [x0, #24]
    dsb     sy
    ret

// el2_mmu_enable: per CPU: MAIR, TCR, TTBR0, VTCR, then SCTLR_EL2 with M, C, I and A (alignment checks).
//   in: none; out: none; clobbers x0
.global el2_mmu_enable
el2_mmu_enable:
    ldr     x0, =MAIR_EL2_VAL
    msr     mair_el2, x0
    ldr     x0, =TCR_EL2_VAL
    msr     tcr_el2, x0
    ldr     x0, =g_el2_l1
    msr     ttbr0_el2, x0
    ldr     x0, =VTCR_EL2_VAL
    msr     vtcr_el2, x0
    isb
    tlbi    alle2
    tlbi    alle1
    dsb     sy
    isb
    ldr     x0, =SCTLR_EL2_VAL
    msr     sctlr_el2, x0
    isb
    ret

// ---- stage 2: one table tree per VM slot, rebuilt from each trace's memory layout (only when it changed) ----
// A VM's pool: S2_POOL pages: the level-1 table, then level-2 and level-3 tables as the walk needs them. Its pages
// are mapped to the first MiB of its physical region, in layout order; the guest program's private window
// (PRIV_IPA) to the region's private pages, its descriptors marked S2_PRIVATE (a software bit the MMU ignores), and
// the vector page 16 more times (VBAR_EL1 aliases). The driver keeps a layout within these bounds (TraceTranslator).
.equ S2_POOL,         14
.equ S2_PRIVATE,      (1 << 55)

// stage2_build: VM k's stage-2 tables for its layout entry, unless they already hold it (signature equal).
//   in:  x0 = k, x1 = address of its layout entry (n, then n (IPA, pages) pairs)
//   out: x0 = 1 if the tables were rebuilt (the caller invalidates the TLBs), else 0; clobbers x1-x15
.global stage2_build
stage2_build:
    stp     x29, x30, [sp, #-16]!
    stp     x19, x20, [sp, #-16]!
    stp     x21, x22, [sp, #-16]!
    mov     x19, x0
    mov     x20, x1
    ldr     x2, [x20]                     // the signature: FNV-1a over the entry's words
    lsl     x2, x2, #1
    add     x2, x2, #1
    ldr     x3, =0xcbf29ce484222325
    ldr     x4, =0x100000001b3
    mov     x5, #0
1:  cmp     x5, x2
    b.hs    2f
    ldr     x6, [x20, x5, lsl #3]
    eor     x3, x3, x6
    mul     x3, x3, x4
    add     x5, x5, #1
    b       1b
2:  orr     x3, x3, #1                    // never 0 (0 = never built)
    ldr     x4, =g_s2_sig
    ldr     x5, [x4, x19, lsl #3]
    mov     x0, #0
    cmp     x5, x3
    b.eq    9f
    str     x3, [x4, x19, lsl #3]
    mov     x0, x19                       // zero the pool
    bl      s2_pool
    mov     x21, x0
    mov     x1, #(S2_POOL * PAGE_SIZE)
3:  stp     xzr, xzr, [x0], #16
    subs    x1, x1, #16
    b.ne    3b
    mov     x0, #1
    ldr     x1, =g_s2_next
    str     x0, [x1, x19, lsl #3]
    ldr     x22, =GUEST_BASE              // the VM's physical region
    mov     x0, #VM_REGION
    madd    x22, x19, x0, x22
    ldr     x10, [x20], #8                // ranges
    mov     x11, x22                      // next backing page
4:  cbz     x10, 6f
    ldp     x12, x13, [x20], #16          // IPA, pages
5:  cbz     x13, 51f
    mov     x1, x12
    mov     x2, #0x7ff                    // page, Normal WB, RW, inner shareable, AF
    orr     x2, x2, x11
    bl      s2_map
    add     x12, x12, #PAGE_SIZE
    add     x11, x11, #PAGE_SIZE
    sub     x13, x13, #1
    b       5b
51: sub     x10, x10, #1
    b       4b
6:  mov     x12, #0                       // the private window
7:  cmp     x12, #PRIV_PAGES
    b.hs    8f
    ldr     x1, =PRIV_IPA
    add     x1, x1, x12, lsl #12
    add     x2, x22, #PRIV_PA
    add     x2, x2, x12, lsl #12
    ldr     x3, =(S2_PRIVATE | 0x7ff)
    orr     x2, x2, x3
    bl      s2_map
    add     x12, x12, #1
    b       7b
8:  mov     x12, #0                       // VBAR aliases of the vector page
81: cmp     x12, #16
    b.hs    82f
    ldr     x1, =(PRIV_IPA + P_VBAR_ALIAS)
    add     x1, x1, x12, lsl #12
    add     x2, x22, #(PRIV_PA + P_VECTORS)
    ldr     x3, =(S2_PRIVATE | 0x7ff)
    orr     x2, x2, x3
    bl      s2_map
    add     x12, x12, #1
    b       81b
82: dsb     ishst
    mov     x0, #1
9:  ldp     x21, x22, [sp], #16
    ldp     x19, x20, [sp], #16
    ldp     x29, x30, [sp], #16
    ret

// s2_pool: the first page of VM k's table pool.
//   in: x0 = k; out: x0 = address; clobbers x1, x2
s2_pool:
    mov     x1, #(S2_POOL * PAGE_SIZE)
    ldr     x2, =g_s2_tables
    madd    x0, x0, x1, x2
    ret

// s2_map: enter one page descriptor into VM x19's tables (pool x21), allocating the tables the walk lacks.
//   in: x1 = IPA (< 4 GiB), x2 = descriptor, x19 = k, x21 = pool; out: none; clobbers x0, x3-x9
s2_map:
    mov     x9, x30
    mov     x3, x21                       // level 1
    lsr     x4, x1, #30
    bl      s2_next_table
    ubfx    x4, x1, #21, #9               // level 2
    bl      s2_next_table
    ubfx    x4, x1, #12, #9               // level 3
    str     x2, [x3, x4, lsl #3]
    mov     x30, x9
    ret

// s2_next_table: the table an entry of table x3 points to, allocated from the pool when the entry is empty.
//   in: x3 = table, x4 = index, x19, x21; out: x3 = next-level table; clobbers x0, x5-x8
s2_next_table:
    ldr     x5, [x3, x4, lsl #3]
    cbnz    x5, 1f
    ldr     x6, =g_s2_next
    ldr     x7, [x6, x19, lsl #3]
    add     x8, x7, #1
    str     x8, [x6, x19, lsl #3]
    mov     x0, #PAGE_SIZE
    madd    x5, x7, x0, x21
    orr     x0, x5, #3                    // table descriptor
    str     x0, [x3, x4, lsl #3]
    mov     x3, x5
    ret
1:  and     x3, x5, #0x0000fffffffff000
    ret

// stage2_vttbr: the VTTBR_EL2 value of VM k (its level-1 table, VMID k in bits 48..55).
//   in:  x0 = k
//   out: x0 = VTTBR value; clobbers x1, x2
.global stage2_vttbr
stage2_vttbr:
    mov     x2, x0
    mov     x1, #(S2_POOL * PAGE_SIZE)
    ldr     x0, =g_s2_tables
    madd    x0, x2, x1, x0
    orr     x0, x0, x2, lsl #48
    ret

// stage2_lookup: walk a VM's stage-2 tables for an IPA as vm_configure's "mapped in m's stage 2" check: a valid
// page descriptor that is not the guest program's private page.
//   in:  x0 = VTTBR value of the VM, x1 = IPA
//   out: x0 = the physical address, or 0 when the VM's memory does not map the IPA; clobbers x2, x3
.global stage2_lookup
stage2_lookup:
    and     x0, x0, #0x0000fffffffff000   // table address
    lsr     x2, x1, #30
    cmp     x2, #4
    b.hs    8f
    ldr     x3, [x0, x2, lsl #3]
    and     x2, x3, #3
    cmp     x2, #3
    b.ne    8f
    and     x0, x3, #0x0000fffffffff000
    ubfx    x2, x1, #21, #9
    ldr     x3, [x0, x2, lsl #3]
    and     x2, x3, #3
    cmp     x2, #3
    b.ne    8f
    and     x0, x3, #0x0000fffffffff000
    ubfx    x2, x1, #12, #9
    ldr     x3, [x0, x2, lsl #3]
    and     x2, x3, #3
    cmp     x2, #3
    b.ne    8f
    tbnz    x3, #55, 8f                   // S2_PRIVATE
    and     x0, x3, #0x0000fffffffff000
    and     x2, x1, #0xfff
    orr     x0, x0, x2
    ret
8:  mov     x0, #0
    ret

.bss
.balign 4096
.global g_el2_l1
g_el2_l1:    .skip 4096
g_s2_tables: .skip (S2_POOL * 4096 * MAX_VMS)
.balign 8
g_s2_sig:    .skip (8 * MAX_VMS)          // per VM slot: signature of the layout its tables hold (0: none)
g_s2_next:   .skip (8 * MAX_VMS)          // per VM slot: the next free page of its pool
