package org.hfmailbox.reference.workload;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hfmailbox.reference.Action;
import org.hfmailbox.reference.Faults;
import org.hfmailbox.reference.Hypervisor;
import org.hfmailbox.reference.Invariants;
import org.hfmailbox.reference.MemoryLayout;
import org.hfmailbox.reference.StepResult;
import org.hfmailbox.reference.TraceSchemaCheck;
import org.hfmailbox.reference.VcpuId;
import org.hfmailbox.reference.abi.HfAbi;
import org.hfmailbox.reference.abi.Ret;
import org.hfmailbox.reference.trace.InMemoryTrace;
import org.hfmailbox.reference.trace.TraceEvent;
import org.hfmailbox.reference.trace.TraceSink;
import org.hfmailbox.reference.trace.Variable;

/** Replays a workload and checks the properties after every step; returns the first failure or null. */
final class PropertyCheck {
    /**
     * What an error return may change (the spec's ErrorChangesNothingProp lists the rest): where the CPU is in the
     * hypervisor, and the ghosts of what guests asked for (a failed delivery raises wants_send_to).
     */
    private static final Set<Variable> ERROR_MAY_CHANGE = EnumSet.of(Variable.CPU_OP, Variable.DELIVERED,
            Variable.WAITING_FOR, Variable.WANTS_SEND_TO);

    private PropertyCheck() {
    }

    /** The spec's ErrorReturn: a negative int, or vcpu_run's 0x1. */
    private static boolean isErrorReturn(TraceEvent e) {
        return (e.ret() instanceof Ret.Int i && i.value() < 0)
                || (e.action() == Action.VCPU_RUN && e.ret().equals(Ret.RUN_WAIT_FOR_INTERRUPT));
    }

    static String firstFailure(Workload w, boolean traced, Faults faults) {
        InMemoryTrace trace = traced ? new InMemoryTrace() : null;
        Hypervisor hv = new Hypervisor(w.shape(), w.semantics(), MemoryLayout.defaultLayout(w.shape().vmCount()),
                faults, traced ? trace : TraceSink.NONE);
        // a shadow of every VM's send page: what its guests wrote there (any of its vCPUs, on any CPU)
        byte[][] sendPage = new byte[w.shape().vmCount()][HfAbi.PAGE_SIZE];
        Map<Integer, Integer> sentTo = new HashMap<>();
        Map<Integer, Integer> sentSize = new HashMap<>();
        List<WorkloadStep> steps = w.steps();
        for (int i = 0; i < steps.size(); i++) {
            WorkloadStep s = steps.get(i);
            VcpuId caller = hv.current(s.cpu());
            byte[] p = s.payload();
            if (p != null && s.kind() == WorkloadStep.Kind.HVC && hv.isOn(s.cpu()) && !caller.isNone()
                    && hv.sendPageIpa(caller.vm()) >= 0) {
                System.arraycopy(p, 0, sendPage[caller.vm()], 0, p.length);
            }
            StepResult r;
            try {
                r = WorkloadRunner.step(hv, s);
            } catch (RuntimeException e) {
                return "step " + (i + 1) + ": exception " + e;
            }
            if (r.action() == Action.MAILBOX_SEND && r.outcome() == StepResult.Outcome.CONTINUES) {
                sentTo.put(s.cpu(), (int) (s.x1() & 0xffffffffL));
                sentSize.put(s.cpu(), (int) s.x2());
            }
            if (r.took() && r.action() == Action.MAILBOX_SEND_DELIVER && !r.ret().equals(Ret.MINUS_ONE)) {
                int to = sentTo.get(s.cpu());
                // the bytes in the sender's send page when the hypervisor copies them (another vCPU of the
                // sender's VM may have rewritten the page since the send began: the copy takes what is there)
                byte[] want = Arrays.copyOf(sendPage[caller.vm()], sentSize.get(s.cpu()));
                byte[] got = hv.readGuest(to, hv.recvPageIpa(to), want.length);
                if (!Arrays.equals(want, got)) {
                    return "step " + (i + 1) + ": VM " + to + " received other bytes than its sender wrote";
                }
                if (hv.recvFromId(to) != caller.vm() || hv.recvBytes(to) != want.length) {
                    return "step " + (i + 1) + ": VM " + to + " learns sender " + hv.recvFromId(to) + " size "
                            + hv.recvBytes(to) + ", true sender " + caller.vm() + " size " + want.length;
                }
            }
            if (r.took() && r.ret().hasEncoding() && r.x0() != r.ret().encoding()) {
                return "step " + (i + 1) + ": x0 " + HfAbi.hex(r.x0()) + " is not the encoding of " + r.ret();
            }
            List<String> bad = Invariants.check(hv, w.semantics());
            if (!bad.isEmpty()) {
                return "step " + (i + 1) + ": invariants violated " + bad;
            }
        }
        if (traced) {
            for (TraceEvent e : trace.events()) {
                if (e.ret().hasEncoding() && !e.ret().hex().equals(e.retHex())) {
                    return "event " + e.seq() + ": hex " + e.retHex() + " is not the encoding of " + e.ret();
                }
                if (isErrorReturn(e) && !ERROR_MAY_CHANGE.containsAll(e.changes().keySet())) {
                    return "event " + e.seq() + ": the error return " + e.ret() + " of " + e.action().jsonName()
                            + " changes " + e.changes().keySet();
                }
            }
            List<String> lines = trace.toLines();
            for (int i = 0; i < lines.size(); i++) {
                Set<?> p = TraceSchemaCheck.problems(lines.get(i));
                if (!p.isEmpty()) {
                    return "trace line " + (i + 1) + " violates the schema: " + p;
                }
            }
        }
        return null;
    }
}
