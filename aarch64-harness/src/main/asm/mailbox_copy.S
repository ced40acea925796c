// mailbox_copy.S: the one path between VMs: the byte copy from a sender's send page to a recipient's receive
// page, and the FNV-1a hash the event record carries so the driver can check the bytes that arrived.
.include "layout.inc"
.text

// mailbox_copy: copy size bytes; both pages are 4 KiB aligned, so the word loop is aligned (SCTLR_EL2.A).
//   in:  x0 = destination (recv page), x1 = source (send page), x2 = size (0..4096)
//   out: none; clobbers x0-x4
.global mailbox_copy
mailbox_copy:
    lsr     x3, x2, #3
1:  cbz     x3, 2f
    ldr     x4, [x1], #8
    str     x4, [x0], #8
    sub     x3, x3, #1
    b       1b
2:  and     x3, x2, #7
3:  cbz     x3, 4f
    ldrb    w4, [x1], #1
    strb    w4, [x0], #1
    sub     x3, x3, #1
    b       3b
4:  ret

// fnv1a64: the 64-bit FNV-1a hash of a byte range.
//   in:  x0 = address, x1 = length
//   out: x0 = hash; clobbers x1-x4
.global fnv1a64
fnv1a64:
    ldr     x2, =0xcbf29ce484222325
    ldr     x3, =0x100000001b3
1:  cbz     x1, 2f
    ldrb    w4, [x0], #1
    eor     x2, x2, x4
    mul     x2, x2, x3
    sub     x1, x1, #1
    b       1b
2:  mov     x0, x2
    ret

// byte_copy: copy bytes with no alignment assumption (input table to a staging page).
//   in:  x0 = destination, x1 = source, x2 = length
//   out: none; clobbers x0-x3
.global byte_copy
byte_copy:
1:  cbz     x2, 2f
    ldrb    w3, [x1], #1
    strb    w3, [x0], #1
    sub     x2, x2, #1
    b       1b
2:  ret
