// pagetables.S: the EL2 stage-1 identity map (RAM Normal write-back, the low GiB Device) and one stage-2 table per
// VM mapping only that VM's own pages (4 KiB granule, 32-bit IPA, start level 1, VMID = VM id).
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

// stage2_build_all: build the stage-2 tables of every VM slot (level 1 -> level 2 -> level 3, VM_PAGES pages).
//   in: none; out: none; clobbers x0-x9
.global stage2_build_all
stage2_build_all:
    ldr     x0, =g_s2_tables
    mov     x1, #0                        // VM index
1:  cmp     x1, #MAX_VMS
    b.hs    9f
    add     x2, x0, #PAGE_SIZE            // level 2
    add     x3, x0, #(2 * PAGE_SIZE)      // level 3
    orr     x4, x2, #3
    str     x4, [x0, #8]                  // L1[1]: 0x40000000.. -> L2
    ldr     x5, =GUEST_BASE
    mov     x6, #VM_REGION
    madd    x5, x1, x6, x5                // VM base
    ubfx    x6, x5, #21, #9               // L2 index (the VM lies in the 0x40000000 GiB)
    orr     x4, x3, #3
    str     x4, [x2, x6, lsl #3]          // L2[idx] -> L3
    mov     x7, #0
2:  cmp     x7, #VM_PAGES
    b.hs    3f
    add     x8, x5, x7, lsl #12
    mov     x9, #S2_PAGE
    orr     x8, x8, x9
    str     x8, [x3, x7, lsl #3]
    add     x7, x7, #1
    b       2b
3:  add     x0, x0, #(3 * PAGE_SIZE)
    add     x1, x1, #1
    b       1b
9:  dsb     sy
    ret

// stage2_vttbr: the VTTBR_EL2 value of VM k (its level-1 table, VMID k in bits 48..55).
//   in:  x0 = k
//   out: x0 = VTTBR value; clobbers x1, x16
.global stage2_vttbr
stage2_vttbr:
    mov     x1, #(3 * PAGE_SIZE)
    mul     x1, x0, x1
    lsl     x0, x0, #48
    ldr     x16, =g_s2_tables
    add     x1, x1, x16
    orr     x0, x0, x1
    ret

// stage2_is_mapped: walk VM k's stage-2 table for an IPA (the "mapped in m's stage 2" check of vm_configure).
//   in:  x0 = VTTBR value of the VM, x1 = IPA
//   out: x0 = 1 if a valid page maps it, else 0; clobbers x2, x3
.global stage2_is_mapped
stage2_is_mapped:
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
    mov     x0, #1
    ret
8:  mov     x0, #0
    ret

.bss
.balign 4096
.global g_el2_l1
g_el2_l1:    .skip 4096
g_s2_tables: .skip (3 * 4096 * MAX_VMS)
