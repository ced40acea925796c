// gic.S: the GICv2 of QEMU virt (distributor GICD_BASE, CPU interface GICC_BASE) and the EL2 physical timer, the
// sources of real physical IRQs: software-generated interrupts (SGIs) that a CPU sends to any CPU (free-running),
// and the timer (PPI 26), which EL2 arms before entering a secondary at an IRQ step of a replay, so that the guest
// runs a while before it is preempted. Both preempt the secondary running on the CPU (HCR_EL2.IMO routes them to
// EL2; the primary's IRQs stay pending at its masked EL1). EL2 runs with IRQs masked (DAIF) and acknowledges them in
// lower_irq.
.include "layout.inc"
.text

.equ GICD_CTLR,       0x000
.equ GICD_ISENABLER0, 0x100
.equ GICD_ICPENDR0,   0x280
.equ GICD_IPRIORITYR, 0x400
.equ GICD_SGIR,       0xf00
.equ GICD_CPENDSGIR,  0xf10
.equ GICC_CTLR,       0x000
.equ GICC_PMR,        0x004
.equ GICC_IAR,        0x00c
.equ GICC_EOIR,       0x010
.equ SGI_YIELD,       1               // the SGI number the harness sends
.equ PPI_EL2_TIMER,   26              // the EL2 physical timer's interrupt (CNTHP)

// gic_init_distributor: enable the distributor (CPU 0, once at boot).
//   in: none; out: none; clobbers x0, x1
.global gic_init_distributor
gic_init_distributor:
    ldr     x0, =GICD_BASE
    mov     w1, #1
    str     w1, [x0, #GICD_CTLR]
    dsb     sy
    ret

// gic_init_cpu: this CPU's banked SGI and timer configuration (enabled, highest priority) and its CPU interface
// (enabled, every priority unmasked).
//   in: none; out: none; clobbers x0-x2
.global gic_init_cpu
gic_init_cpu:
    ldr     x0, =GICD_BASE
    ldr     w1, =(0xffff | (1 << PPI_EL2_TIMER))
    str     w1, [x0, #GICD_ISENABLER0]
    add     x1, x0, #GICD_IPRIORITYR
    mov     x2, #0
1:  str     wzr, [x1, x2]                 // SGIs and PPIs 0..31: priority 0
    add     x2, x2, #4
    cmp     x2, #32
    b.lo    1b
    ldr     x0, =GICC_BASE
    mov     w1, #0xf0
    str     w1, [x0, #GICC_PMR]
    mov     w1, #1
    str     w1, [x0, #GICC_CTLR]
    dsb     sy
    ret

// gic_send_sgi: raise SGI_YIELD on the CPUs of a target mask (bit c = CPU c).
//   in: x0 = target mask; out: none; clobbers x0, x1
.global gic_send_sgi
gic_send_sgi:
    and     x0, x0, #0xff
    lsl     x0, x0, #16
    orr     x0, x0, #SGI_YIELD
    ldr     x1, =GICD_BASE
    dsb     sy
    str     w0, [x1, #GICD_SGIR]
    dsb     sy
    ret

// timer_arm: the EL2 physical timer fires after a number of counter ticks (62.5 MHz on QEMU virt).
//   in: x0 = ticks; out: none; clobbers x0
.global timer_arm
timer_arm:
    msr     cnthp_tval_el2, x0
    mov     x0, #1                        // enabled, not masked
    msr     cnthp_ctl_el2, x0
    isb
    ret

// timer_stop: the EL2 physical timer off (its interrupt no longer asserted).
//   in: none; out: none
.global timer_stop
timer_stop:
    msr     cnthp_ctl_el2, xzr
    isb
    ret

// gic_ack: acknowledge the highest pending interrupt of this CPU and end it (IAR, then EOIR).
//   in: none; out: x0 = interrupt id (1023: none pending, spurious); clobbers x1, x2
.global gic_ack
gic_ack:
    ldr     x1, =GICC_BASE
    ldr     w2, [x1, #GICC_IAR]
    and     x0, x2, #0x3ff
    cmp     x0, #1023
    b.eq    1f
    str     w2, [x1, #GICC_EOIR]
1:  ret

// gic_drain: acknowledge every interrupt pending on this CPU (between traces: an SGI left pending by the last
// trace must not preempt the next one).
//   in: none; out: none; clobbers x0-x3
.global gic_drain
gic_drain:
    mov     x3, x30
    bl      timer_stop
1:  bl      gic_ack
    cmp     x0, #1023
    b.ne    1b
    ldr     x0, =GICD_BASE                // and SGIs still pending but not yet signalled
    mov     w1, #-1
    add     x2, x0, #GICD_CPENDSGIR
    str     w1, [x2]
    str     w1, [x2, #4]
    str     w1, [x2, #8]
    str     w1, [x2, #12]
    dsb     sy
    mov     x30, x3
    ret
