package org.hfmailbox.reference;

import java.util.Arrays;
import java.util.List;
import org.hfmailbox.reference.abi.HfAbi;
import org.hfmailbox.reference.abi.Psci;
import org.hfmailbox.reference.abi.Ret;
import org.hfmailbox.reference.abi.RunCode;
import org.hfmailbox.reference.trace.Actor;
import org.hfmailbox.reference.trace.Arg;
import org.hfmailbox.reference.trace.Regs;
import org.hfmailbox.reference.trace.StateSnapshot;
import org.hfmailbox.reference.trace.TraceSink;

/**
 * The Java reference hypervisor: Hafnium's mailbox and vCPU behaviour at aa039b39 (or with corrections), one public
 * method per step kind, step-exact with docs/vocabulary.md. Deterministic and single-threaded: the caller chooses
 * which physical CPU steps next. Each step that takes effect changes the state atomically and emits exactly one
 * trace event; a step that is not enabled changes nothing and emits nothing.
 *
 * <p>The ghosts {@code delivered}, {@code waiting_for} and {@code wants_send_to} (what guests asked for and were
 * handed) are updated with the steps that raise and serve them; no step's behaviour reads them.
 *
 * <p>Entry points: {@link #hvc} (an HVC from the guest current on the CPU, Hafnium's dispatch), {@link #wfiTrap}
 * (a trapped WFI), {@link #irq} (a physical IRQ: api_yield) and {@link #continueStep} (the continuation the CPU's
 * {@code cpu_op} names: mailbox_send_deliver, mailbox_send_switch, mailbox_receive_wait, vcpu_switch, cpu_main).
 * No register value makes a Java exception escape; a CPU index outside the shape is a driver error
 * (IllegalArgumentException).
 */
public final class Hypervisor implements StateView {
    private static final List<Arg> NO_ARGS = List.of();
    private static final String UNALIGNED = "unaligned";
    private static final String UNMAPPED = "unmapped";
    private static final String SAME_PAGE = "same_page";
    private static final String VALID = "valid";
    /** {@code wants_send_to} of a VM without an unserved wish to send. */
    private static final int NO_WISH = -1;

    private final SystemShape shape;
    private final Semantics semantics;
    private final Faults faults;
    private final GuestMemory memory;
    private final MachineState st;
    private final StepTracer tracer;
    private final boolean tracing;
    private final int vmCount;
    private final int maxVcpus;
    private final int cpus;
    private final VcpuId[] primaryVcpu;
    private final Reasons reasons;
    /** Every vCPU id of the shape, [vm][idx], made once. */
    private final VcpuId[][] vcpuIds;
    /** The switch back to primary vCPU c after a trap or IRQ (user_ret none), per CPU. */
    private final CpuOp[] switchToPrimaryNone;
    /** The switch back to primary vCPU c after a send or a blocking receive (user_ret 0), per CPU. */
    private final CpuOp[] switchToPrimaryZero;
    /** The switch of a successful vcpu_run to vCPU [vm][idx] (user_ret the placeholder 0). */
    private final CpuOp[][] runSwitch;

    private final boolean saveBeforePublish;
    private final boolean retvalBeforePublish;
    private final boolean messageReportsSender;
    private final boolean blockOnMailbox;
    private final boolean wfiWakeOnInterrupt;
    private final boolean secondaryVcpuOn;
    private final boolean fifoWaiters;
    private final boolean blockOnlyWhenDeliverable;
    private final boolean wrongEncoding;

    /** Configured mailbox page addresses per VM (-1 until configured). */
    private final long[] sendIpa;
    private final long[] recvIpa;
    /** A mapping failure forced on each VM's next vm_configure, or null. */
    private final MapFailure[] forced;

    /** A hypervisor with the default memory layout and no faults. */
    public Hypervisor(SystemShape shape, Semantics semantics, TraceSink sink) {
        this(shape, semantics, MemoryLayout.defaultLayout(shape.vmCount()), Faults.none(), sink);
    }

    /**
     * @param layout the guest memory layout, one entry per VM of the shape
     * @param faults test-only injected defects ({@link Faults#none()} normally); the trace still claims
     *               {@code semantics}
     */
    public Hypervisor(SystemShape shape, Semantics semantics, MemoryLayout layout, Faults faults, TraceSink sink) {
        if (layout.vmCount() != shape.vmCount()) {
            throw new IllegalArgumentException("memory layout has " + layout.vmCount() + " VMs, shape has "
                    + shape.vmCount());
        }
        this.shape = shape;
        this.semantics = semantics;
        this.faults = faults;
        this.memory = new GuestMemory(layout);
        this.st = new MachineState(shape);
        this.vmCount = shape.vmCount();
        this.maxVcpus = shape.maxVcpus();
        this.cpus = shape.cpus();
        this.reasons = new Reasons(shape);
        this.vcpuIds = new VcpuId[vmCount][];
        this.runSwitch = new CpuOp[vmCount][];
        for (int k = 0; k < vmCount; k++) {
            int n = shape.vcpuCount(k);
            vcpuIds[k] = new VcpuId[n];
            runSwitch[k] = new CpuOp[n];
            for (int i = 0; i < n; i++) {
                vcpuIds[k][i] = new VcpuId(k, i);
                runSwitch[k][i] = new CpuOp.VcpuSwitch(vcpuIds[k][i], Ret.RUN_YIELD);
            }
        }
        this.primaryVcpu = vcpuIds[0];
        this.switchToPrimaryNone = new CpuOp[cpus];
        this.switchToPrimaryZero = new CpuOp[cpus];
        for (int c = 0; c < cpus; c++) {
            switchToPrimaryNone[c] = new CpuOp.VcpuSwitch(primaryVcpu[c], Ret.NONE);
            switchToPrimaryZero[c] = new CpuOp.VcpuSwitch(primaryVcpu[c], Ret.ZERO);
        }
        this.saveBeforePublish = on(Correction.SAVE_BEFORE_PUBLISH)
                && !faults.has(Fault.PUBLISH_READY_WITHOUT_SAVE);
        this.retvalBeforePublish = on(Correction.RETVAL_BEFORE_PUBLISH);
        this.messageReportsSender = on(Correction.MESSAGE_REPORTS_SENDER);
        this.blockOnMailbox = on(Correction.BLOCK_ON_MAILBOX);
        this.wfiWakeOnInterrupt = on(Correction.WFI_WAKE_ON_INTERRUPT);
        this.secondaryVcpuOn = on(Correction.SECONDARY_VCPU_ON);
        this.fifoWaiters = on(Correction.FIFO_WAITERS);
        this.blockOnlyWhenDeliverable = on(Correction.BLOCK_ONLY_WHEN_DELIVERABLE);
        this.wrongEncoding = faults.has(Fault.WRONG_RETURN_ENCODING);
        this.sendIpa = new long[vmCount];
        this.recvIpa = new long[vmCount];
        Arrays.fill(sendIpa, -1);
        Arrays.fill(recvIpa, -1);
        this.forced = new MapFailure[vmCount];
        this.tracing = sink.enabled();
        this.tracer = tracing ? StepTracer.of(sink) : null;
        reset();
    }

    /**
     * Back to the boot state, as a new hypervisor of the same shape, semantics, layout, faults and sink would be:
     * the abstract state, guest memory (zeroed), configured pages and forced failures. When tracing, a new trace
     * starts in the same sink: its header, then events numbered from 1.
     */
    public void reset() {
        st.reset(primaryVcpu[0]);
        memory.reset();
        Arrays.fill(sendIpa, -1);
        Arrays.fill(recvIpa, -1);
        Arrays.fill(forced, null);
        if (tracing) {
            tracer.header(semantics, st);
        }
    }

    private boolean on(Correction c) {
        return semantics.has(c) && !faults.isCorrectionOff(c);
    }

    // ------------------------------------------------------------------ driver API

    public Semantics semantics() {
        return semantics;
    }

    public Faults faults() {
        return faults;
    }

    public MemoryLayout layout() {
        return memory.layout();
    }

    /** A guest writes its own memory (for example a payload into its send page before a send). */
    public void writeGuest(int vm, long ipa, byte[] bytes) {
        memory.write(vm, ipa, bytes);
    }

    /** A guest reads its own memory (for example its receive page after a receive). */
    public byte[] readGuest(int vm, long ipa, int length) {
        return memory.read(vm, ipa, length);
    }

    /** The send page address VM {@code vm} configured, or -1. */
    public long sendPageIpa(int vm) {
        return sendIpa[vm];
    }

    /** The receive page address VM {@code vm} configured, or -1. */
    public long recvPageIpa(int vm) {
        return recvIpa[vm];
    }

    /**
     * Forces a hypervisor mapping failure on VM {@code vm}'s next vm_configure (consumed by that call); null
     * withdraws a forced failure not consumed yet.
     */
    public void forceMapFailure(int vm, MapFailure failure) {
        checkVm(vm);
        forced[vm] = failure;
    }

    /** An immutable copy of the whole abstract state. */
    public StateSnapshot snapshot() {
        return StateSnapshot.of(st);
    }

    /** What CPU {@code cpu} does next. */
    public NextStep nextStepKind(int cpu) {
        checkCpu(cpu);
        if (!st.isOn[cpu]) {
            return NextStep.OFF;
        }
        CpuOp op = st.cpuOp[cpu];
        if (op instanceof CpuOp.Guest) {
            return NextStep.GUEST;
        } else if (op instanceof CpuOp.CpuEntry) {
            return NextStep.CPU_MAIN;
        } else if (op instanceof CpuOp.MailboxSend) {
            return NextStep.MAILBOX_SEND_DELIVER;
        } else if (op instanceof CpuOp.MailboxSendSwitch) {
            return NextStep.MAILBOX_SEND_SWITCH;
        } else if (op instanceof CpuOp.MailboxReceive) {
            return NextStep.MAILBOX_RECEIVE_WAIT;
        } else if (op instanceof CpuOp.VcpuSwitch) {
            return NextStep.VCPU_SWITCH;
        }
        return NextStep.OFF;
    }

    /**
     * Whether CPU {@code cpu} can take some step now: a guest can always make some hypercall (though a particular
     * one may spin on a lock); a continuation is enabled unless it waits for a lock another CPU holds.
     */
    public boolean enabled(int cpu) {
        NextStep next = nextStepKind(cpu);
        if (next == NextStep.OFF) {
            return false;
        }
        if (next == NextStep.MAILBOX_SEND_DELIVER) {
            return !vmLockHeldByOther(((CpuOp.MailboxSend) st.cpuOp[cpu]).to(), cpu);
        }
        return true;
    }

    // ------------------------------------------------------------------ entry points

    /**
     * An HVC from the guest current on {@code cpu} with registers x0..x3: Hafnium's dispatch (PSCI first for the
     * primary; {@code (u32)x0} with bit 30 masked; u32 ids; 64-bit size and addresses; unknown ids give -1).
     */
    public StepResult hvc(int cpu, long x0, long x1, long x2, long x3) {
        StepResult notGuest = guestCheck(cpu, null);
        if (notGuest != null) {
            return notGuest;
        }
        VcpuId v = st.current[cpu];
        int fid = HfAbi.functionId(x0);
        Regs regs = tracing ? new Regs(x0, x1, x2, x3) : null;
        if (v.vm() == HfAbi.HF_PRIMARY_VM_ID) {
            switch (fid) {
                case Psci.PSCI_VERSION:
                    return returnToCaller(cpu, v, Action.PSCI_VERSION, regs, NO_ARGS, Ret.ofInt(Psci.VERSION_0_2));
                case Psci.PSCI_MIGRATE_INFO_TYPE:
                    return returnToCaller(cpu, v, Action.PSCI_MIGRATE_INFO_TYPE, regs, NO_ARGS,
                            Ret.ofInt(Psci.MIGRATE_INFO_TYPE_NONE));
                case Psci.PSCI_AFFINITY_INFO:
                    return psciAffinityInfo(cpu, v, regs, x1, x2);
                case Psci.PSCI_CPU_ON:
                    return psciCpuOnPrimary(cpu, v, regs, x1, x3);
                case Psci.PSCI_CPU_OFF:
                    return psciCpuOff(cpu, v, regs);
                case Psci.PSCI_SYSTEM_OFF:
                case Psci.PSCI_SYSTEM_RESET:
                    return StepResult.nothing(StepResult.Outcome.NOT_MODELLED, null,
                            "PSCI SYSTEM_OFF/SYSTEM_RESET stop the machine; the model has no such step");
                default:
                    break;
            }
        } else if (secondaryVcpuOn && fid == Psci.PSCI_CPU_ON) {
            return psciCpuOnSecondary(cpu, v, regs, x1, x3);
        }
        if (wfiWakeOnInterrupt && fid == HfAbi.HF_INTERRUPT_INJECT) {
            return interruptInject(cpu, v, regs, x1, x2);
        }
        switch (fid) {
            case HfAbi.HF_VCPU_RUN:
                return vcpuRun(cpu, v, regs, x1, x2);
            case HfAbi.HF_VM_GET_COUNT:
                return returnToCaller(cpu, v, Action.VM_GET_COUNT, regs, NO_ARGS, Ret.ofInt(vmCount));
            case HfAbi.HF_VCPU_GET_COUNT:
                return vcpuGetCount(cpu, v, regs, x1);
            case HfAbi.HF_VM_CONFIGURE:
                return vmConfigure(cpu, v, regs, x1, x2);
            case HfAbi.HF_MAILBOX_SEND:
                return mailboxSend(cpu, v, regs, x1, x2);
            case HfAbi.HF_MAILBOX_RECEIVE:
                return mailboxReceive(cpu, v, regs, x1);
            case HfAbi.HF_MAILBOX_CLEAR:
                return mailboxClear(cpu, v, regs);
            default:
                return returnToCaller(cpu, v, Action.HVC_UNKNOWN, regs, NO_ARGS, Ret.MINUS_ONE);
        }
    }

    /**
     * A trapped WFI of the secondary vCPU current on {@code cpu} (X1): blocked_interrupt (its guest now waits for an
     * interrupt), switch to the primary.
     */
    public StepResult wfiTrap(int cpu) {
        return switchOutSecondary(cpu, Action.WFI_TRAP, VcpuState.BLOCKED_INTERRUPT, Ret.RUN_WAIT_FOR_INTERRUPT,
                WaitingFor.INTERRUPT);
    }

    /** A physical IRQ while a secondary runs on {@code cpu} (X3, api_yield): ready, switch to the primary. */
    public StepResult irq(int cpu) {
        return switchOutSecondary(cpu, Action.API_YIELD, VcpuState.READY, Ret.RUN_YIELD, null);
    }

    /** Runs the continuation {@code cpu_op[cpu]} names. */
    public StepResult continueStep(int cpu) {
        checkCpu(cpu);
        if (!st.isOn[cpu]) {
            return StepResult.nothing(StepResult.Outcome.CPU_OFF, null, reasons.cpuOff(cpu));
        }
        CpuOp op = st.cpuOp[cpu];
        if (op instanceof CpuOp.CpuEntry) {
            return cpuMain(cpu);
        } else if (op instanceof CpuOp.MailboxSend send) {
            return mailboxSendDeliver(cpu, send);
        } else if (op instanceof CpuOp.MailboxSendSwitch sw) {
            return mailboxSendSwitch(cpu, sw);
        } else if (op instanceof CpuOp.MailboxReceive) {
            return mailboxReceiveWait(cpu);
        } else if (op instanceof CpuOp.VcpuSwitch sw) {
            return vcpuSwitch(cpu, sw);
        }
        return StepResult.nothing(StepResult.Outcome.NOT_ENABLED, null, reasons.noContinuation(cpu));
    }

    // ------------------------------------------------------------------ hypercalls

    private StepResult vcpuGetCount(int cpu, VcpuId v, Regs regs, long x1) {
        long vm32 = x1 & 0xffffffffL;
        List<Arg> args = tracing ? List.of(new Arg("vm_id", (int) Math.min(vm32, vmCount))) : NO_ARGS;
        Ret ret;
        if (v.vm() != HfAbi.HF_PRIMARY_VM_ID || vm32 >= vmCount) {
            ret = Ret.MINUS_ONE;
        } else {
            ret = Ret.ofInt(shape.vcpuCount((int) vm32));
        }
        return returnToCaller(cpu, v, Action.VCPU_GET_COUNT, regs, args, ret);
    }

    /** The abstract {@code {vm_id, vcpu_idx}} of a call naming a vCPU by u32 ids (vcpu_run, interrupt_inject). */
    private List<Arg> targetArgs(long vm32, long idx32) {
        return tracing ? List.of(new Arg("vm_id", (int) Math.min(vm32, vmCount)),
                new Arg("vcpu_idx", (int) Math.min(idx32, maxVcpus))) : NO_ARGS;
    }

    /**
     * The argument checks of vcpu_run (R5, R6) and interrupt_inject, which take no lock: the caller is a secondary,
     * or the u32 ids name the primary, an unknown VM or an unknown vCPU.
     */
    private boolean badTarget(VcpuId caller, long vm32, long idx32) {
        return caller.vm() != HfAbi.HF_PRIMARY_VM_ID || vm32 == HfAbi.HF_PRIMARY_VM_ID || vm32 >= vmCount
                || idx32 >= shape.vcpuCount((int) vm32);
    }

    private StepResult vcpuRun(int cpu, VcpuId v, Regs regs, long x1, long x2) {
        long vm32 = x1 & 0xffffffffL;
        long idx32 = x2 & 0xffffffffL;
        List<Arg> args = targetArgs(vm32, idx32);
        if (badTarget(v, vm32, idx32)) {
            return returnToCaller(cpu, v, Action.VCPU_RUN, regs, args, Ret.RUN_WAIT_FOR_INTERRUPT);
        }
        int k = (int) vm32;
        int i = (int) idx32;
        if (st.vcpuState[k][i] != VcpuState.READY) { // R7; a vCPU in WFI is woken only by interrupt_inject
            return returnToCaller(cpu, v, Action.VCPU_RUN, regs, args, Ret.RUN_WAIT_FOR_INTERRUPT);
        }
        if (saveBeforePublish && !st.regsAvailable[k][i]) {
            return StepResult.nothing(StepResult.Outcome.NOT_ENABLED, Action.VCPU_RUN, reasons.unsaved(k, i));
        }
        st.setVcpuState(k, i, VcpuState.RUNNING);
        Ret placeholder = Ret.RUN_YIELD;
        if (retvalBeforePublish) {
            st.setSavedX0(0, v.idx(), placeholder);
        }
        st.setCpuOp(cpu, runSwitch[k][i]);
        return continuing(cpu, v, Action.VCPU_RUN, regs, args);
    }

    /** The {@code pages} classification: the first failing check of §1.5.4 in Hafnium's order. */
    private String classifyPages(int m, long send, long recv) {
        if (((send | recv) & (HfAbi.PAGE_SIZE - 1)) != 0) {
            return UNALIGNED;
        }
        if (!memory.layout().isMapped(m, send) || !memory.layout().isMapped(m, recv)) {
            return UNMAPPED;
        }
        if (send == recv) {
            return SAME_PAGE;
        }
        return forced[m] == null ? VALID : forced[m].pagesName();
    }

    private StepResult vmConfigure(int cpu, VcpuId v, Regs regs, long x1, long x2) {
        int m = v.vm();
        String pages = classifyPages(m, x1, x2);
        List<Arg> args = tracing ? List.of(new Arg("pages", pages)) : NO_ARGS;
        if (pages.equals(UNALIGNED)) {
            forced[m] = null;
            return returnToCaller(cpu, v, Action.VM_CONFIGURE, regs, args, Ret.MINUS_ONE);
        }
        if (vmLockHeldByOther(m, cpu)) {
            return lockSpin(Action.VM_CONFIGURE, m);
        }
        forced[m] = null;
        if (st.sendConfigured[m] || st.recvConfigured[m] || !pages.equals(VALID)) {
            return returnToCaller(cpu, v, Action.VM_CONFIGURE, regs, args, Ret.MINUS_ONE);
        }
        sendIpa[m] = x1;
        recvIpa[m] = x2;
        st.setConfigured(m);
        return returnToCaller(cpu, v, Action.VM_CONFIGURE, regs, args, Ret.ZERO);
    }

    private StepResult mailboxSend(int cpu, VcpuId v, Regs regs, long x1, long x2) {
        int m = v.vm();
        long vm32 = x1 & 0xffffffffL;
        boolean oversize = Long.compareUnsigned(x2, HfAbi.HF_MAILBOX_SIZE) > 0;
        List<Arg> args = tracing ? List.of(new Arg("vm_id", (int) Math.min(vm32, vmCount)),
                new Arg("size", oversize ? HfAbi.HF_MAILBOX_SIZE + 1 : (int) x2)) : NO_ARGS;
        if (oversize || vm32 == m || vm32 >= vmCount) {
            return returnToCaller(cpu, v, Action.MAILBOX_SEND, regs, args, Ret.MINUS_ONE);
        }
        if (vmLockHeldByOther(m, cpu)) {
            return lockSpin(Action.MAILBOX_SEND, m);
        }
        if (!st.sendConfigured[m]) {
            return returnToCaller(cpu, v, Action.MAILBOX_SEND, regs, args, Ret.MINUS_ONE);
        }
        st.setCpuOp(cpu, new CpuOp.MailboxSend((int) vm32, (int) x2));
        return continuing(cpu, v, Action.MAILBOX_SEND, regs, args);
    }

    private StepResult mailboxReceive(int cpu, VcpuId v, Regs regs, long x1) {
        int m = v.vm();
        boolean block = x1 != 0;
        List<Arg> args = tracing ? List.of(new Arg("block", block)) : NO_ARGS;
        if (m == HfAbi.HF_PRIMARY_VM_ID) {
            return returnToCaller(cpu, v, Action.MAILBOX_RECEIVE, regs, args, Ret.MINUS_ONE);
        }
        if (vmLockHeldByOther(m, cpu)) {
            return lockSpin(Action.MAILBOX_RECEIVE, m);
        }
        if (st.mailboxState[m] == MailboxState.RECEIVED) {
            Ret response = new Ret.Recv(st.recvFromId[m], st.recvBytes[m]);
            st.setMailboxState(m, MailboxState.READ);
            st.setDelivered(m, response);
            return returnToCaller(cpu, v, Action.MAILBOX_RECEIVE, regs, args, response);
        }
        if (!block || (blockOnlyWhenDeliverable && !deliverable(m))) {
            return returnToCaller(cpu, v, Action.MAILBOX_RECEIVE, regs, args, Ret.MINUS_ONE);
        }
        st.setVcpuState(m, v.idx(), VcpuState.BLOCKED_MAILBOX);
        st.setWaitingFor(m, v.idx(), WaitingFor.MESSAGE);
        st.pushWaiter(m, v.idx());
        st.setCpuOp(cpu, CpuOp.MAILBOX_RECEIVE);
        return continuing(cpu, v, Action.MAILBOX_RECEIVE, regs, args);
    }

    /** Whether a send could deliver to VM {@code m}'s mailbox now: configured and empty. */
    private boolean deliverable(int m) {
        return st.mailboxState[m] == MailboxState.EMPTY && st.recvConfigured[m];
    }

    private StepResult mailboxClear(int cpu, VcpuId v, Regs regs) {
        int m = v.vm();
        if (vmLockHeldByOther(m, cpu)) {
            return lockSpin(Action.MAILBOX_CLEAR, m);
        }
        if (st.mailboxState[m] != MailboxState.READ) {
            return returnToCaller(cpu, v, Action.MAILBOX_CLEAR, regs, NO_ARGS, Ret.MINUS_ONE);
        }
        st.setMailboxState(m, MailboxState.EMPTY);
        st.setDelivered(m, Ret.NONE);
        return returnToCaller(cpu, v, Action.MAILBOX_CLEAR, regs, NO_ARGS, Ret.ZERO);
    }

    /**
     * interrupt_inject (wfi-wake-on-interrupt; HF_INTERRUPT_INJECT of later Hafnium): the primary wakes a secondary
     * vCPU in WFI. -1 without a lock or change for a secondary caller, VM id 0 or unknown, or an unknown vCPU index;
     * then under the target's vcpu.lock: blocked_interrupt becomes ready (its wait served) and the call returns 1,
     * any other state returns 0 and changes nothing. No switch.
     */
    private StepResult interruptInject(int cpu, VcpuId v, Regs regs, long x1, long x2) {
        long vm32 = x1 & 0xffffffffL;
        long idx32 = x2 & 0xffffffffL;
        List<Arg> args = targetArgs(vm32, idx32);
        if (badTarget(v, vm32, idx32)) {
            return returnToCaller(cpu, v, Action.INTERRUPT_INJECT, regs, args, Ret.MINUS_ONE);
        }
        int k = (int) vm32;
        int i = (int) idx32;
        if (st.vcpuState[k][i] != VcpuState.BLOCKED_INTERRUPT) {
            return returnToCaller(cpu, v, Action.INTERRUPT_INJECT, regs, args, Ret.ZERO);
        }
        st.setVcpuState(k, i, VcpuState.READY);
        st.setWaitingFor(k, i, WaitingFor.NOTHING);
        return returnToCaller(cpu, v, Action.INTERRUPT_INJECT, regs, args, Ret.ONE);
    }

    private StepResult psciAffinityInfo(int cpu, VcpuId v, Regs regs, long x1, long x2) {
        boolean known = Long.compareUnsigned(x1, cpus) < 0;
        List<Arg> args = tracing ? List.of(new Arg("target_cpu", known ? (int) x1 : cpus),
                new Arg("level", x2 == 0 ? 0 : 1)) : NO_ARGS;
        Ret ret;
        if (!known) {
            ret = Ret.ofInt(Psci.INVALID_PARAMETERS);
        } else if (x2 != 0) {
            ret = Ret.ofInt(Psci.NOT_SUPPORTED);
        } else {
            ret = Ret.ofInt(st.isOn[(int) x1] ? Psci.AFFINITY_ON : Psci.AFFINITY_OFF);
        }
        return returnToCaller(cpu, v, Action.PSCI_AFFINITY_INFO, regs, args, ret);
    }

    private StepResult psciCpuOnPrimary(int cpu, VcpuId v, Regs regs, long x1, long x3) {
        boolean known = Long.compareUnsigned(x1, cpus) < 0;
        List<Arg> args = tracing ? List.of(new Arg("target", known ? (int) x1 : cpus)) : NO_ARGS;
        if (!known) {
            return returnToCaller(cpu, v, Action.PSCI_CPU_ON, regs, args, Ret.ofInt(Psci.INVALID_PARAMETERS));
        }
        int t = (int) x1;
        if (st.isOn[t]) {
            return returnToCaller(cpu, v, Action.PSCI_CPU_ON, regs, args, Ret.ofInt(Psci.ALREADY_ON));
        }
        st.setOn(t, true);
        st.setSavedX0(0, t, new Ret.ContextId(x3));
        st.setVcpuState(0, t, VcpuState.READY);
        st.setCpuOp(t, CpuOp.CPU_ENTRY);
        return returnToCaller(cpu, v, Action.PSCI_CPU_ON, regs, args, Ret.ofInt(Psci.SUCCESS));
    }

    private StepResult psciCpuOnSecondary(int cpu, VcpuId v, Regs regs, long x1, long x3) {
        int m = v.vm();
        int count = shape.vcpuCount(m);
        boolean known = Long.compareUnsigned(x1, count) < 0;
        List<Arg> args = tracing ? List.of(new Arg("target", known ? (int) x1 : count)) : NO_ARGS;
        if (!known) {
            return returnToCaller(cpu, v, Action.PSCI_CPU_ON, regs, args, Ret.ofInt(Psci.INVALID_PARAMETERS));
        }
        int t = (int) x1;
        if (st.vcpuState[m][t] != VcpuState.OFF) {
            return returnToCaller(cpu, v, Action.PSCI_CPU_ON, regs, args, Ret.ofInt(Psci.ALREADY_ON));
        }
        st.setVcpuState(m, t, VcpuState.READY);
        st.setSavedX0(m, t, new Ret.ContextId(x3));
        return returnToCaller(cpu, v, Action.PSCI_CPU_ON, regs, args, Ret.ofInt(Psci.SUCCESS));
    }

    private StepResult psciCpuOff(int cpu, VcpuId v, Regs regs) {
        boolean otherOn = false;
        for (int c = 0; c < cpus; c++) {
            otherOn |= c != cpu && st.isOn[c];
        }
        if (!otherOn) {
            return StepResult.nothing(StepResult.Outcome.NOT_ENABLED, Action.PSCI_CPU_OFF,
                    "the model keeps one CPU on: CPU_OFF of the last CPU that is on is not modelled");
        }
        st.setOn(cpu, false);
        st.setCpuOp(cpu, CpuOp.OFF);
        emit(cpu, actorOf(v), Action.PSCI_CPU_OFF, regs, NO_ARGS, Ret.NONE, 0);
        return new StepResult(StepResult.Outcome.POWERED_OFF, Action.PSCI_CPU_OFF, Ret.NONE, 0, null);
    }

    // ------------------------------------------------------------------ traps and IRQs

    /** {@code waitingFor}: what the switched-out guest now waits for (null: it waits for nothing). */
    private StepResult switchOutSecondary(int cpu, Action action, VcpuState newState, Ret primaryRet,
                                          WaitingFor waitingFor) {
        StepResult notGuest = guestCheck(cpu, action);
        if (notGuest != null) {
            return notGuest;
        }
        VcpuId v = st.current[cpu];
        if (v.vm() == HfAbi.HF_PRIMARY_VM_ID) {
            return StepResult.nothing(StepResult.Outcome.NOT_ENABLED, action, reasons.primaryNotTrapped(cpu));
        }
        st.setSavedX0(0, cpu, primaryRet);
        st.setVcpuState(v.vm(), v.idx(), newState);
        if (waitingFor != null) {
            st.setWaitingFor(v.vm(), v.idx(), waitingFor);
        }
        // the slow path saved the guest's own registers on entry: its x0 is no hypervisor value
        st.setSavedX0(v.vm(), v.idx(), Ret.NONE);
        st.setCpuOp(cpu, switchToPrimaryNone[cpu]);
        return continuing(cpu, v, action, null, NO_ARGS);
    }

    // ------------------------------------------------------------------ continuations

    private StepResult mailboxSendDeliver(int cpu, CpuOp.MailboxSend op) {
        VcpuId v = st.current[cpu];
        int m = v.vm();
        int to = op.to();
        int n = op.size();
        if (vmLockHeldByOther(to, cpu)) {
            return lockSpin(Action.MAILBOX_SEND_DELIVER, to);
        }
        if (!deliverable(to)) { // S2: the sender's wish to send to `to` is raised (sticky) though it gets -1
            if (st.wantsSendTo[m] == NO_WISH && !faults.has(Fault.FORGET_WISH)) {
                st.setWantsSendTo(m, to);
            }
            st.setCpuOp(cpu, CpuOp.GUEST);
            return returnToCaller(cpu, v, Action.MAILBOX_SEND_DELIVER, null, NO_ARGS, Ret.MINUS_ONE);
        }
        memory.copyPage(m, sendIpa[m], to, recvIpa[to], n);
        st.setRecvBytes(to, n);
        st.setRecvFromId(to, m);
        st.setMailboxState(to, MailboxState.READ);
        if (st.wantsSendTo[m] == to) {
            st.setWantsSendTo(m, NO_WISH);
        }
        Ret primaryRet;
        if (to == HfAbi.HF_PRIMARY_VM_ID) {
            Ret.Run message = new Ret.Run(RunCode.MESSAGE, messageReportsSender ? m : 0, n);
            st.setDelivered(to, new Ret.Recv(message.vmId(), n)); // what the MESSAGE response tells the primary
            primaryRet = message;
        } else {
            int report;
            if (st.waiterLen[to] == 0) {
                st.setMailboxState(to, faults.has(Fault.WRONG_MAILBOX_STATE) ? MailboxState.READ
                        : MailboxState.RECEIVED);
                st.setDelivered(to, Ret.NONE);
                report = HfAbi.HF_INVALID_VCPU;
            } else {
                int w;
                if (faults.has(Fault.SKIP_WAITER_POP)) {
                    w = fifoWaiters ? st.oldestWaiter(to) : st.headWaiter(to);
                } else {
                    w = fifoWaiters ? st.popOldestWaiter(to) : st.popWaiter(to);
                }
                Ret response = new Ret.Recv(m, n);
                st.setVcpuState(to, w, VcpuState.READY);
                st.setSavedX0(to, w, response);
                st.setRecvPending(to, w, response);
                st.setWaitingFor(to, w, WaitingFor.NOTHING);
                st.setDelivered(to, response);
                report = w;
            }
            if (m == HfAbi.HF_PRIMARY_VM_ID) {
                st.setCpuOp(cpu, CpuOp.GUEST);
                Ret ret = Ret.ofInt(report);
                long x0 = x0Of(ret);
                emitDelivery(cpu, v, to, n, ret, x0);
                return StepResult.returned(Action.MAILBOX_SEND_DELIVER, ret, x0);
            }
            primaryRet = new Ret.Run(RunCode.WAKE_UP, to, report);
        }
        st.setCpuOp(cpu, new CpuOp.MailboxSendSwitch(primaryRet, Ret.ZERO));
        emitDelivery(cpu, v, to, n, Ret.NONE, 0);
        return StepResult.continues(Action.MAILBOX_SEND_DELIVER);
    }

    private StepResult mailboxSendSwitch(int cpu, CpuOp.MailboxSendSwitch op) {
        VcpuId v = st.current[cpu];
        st.setSavedX0(0, cpu, op.primaryRet());
        st.setVcpuState(v.vm(), v.idx(), VcpuState.READY);
        if (retvalBeforePublish) {
            st.setSavedX0(v.vm(), v.idx(), op.userRet());
        }
        st.setCpuOp(cpu, new CpuOp.VcpuSwitch(primaryVcpu[cpu], op.userRet()));
        return continuing(cpu, v, Action.MAILBOX_SEND_SWITCH, null, NO_ARGS);
    }

    private StepResult mailboxReceiveWait(int cpu) {
        VcpuId v = st.current[cpu];
        st.setSavedX0(0, cpu, Ret.RUN_WAIT_FOR_INTERRUPT);
        st.setVcpuState(v.vm(), v.idx(), blockOnMailbox ? VcpuState.BLOCKED_MAILBOX : VcpuState.BLOCKED_INTERRUPT);
        if (retvalBeforePublish) {
            st.setSavedX0(v.vm(), v.idx(), Ret.ZERO);
        }
        st.setCpuOp(cpu, switchToPrimaryZero[cpu]);
        return continuing(cpu, v, Action.MAILBOX_RECEIVE_WAIT, null, NO_ARGS);
    }

    private StepResult vcpuSwitch(int cpu, CpuOp.VcpuSwitch op) {
        VcpuId old = st.current[cpu];
        VcpuId next = op.next();
        if (!retvalBeforePublish && op.userRet().hasEncoding()) {
            st.setSavedX0(old.vm(), old.idx(), op.userRet());
        }
        st.setRegsAvailable(old.vm(), old.idx(), true);
        st.setCurrent(cpu, next);
        st.setRegsAvailable(next.vm(), next.idx(), false);
        Ret seen = st.savedX0[next.vm()][next.idx()];
        st.setRecvPending(next.vm(), next.idx(), Ret.NONE);
        st.setCpuOp(cpu, CpuOp.GUEST);
        long x0 = x0Of(seen);
        emit(cpu, tracing ? Actor.ofCpu(cpu) : null, Action.VCPU_SWITCH, null, NO_ARGS, seen, x0);
        return StepResult.resumed(Action.VCPU_SWITCH, seen, x0);
    }

    private StepResult cpuMain(int cpu) {
        st.setCurrent(cpu, primaryVcpu[cpu]);
        st.setRegsAvailable(0, cpu, false);
        st.setCpuOp(cpu, CpuOp.GUEST);
        Ret seen = st.savedX0[0][cpu];
        long x0 = x0Of(seen);
        emit(cpu, tracing ? Actor.ofCpu(cpu) : null, Action.CPU_MAIN, null, NO_ARGS, seen, x0);
        return StepResult.resumed(Action.CPU_MAIN, seen, x0);
    }

    // ------------------------------------------------------------------ helpers

    private StepResult guestCheck(int cpu, Action action) {
        checkCpu(cpu);
        if (!st.isOn[cpu]) {
            return StepResult.nothing(StepResult.Outcome.CPU_OFF, action, reasons.cpuOff(cpu));
        }
        if (!(st.cpuOp[cpu] instanceof CpuOp.Guest)) {
            return StepResult.nothing(StepResult.Outcome.NOT_ENABLED, action,
                    reasons.inHypervisor(cpu, st.cpuOp[cpu]));
        }
        return null;
    }

    /** Whether another CPU holds VM {@code vm}'s vm.lock (only mailbox_receive holds it across steps). */
    private boolean vmLockHeldByOther(int vm, int cpu) {
        for (int c = 0; c < cpus; c++) {
            if (c != cpu && st.cpuOp[c] instanceof CpuOp.MailboxReceive && st.current[c].vm() == vm) {
                return true;
            }
        }
        return false;
    }

    private StepResult lockSpin(Action action, int vm) {
        return StepResult.nothing(StepResult.Outcome.NOT_ENABLED, action, reasons.lockSpin(vm));
    }

    private StepResult returnToCaller(int cpu, VcpuId v, Action action, Regs regs, List<Arg> args, Ret ret) {
        long x0 = x0Of(ret);
        emit(cpu, actorOf(v), action, regs, args, ret, x0);
        return StepResult.returned(action, ret, x0);
    }

    private StepResult continuing(int cpu, VcpuId v, Action action, Regs regs, List<Arg> args) {
        emit(cpu, actorOf(v), action, regs, args, Ret.NONE, 0);
        return StepResult.continues(action);
    }

    private void emit(int cpu, Actor actor, Action action, Regs regs, List<Arg> args, Ret ret, long x0) {
        int dirty = st.takeDirty();
        if (tracing) {
            tracer.event(st, dirty, cpu, actor, action, regs, null, -1, args, ret, x0);
        }
    }

    /** The event of a delivery: its payload is the first {@code n} bytes of the recipient's receive page. */
    private void emitDelivery(int cpu, VcpuId v, int to, int n, Ret ret, long x0) {
        int dirty = st.takeDirty();
        if (tracing) {
            tracer.event(st, dirty, cpu, actorOf(v), Action.MAILBOX_SEND_DELIVER, null,
                    memory.pageForReading(to, recvIpa[to]), n, NO_ARGS, ret, x0);
        }
    }

    private Actor actorOf(VcpuId v) {
        return tracing ? Actor.ofVcpu(v.vm(), v.idx()) : null;
    }

    /** The exact x0 for a record; the WRONG_RETURN_ENCODING fault sets a reserved bit. */
    private long x0Of(Ret ret) {
        long x0 = ret.encoding();
        if (wrongEncoding) {
            if (ret instanceof Ret.Run) {
                x0 |= 1L << 8;
            } else if (ret instanceof Ret.Recv) {
                x0 |= 1L << 16;
            }
        }
        return x0;
    }

    private void checkCpu(int cpu) {
        if (cpu < 0 || cpu >= cpus) {
            throw new IllegalArgumentException("CPU " + cpu + " is outside the shape (cpus " + cpus + ")");
        }
    }

    private void checkVm(int vm) {
        if (vm < 0 || vm >= vmCount) {
            throw new IllegalArgumentException("VM " + vm + " is outside the shape (vm_count " + vmCount + ")");
        }
    }

    // ------------------------------------------------------------------ StateView

    public SystemShape shape() {
        return shape;
    }

    public VcpuState vcpuState(int vm, int idx) {
        return st.vcpuState(vm, idx);
    }

    public Ret savedX0(int vm, int idx) {
        return st.savedX0(vm, idx);
    }

    public boolean regsAvailable(int vm, int idx) {
        return st.regsAvailable(vm, idx);
    }

    public Ret recvPending(int vm, int idx) {
        return st.recvPending(vm, idx);
    }

    public MailboxState mailboxState(int vm) {
        return st.mailboxState(vm);
    }

    public int recvFromId(int vm) {
        return st.recvFromId(vm);
    }

    public int recvBytes(int vm) {
        return st.recvBytes(vm);
    }

    public boolean sendConfigured(int vm) {
        return st.sendConfigured(vm);
    }

    public boolean recvConfigured(int vm) {
        return st.recvConfigured(vm);
    }

    public List<Integer> recvWaiter(int vm) {
        return st.recvWaiter(vm);
    }

    /** The number of waiters of VM {@code vm} (no allocation). */
    public int recvWaiterCount(int vm) {
        return st.waiterLen[vm];
    }

    public VcpuId current(int cpu) {
        return st.current(cpu);
    }

    public boolean isOn(int cpu) {
        return st.isOn(cpu);
    }

    public CpuOp cpuOp(int cpu) {
        return st.cpuOp(cpu);
    }

    public Ret delivered(int vm) {
        return st.delivered(vm);
    }

    public WaitingFor waitingFor(int vm, int idx) {
        return st.waitingFor(vm, idx);
    }

    public int wantsSendTo(int vm) {
        return st.wantsSendTo(vm);
    }
}
