// spinlock.S: Hafnium's spinlocks (an 8-byte word, 0 free, 1 held) over ldaxr/stxr (cortex-a57 has no LSE).
.include "layout.inc"
.text

// sl_lock: take a spinlock, waiting with WFE (a store that clears our exclusive monitor wakes us).
//   in:  x0 = address of the lock word
//   out: none; clobbers x1, x2
.global sl_lock
sl_lock:
    sevl
1:  wfe
2:  ldaxr   x1, [x0]
    cbnz    x1, 1b
    mov     x1, #1
    stxr    w2, x1, [x0]
    cbnz    w2, 2b
    ret

// sl_unlock: release a spinlock (store-release; the monitor clear wakes waiters).
//   in:  x0 = address of the lock word
//   out: none; clobbers nothing
.global sl_unlock
sl_unlock:
    stlr    xzr, [x0]
    sev
    ret
