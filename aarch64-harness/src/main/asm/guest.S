// guest.S: the EL1 guest program, copied into page 0 of every VM (position independent; MMU off at EL1, so its
// data accesses are Device memory and must be aligned). It knows only its inputs: its command slot (kind, x0..x3,
// payload length) and its staging page. Loop: record the x0 it was resumed with, check its callee-saved
// signature (x19, x25..x28; a context switch that lost them is reported through CMD_ERR), copy the payload into its
// send page, load x0..x3 and execute the command: hvc #0, wfi, smc #0, or a load from x1 (isolation test).
.include "layout.inc"

.section .guest, "ax"
.global guest_code_start, guest_code_end
.balign 8
// guest_entry: in: x0 = the start argument (context id), VMPIDR = vCPU index; out: never returns
guest_code_start:
    mrs     x20, mpidr_el1
    and     x20, x20, #0xff               // vCPU index
    adr     x21, guest_code_start         // the VM's base IPA
    add     x22, x21, #G_CMD
    add     x22, x22, x20, lsl #8         // command slot
    add     x23, x21, #G_STAGE
    add     x23, x23, x20, lsl #12        // staging page
    add     x24, x21, #G_SEND             // send page
    eor     x19, x21, x20
    mvn     x25, x19
    add     x26, x19, #0x111
    eor     x27, x19, #0x5555555555555555
    lsl     x28, x19, #1
guest_loop:
    str     x0, [x22, #CMD_OBS]
    eor     x9, x21, x20
    cmp     x19, x9
    b.ne    guest_bad
    mvn     x10, x9
    cmp     x25, x10
    b.ne    guest_bad
    add     x10, x9, #0x111
    cmp     x26, x10
    b.ne    guest_bad
    eor     x10, x9, #0x5555555555555555
    cmp     x27, x10
    b.ne    guest_bad
    lsl     x10, x9, #1
    cmp     x28, x10
    b.ne    guest_bad
guest_command:
    ldr     x9, [x22, #CMD_KIND]
    ldr     x10, [x22, #CMD_PLEN]
    mov     x11, x23
    mov     x12, x24
1:  cbz     x10, 2f
    ldrb    w13, [x11], #1
    strb    w13, [x12], #1
    sub     x10, x10, #1
    b       1b
2:  ldr     x0, [x22, #CMD_X0]
    ldr     x1, [x22, #CMD_X1]
    ldr     x2, [x22, #CMD_X2]
    ldr     x3, [x22, #CMD_X3]
    cmp     x9, #K_WFI
    b.eq    3f
    cmp     x9, #K_SMC
    b.eq    4f
    cmp     x9, #K_TOUCH
    b.eq    5f
    hvc     #0
    b       guest_loop
3:  wfi
    b       guest_loop
4:  smc     #0
    b       guest_loop
5:  ldr     x9, [x1]
    mov     x0, #0xff01                   // the load did not fault: report through vm_get_count
    hvc     #0
    b       guest_loop
guest_bad:
    mov     x9, #1
    str     x9, [x22, #CMD_ERR]
    b       guest_command
guest_code_end:
