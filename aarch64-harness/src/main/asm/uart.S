// uart.S: polled PL011 output (progress and failures only; events go out through semihosting).
.include "layout.inc"
.text

// uart_putc: write one byte, '\r' before '\n'.
//   in:  w0 = the byte
//   out: none; clobbers x1, x2, x3, x16
.global uart_putc
uart_putc:
    mov     x3, x30
    cmp     w0, #'\n'
    b.ne    1f
    mov     w2, w0
    mov     w0, #'\r'
    bl      uart_raw
    mov     w0, w2
1:  bl      uart_raw
    mov     x30, x3
    ret

// uart_raw: wait while TXFF (UARTFR bit 5) is set, then write UARTDR.
//   in:  w0 = the byte
//   out: none; clobbers x1, x16
uart_raw:
    ldr     x1, =UART_BASE
1:  ldr     w16, [x1, #0x18]
    tbnz    w16, #5, 1b
    str     w0, [x1]
    ret

// uart_puts: write a NUL-terminated string.
//   in:  x0 = the string
//   out: none; clobbers x0-x5, x16
.global uart_puts
uart_puts:
    mov     x5, x30
    mov     x4, x0
1:  ldrb    w0, [x4], #1
    cbz     w0, 2f
    bl      uart_putc
    b       1b
2:  mov     x30, x5
    ret

// uart_hex: write a 64-bit value as 0x + 16 hex digits.
//   in:  x0 = the value
//   out: none; clobbers x0-x7, x16
.global uart_hex
uart_hex:
    mov     x7, x30
    mov     x6, x0
    mov     w0, #'0'
    bl      uart_putc
    mov     w0, #'x'
    bl      uart_putc
    mov     x4, #60
1:  lsr     x0, x6, x4
    and     x0, x0, #0xf
    cmp     x0, #10
    add     x5, x0, #'0'
    add     x0, x0, #('a' - 10)
    csel    x0, x5, x0, lo
    bl      uart_putc
    subs    x4, x4, #4
    b.ge    1b
    mov     x30, x7
    ret

// uart_lock / uart_unlock: serialise whole lines from several CPUs.
//   in: none; out: none; clobbers x0-x2
.global uart_lock
uart_lock:
    ldr     x0, =g_uart_lock
    b       sl_lock
.global uart_unlock
uart_unlock:
    ldr     x0, =g_uart_lock
    b       sl_unlock

.bss
.balign 8
g_uart_lock: .skip 8
