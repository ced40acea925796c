package org.hfmailbox.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hfmailbox.reference.MemoryLayout;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 at EL2, driven through replay without the reference: {@code interrupt_inject} (0xff07) with
 * {@code wfi-wake-on-interrupt} (its argument checks, u32 narrowing, 1 for a vCPU in WFI, 0 otherwise, -1 from a
 * secondary), {@code vcpu_run} never resuming a vCPU in WFI, the WFI completing when the woken vCPU runs again, and
 * {@code block-only-when-deliverable} (a blocking receive on an unconfigured or {@code read} mailbox returns -1);
 * at aa039b39 0xff07 is an unknown id and such a receive blocks.
 */
class InterruptInjectTest {
    private static final List<Integer> SHAPE = List.of(1, 2);
    private static final long NEW_CORRECTED = El2Layout.correctionBits(List.of("save-before-publish",
            "retval-before-publish", "message-reports-sender", "block-on-mailbox", "wfi-wake-on-interrupt",
            "secondary-vcpu-on", "fifo-waiters", "block-only-when-deliverable"));
    private static final long RUN = 0xff00;
    private static final long INJECT = 0xff07;

    private static ReplayStep hvc(long x0, long x1, long x2) {
        return ReplayStep.of(0, StepKind.HVC, x0, x1, x2, 0);
    }

    /** The steps and, per step, the action and return value (null: no value) the image must record. */
    private static final class Script {
        final List<ReplayStep> steps = new ArrayList<>();
        final List<El2Action> actions = new ArrayList<>();
        final List<Long> rets = new ArrayList<>();

        Script step(ReplayStep s, El2Action a, Long ret) {
            steps.add(s);
            actions.add(a);
            rets.add(ret);
            return this;
        }
    }

    private static Script wfiThenInjects(boolean corrected) {
        Script s = new Script();
        s.step(hvc(RUN, 1, 0), El2Action.VCPU_RUN, null)
                .step(ReplayStep.cont(0), El2Action.VCPU_SWITCH, 0L)
                .step(ReplayStep.of(0, StepKind.WFI, 0, 0, 0, 0), El2Action.WFI_TRAP, null)
                .step(ReplayStep.cont(0), El2Action.VCPU_SWITCH, 1L)
                .step(hvc(RUN, 1, 0), El2Action.VCPU_RUN, 1L);
        if (!corrected) {
            return s.step(hvc(INJECT, 1, 0), El2Action.HVC_UNKNOWN, -1L);
        }
        return s.step(hvc(INJECT, 0, 0), El2Action.INTERRUPT_INJECT, -1L)
                .step(hvc(INJECT, 2, 0), El2Action.INTERRUPT_INJECT, -1L)
                .step(hvc(INJECT, 1, 2), El2Action.INTERRUPT_INJECT, -1L)
                .step(hvc(INJECT, 1L | 1L << 32, 1), El2Action.INTERRUPT_INJECT, 0L)       // <<1, 1>> is off
                .step(hvc(INJECT, 1, 1L << 32), El2Action.INTERRUPT_INJECT, 1L)           // wakes <<1, 0>>
                .step(hvc(INJECT, 1, 0), El2Action.INTERRUPT_INJECT, 0L)                  // already ready
                .step(hvc(RUN, 1, 0), El2Action.VCPU_RUN, null)
                .step(ReplayStep.cont(0), El2Action.VCPU_SWITCH, null)                    // its own x0 back
                .step(hvc(INJECT, 1, 0), El2Action.INTERRUPT_INJECT, -1L);                // from a secondary
    }

    private static El2TraceResult run(String name, long corrections, Script s) throws Exception {
        ReplayInput in = new ReplayInput(name, 1, SHAPE, corrections, ReplayInput.zeroInit(SHAPE), s.steps);
        Replayer.RawRun raw = TestSupport.replayer().run(List.of(in));
        assertNull(raw.failure(), name + ": " + raw.failure());
        El2TraceResult r = raw.output().traces().get(0);
        assertTrue(r.end().ok(), name + ": " + r.end().describe());
        assertEquals(s.steps.size(), r.events().size(), name);
        for (int n = 0; n < s.steps.size(); n++) {
            El2Event e = r.events().get(n);
            assertEquals(s.actions.get(n), e.action(), name + " step " + (n + 1));
            Long want = s.rets.get(n);
            assertEquals(want != null, e.hasRet(), name + " step " + (n + 1) + " has a return value");
            if (want != null) {
                assertEquals((long) want, e.ret(), name + " step " + (n + 1) + " ret");
            }
        }
        return r;
    }

    /** The snapshot words after the first {@code n} events. */
    private static long[] after(El2TraceResult r, int n) {
        long[] w = r.initWords();
        for (int i = 0; i < n; i++) {
            r.events().get(i).applyTo(w);
        }
        return w;
    }

    @Test
    void injectWakesOnlyAVcpuInWfiAndRunNeverDoes() throws Exception {
        Script s = wfiThenInjects(true);
        El2TraceResult r = run("inject-corrected", NEW_CORRECTED, s);
        El2Snapshot snap = new El2Snapshot(1, SHAPE);
        assertEquals("blocked_interrupt", snap.vcpuState(after(r, 9), 1, 0), "vcpu_run and failed injects change nothing");
        assertEquals("off", snap.vcpuState(after(r, 9), 1, 1), "injecting into an off vCPU returns 0, no change");
        assertEquals("ready", snap.vcpuState(after(r, 10), 1, 0));
        assertEquals("running", snap.vcpuState(after(r, 13), 1, 0), "resumed after its WFI");
    }

    @Test
    void at_aa039b39_0xff07IsUnknownAndTheWfiStaysBlocked() throws Exception {
        El2TraceResult r = run("inject-aa039b39", 0, wfiThenInjects(false));
        assertEquals("blocked_interrupt", new El2Snapshot(1, SHAPE).vcpuState(after(r, r.events().size()), 1, 0));
    }

    /** VM 1's blocking receives: unconfigured, then configured and empty (blocks), then read after a delivery. */
    private static Script receives(boolean deliverable) {
        long s = MemoryLayout.defaultBase(1);
        long p = MemoryLayout.defaultBase(0);
        Script sc = new Script();
        sc.step(hvc(RUN, 1, 0), El2Action.VCPU_RUN, null)
                .step(ReplayStep.cont(0), El2Action.VCPU_SWITCH, 0L);
        if (!deliverable) {
            return sc.step(hvc(0xff05, 1, 0), El2Action.MAILBOX_RECEIVE, null)    // blocks on an unconfigured mailbox
                    .step(ReplayStep.cont(0), El2Action.MAILBOX_RECEIVE_WAIT, null)
                    .step(ReplayStep.cont(0), El2Action.VCPU_SWITCH, 1L);
        }
        return sc.step(hvc(0xff05, 1, 0), El2Action.MAILBOX_RECEIVE, -1L)
                .step(hvc(0xff03, s, s + 0x1000), El2Action.VM_CONFIGURE, 0L)
                .step(hvc(0xff05, 7, 0), El2Action.MAILBOX_RECEIVE, null)             // configured, empty: blocks
                .step(ReplayStep.cont(0), El2Action.MAILBOX_RECEIVE_WAIT, null)
                .step(ReplayStep.cont(0), El2Action.VCPU_SWITCH, 1L)
                .step(hvc(0xff03, p, p + 0x1000), El2Action.VM_CONFIGURE, 0L)
                .step(new ReplayStep(0, StepKind.HVC, 0xff04, 1, 3, 0, 0, new byte[] {1, 2, 3}, p),
                        El2Action.MAILBOX_SEND, null)
                .step(ReplayStep.cont(0), El2Action.MAILBOX_SEND_DELIVER, 0L)          // woke vCPU 0
                .step(hvc(RUN, 1, 0), El2Action.VCPU_RUN, null)
                .step(ReplayStep.cont(0), El2Action.VCPU_SWITCH, 3L << 32)             // recv(from 0, 3 bytes)
                .step(hvc(0xff05, 1, 0), El2Action.MAILBOX_RECEIVE, -1L);             // read: -1 at once
    }

    @Test
    void blockOnlyWhenDeliverable() throws Exception {
        El2TraceResult r = run("receive-corrected", NEW_CORRECTED, receives(true));
        El2Snapshot snap = new El2Snapshot(1, SHAPE);
        long[] end = after(r, r.events().size());
        assertEquals("read", snap.mailboxState(end, 1));
        assertEquals("running", snap.vcpuState(end, 1, 0), "the receive on a read mailbox did not block");
        El2TraceResult old = run("receive-aa039b39", 0, receives(false));
        assertEquals("blocked_interrupt", snap.vcpuState(after(old, old.events().size()), 1, 0));
    }
}
