package org.hfmailbox.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.hfmailbox.reference.abi.Ret;
import org.hfmailbox.reference.abi.RunCode;

/**
 * Java checks of the state invariants, named after the spec's invariants (spec/Mailbox.tla) so that a test can
 * cross-check them against TLC evaluating the spec's own. Structural invariants hold under every semantics; each
 * correction's property is expected only when that correction is enabled (an invariant restored by several
 * corrections, one requiring another, is tied to the one it needs: BlockedAsAskedInv holds with block-on-mailbox,
 * which wfi-wake-on-interrupt requires). Works on any {@link StateView}.
 */
public final class Invariants {

    /** One named invariant; {@code correction} is null when it must hold under every semantics. */
    public record Invariant(String name, Correction correction, BiPredicate<StateView, Semantics> holds) {
        static Invariant of(String name, Correction correction, Predicate<StateView> holds) {
            return new Invariant(name, correction, (s, sem) -> holds.test(s));
        }
    }

    private static final List<Invariant> ALL = List.of(
            Invariant.of("ConfiguredTogetherInv", null, Invariants::configuredTogether),
            Invariant.of("ReceivedInv", null, Invariants::received),
            Invariant.of("PrimaryVcpuInv", null, Invariants::primaryVcpus),
            Invariant.of("CurrentInv", null, s -> currentIsPrimaryOrRunning(s) && runningIsCurrent(s)),
            new Invariant("WaiterInv", null, Invariants::waiters),
            Invariant.of("WaiterStateInv", Correction.BLOCK_ON_MAILBOX, Invariants::waiterState),
            Invariant.of("NoDoubleRunInv", Correction.SAVE_BEFORE_PUBLISH, Invariants::noDoubleRun),
            Invariant.of("ResumeFromSavedInv", Correction.SAVE_BEFORE_PUBLISH, Invariants::resumeFromSaved),
            Invariant.of("NoLostReturnValueInv", Correction.RETVAL_BEFORE_PUBLISH, Invariants::noLostReturnValue),
            Invariant.of("RecipientLearnsSenderInv", Correction.MESSAGE_REPORTS_SENDER, Invariants::learnsSender),
            Invariant.of("HandOverInv", Correction.MESSAGE_REPORTS_SENDER, Invariants::handOver),
            Invariant.of("BlockedAsAskedInv", Correction.BLOCK_ON_MAILBOX, Invariants::blockedAsAsked),
            Invariant.of("NoSendToSelfInv", null, Invariants::noSendToSelf));

    private Invariants() {
    }

    public static List<Invariant> all() {
        return ALL;
    }

    /**
     * Names of every invariant the state violates, including the properties of corrections that {@code semantics}
     * does not enable (which aa039b39 is expected to violate).
     */
    public static List<String> violations(StateView s, Semantics semantics) {
        List<String> out = new ArrayList<>();
        for (Invariant inv : ALL) {
            if (!inv.holds().test(s, semantics)) {
                out.add(inv.name());
            }
        }
        return out;
    }

    /** Names of the invariants expected under {@code semantics} that the state violates (empty: all hold). */
    public static List<String> check(StateView s, Semantics semantics) {
        List<String> out = new ArrayList<>();
        for (Invariant inv : ALL) {
            if ((inv.correction() == null || semantics.has(inv.correction())) && !inv.holds().test(s, semantics)) {
                out.add(inv.name());
            }
        }
        return out;
    }

    /** I1: a VM's send page is configured iff its receive page is. */
    static boolean configuredTogether(StateView s) {
        for (int k = 0; k < s.shape().vmCount(); k++) {
            if (s.sendConfigured(k) != s.recvConfigured(k)) {
                return false;
            }
        }
        return true;
    }

    /** I2: a {@code received} mailbox is configured and has no waiter. */
    static boolean received(StateView s) {
        for (int k = 0; k < s.shape().vmCount(); k++) {
            if (s.mailboxState(k) == MailboxState.RECEIVED
                    && (!s.recvConfigured(k) || !s.recvWaiter(k).isEmpty())) {
                return false;
            }
        }
        return true;
    }

    /**
     * WaiterInv: waiter stacks hold distinct blocked vCPUs; a blocked_mailbox vCPU is on its stack, and without
     * block-on-mailbox only inside its blocking receive's vm.lock region (I3, I4).
     */
    static boolean waiters(StateView s, Semantics semantics) {
        if (!semantics.has(Correction.BLOCK_ON_MAILBOX) && !transientBlockedMailbox(s)) {
            return false;
        }
        for (int k = 1; k < s.shape().vmCount(); k++) {
            List<Integer> w = s.recvWaiter(k);
            for (int j = 0; j < w.size(); j++) {
                int i = w.get(j);
                if (i < 0 || i >= s.shape().vcpuCount(k) || w.lastIndexOf(i) != j) {
                    return false;
                }
                VcpuState st = s.vcpuState(k, i);
                if (st != VcpuState.BLOCKED_MAILBOX && st != VcpuState.BLOCKED_INTERRUPT) {
                    return false;
                }
            }
            for (int i = 0; i < s.shape().vcpuCount(k); i++) {
                if (s.vcpuState(k, i) == VcpuState.BLOCKED_MAILBOX && !w.contains(i)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The aa039b39 half of WaiterInv: blocked_mailbox only while its receive holds the vm.lock. */
    static boolean transientBlockedMailbox(StateView s) {
        for (int k = 1; k < s.shape().vmCount(); k++) {
            for (int i = 0; i < s.shape().vcpuCount(k); i++) {
                if (s.vcpuState(k, i) != VcpuState.BLOCKED_MAILBOX) {
                    continue;
                }
                boolean inRegion = false;
                for (int c = 0; c < s.shape().cpus(); c++) {
                    inRegion |= s.current(c).equals(new VcpuId(k, i)) && s.cpuOp(c) instanceof CpuOp.MailboxReceive;
                }
                if (!inRegion) {
                    return false;
                }
            }
        }
        return true;
    }

    /** I7: primary vCPUs are only off or ready, and never wait; the primary's mailbox is never received. */
    static boolean primaryVcpus(StateView s) {
        if (!s.recvWaiter(0).isEmpty() || s.mailboxState(0) == MailboxState.RECEIVED) {
            return false;
        }
        for (int i = 0; i < s.shape().vcpuCount(0); i++) {
            VcpuState st = s.vcpuState(0, i);
            if (st != VcpuState.OFF && st != VcpuState.READY) {
                return false;
            }
        }
        return true;
    }

    /** I6 (first half): a CPU on and running a guest runs its own primary vCPU or a running secondary vCPU. */
    static boolean currentIsPrimaryOrRunning(StateView s) {
        for (int c = 0; c < s.shape().cpus(); c++) {
            if (!s.isOn(c) || !(s.cpuOp(c) instanceof CpuOp.Guest)) {
                continue;
            }
            VcpuId v = s.current(c);
            if (v.isNone()) {
                return false;
            }
            boolean ok = v.vm() == 0 ? v.idx() == c : s.vcpuState(v.vm(), v.idx()) == VcpuState.RUNNING;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** I6 (second half): every running vCPU is current on a CPU, or a CPU is about to switch to it. */
    static boolean runningIsCurrent(StateView s) {
        for (int k = 1; k < s.shape().vmCount(); k++) {
            for (int i = 0; i < s.shape().vcpuCount(k); i++) {
                if (s.vcpuState(k, i) != VcpuState.RUNNING) {
                    continue;
                }
                VcpuId v = new VcpuId(k, i);
                boolean found = false;
                for (int c = 0; c < s.shape().cpus() && !found; c++) {
                    found = s.current(c).equals(v)
                            || (s.cpuOp(c) instanceof CpuOp.VcpuSwitch sw && sw.next().equals(v));
                }
                if (!found) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A CPU about to load a vCPU loads saved registers: the next vCPU of a pending vcpu_switch is saved. */
    static boolean resumeFromSaved(StateView s) {
        for (int c = 0; c < s.shape().cpus(); c++) {
            if (s.cpuOp(c) instanceof CpuOp.VcpuSwitch sw && sw.next().vm() != 0
                    && !s.regsAvailable(sw.next().vm(), sw.next().idx())) {
                return false;
            }
        }
        return true;
    }

    /** No vCPU is current on two CPUs at once. */
    static boolean noDoubleRun(StateView s) {
        int cpus = s.shape().cpus();
        for (int a = 0; a < cpus; a++) {
            VcpuId v = s.current(a);
            if (v.isNone()) {
                continue;
            }
            for (int b = a + 1; b < cpus; b++) {
                if (s.current(b).equals(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A receive response written into a popped waiter's x0 survives its register save. */
    static boolean noLostReturnValue(StateView s) {
        for (int k = 0; k < s.shape().vmCount(); k++) {
            for (int i = 0; i < s.shape().vcpuCount(k); i++) {
                Ret pending = s.recvPending(k, i);
                Ret saved = s.savedX0(k, i);
                // compared as 64-bit values, like the spec's SameValue: the placeholder 0 also encodes recv(0, 0)
                if (pending.hasEncoding() && s.regsAvailable(k, i)
                        && !(saved.hasEncoding() && saved.encoding() == pending.encoding())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The primary learns the true sender: a MESSAGE pending for Pc (CPU c about to switch back to Pc) names the VM
     * still current on c; a secondary's pending receive response never names its own VM.
     */
    static boolean learnsSender(StateView s) {
        for (int c = 0; c < s.shape().cpus(); c++) {
            if (s.cpuOp(c) instanceof CpuOp.VcpuSwitch sw && sw.next().equals(new VcpuId(0, c))
                    && s.savedX0(0, c) instanceof Ret.Run run && run.code() == RunCode.MESSAGE
                    && run.vmId() != s.current(c).vm()) {
                return false;
            }
        }
        for (int k = 1; k < s.shape().vmCount(); k++) {
            for (int i = 0; i < s.shape().vcpuCount(k); i++) {
                if (s.recvPending(k, i) instanceof Ret.Recv r && r.vmId() == k) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * HandOverInv: a mailbox is {@code read} exactly when the hypervisor has handed its VM the message
     * ({@code delivered} is not none), and then it told the VM the true sender and size (recv_from_id, recv_bytes).
     * At aa039b39 the MESSAGE response of S3 names VM 0 as the sender.
     */
    static boolean handOver(StateView s) {
        for (int k = 0; k < s.shape().vmCount(); k++) {
            boolean read = s.mailboxState(k) == MailboxState.READ;
            Ret d = s.delivered(k);
            if (read != d.hasEncoding()) {
                return false;
            }
            if (read && !d.equals(new Ret.Recv(s.recvFromId(k), s.recvBytes(k)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * BlockedAsAskedInv: a secondary vCPU is blocked only on what its guest asked to wait for: blocked_mailbox only
     * as a receive that blocked ({@code waiting_for} message), blocked_interrupt only after a WFI (interrupt), and a
     * vCPU that waits is blocked. At aa039b39 a receive waiter is blocked_interrupt.
     */
    static boolean blockedAsAsked(StateView s) {
        for (int k = 1; k < s.shape().vmCount(); k++) {
            for (int i = 0; i < s.shape().vcpuCount(k); i++) {
                VcpuState st = s.vcpuState(k, i);
                WaitingFor w = s.waitingFor(k, i);
                boolean ok = switch (st) {
                    case BLOCKED_MAILBOX -> w == WaitingFor.MESSAGE;
                    case BLOCKED_INTERRUPT -> w == WaitingFor.INTERRUPT;
                    default -> w == WaitingFor.NOTHING;
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    /** NoSendToSelfInv: S1's reflexive check leaves no CPU in a send to its caller's own VM. */
    static boolean noSendToSelf(StateView s) {
        for (int c = 0; c < s.shape().cpus(); c++) {
            if (s.cpuOp(c) instanceof CpuOp.MailboxSend send && send.to() == s.current(c).vm()) {
                return false;
            }
        }
        return true;
    }

    /** WaiterStateInv: a vCPU is on its VM's waiter stack iff it is blocked_mailbox. */
    static boolean waiterState(StateView s) {
        for (int k = 1; k < s.shape().vmCount(); k++) {
            List<Integer> w = s.recvWaiter(k);
            for (int i = 0; i < s.shape().vcpuCount(k); i++) {
                if ((s.vcpuState(k, i) == VcpuState.BLOCKED_MAILBOX) != w.contains(i)) {
                    return false;
                }
            }
        }
        return true;
    }
}
