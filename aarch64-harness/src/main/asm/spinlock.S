// spinlock.S: Hafnium's spinlocks (an 8-byte word, 0 free, 1 held) over ldaxr/stxr (cortex-a57 has no LSE).
// Contention is counted per CPU (struct cpu CPU_CNT): an acquisition that found the lock held counts once for its
// lock class (vm.lock, vcpu.lock, cpu.lock, other), and every failed stxr counts; the uncontended path counts
// nothing. In contended free-running mode a CPU that took a lock spins g_hold_spin iterations before going on: the
// lock regions last longer than the handful of instructions they hold, so a host thread preempted by the host
// scheduler (QEMU runs each CPU on its own host thread, on a shared 2-core machine) often holds one, and the other
// CPUs really find locks held. It changes timing only, never what a step does.
.include "layout.inc"
.text

// sl_lock: take a spinlock, waiting with WFE (a store that clears our exclusive monitor wakes us).
//   in:  x0 = address of the lock word
//   out: none; clobbers x1, x2, x16, x17
.global sl_lock
sl_lock:
    mov     x16, #0                       // 1 once this acquisition was counted as contended
    b       2f
1:  wfe
2:  ldaxr   x1, [x0]
    cbnz    x1, 3f
    mov     x1, #1
    stxr    w2, x1, [x0]
    cbnz    w2, 5f
    cbz     x16, 8f
    spin_off x17
8:  ldr     x1, =g_hold_spin
    ldr     x1, [x1]
6:  cbz     x1, 7f
    sub     x1, x1, #1
    b       6b
7:  ret
3:  cbnz    x16, 1b                       // held: count this acquisition once, by the lock's class
    mov     x16, #1
    spin_on x0, x17
    mrs     x17, tpidr_el2
    add     x17, x17, #CPU_CNT
    ldr     x1, =g_vms
    cmp     x0, x1
    b.lo    31f
    add     x1, x1, #(VM_SIZE * MAX_VMS)
    cmp     x0, x1
    b.hs    31f
    add     x17, x17, #CNT_VM_LOCK
    b       41f
31: ldr     x1, =g_vcpus
    cmp     x0, x1
    b.lo    32f
    add     x1, x1, #(VCPU_SIZE * MAX_VCPUS * MAX_VMS)
    cmp     x0, x1
    b.hs    32f
    add     x17, x17, #CNT_VCPU_LOCK
    b       41f
32: ldr     x1, =g_cpus
    cmp     x0, x1
    b.lo    4f
    add     x1, x1, #(CPU_SIZE * MAX_CPUS)
    cmp     x0, x1
    b.hs    4f
    add     x17, x17, #CNT_CPU_LOCK
    b       41f
4:  add     x17, x17, #CNT_OTHER_LOCK
41: ldr     x1, [x17]
    add     x1, x1, #1
    str     x1, [x17]
    b       1b
5:  mrs     x17, tpidr_el2                // the exclusive store failed: count, retry at once
    ldr     x1, [x17, #(CPU_CNT + CNT_STXR_FAIL)]
    add     x1, x1, #1
    str     x1, [x17, #(CPU_CNT + CNT_STXR_FAIL)]
    b       2b

// sl_unlock: release a spinlock (store-release; the monitor clear wakes waiters).
//   in:  x0 = address of the lock word
//   out: none; clobbers nothing
.global sl_unlock
sl_unlock:
    stlr    xzr, [x0]
    sev
    ret

.bss
.balign 8
.global g_hold_spin
g_hold_spin:    .skip 8
