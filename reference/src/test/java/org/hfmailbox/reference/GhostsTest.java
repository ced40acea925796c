package org.hfmailbox.reference;

import static org.hfmailbox.reference.abi.HfAbi.HF_INTERRUPT_INJECT;
import static org.hfmailbox.reference.abi.HfAbi.HF_MAILBOX_CLEAR;
import static org.hfmailbox.reference.abi.HfAbi.HF_MAILBOX_RECEIVE;
import static org.hfmailbox.reference.abi.HfAbi.HF_MAILBOX_SEND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hfmailbox.reference.abi.Ret;
import org.hfmailbox.reference.trace.TraceEvent;
import org.hfmailbox.reference.trace.Variable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ghosts of what guests asked for and were handed (docs/vocabulary.md): delivered, waiting_for and
 * wants_send_to, step by step, and the invariants that read them (HandOverInv, BlockedAsAskedInv).
 */
class GhostsTest {
    private HvFixture f = new HvFixture(SystemShape.defaultShape(), Semantics.corrected());

    @AfterEach
    void traceIsValid() {
        f.assertTraceValid();
    }

    private void aa() {
        f = new HvFixture(SystemShape.defaultShape(), Semantics.aa039b39());
    }

    /** Runs VM {@code vm}'s vCPU 0 on CPU 0, configures its mailbox and yields back to the primary. */
    private void configureSecondary(int vm) {
        f.run(0, vm, 0);
        f.configure(0, vm);
        f.hv.irq(0);
        f.backToPrimary(0);
    }

    /** The primary on CPU 0 sends n bytes to {@code to}; returns the delivery's x0. */
    private long primarySends(int to, int n) {
        assertEquals(StepResult.Outcome.CONTINUES, f.call(0, HF_MAILBOX_SEND, to, n).outcome());
        return f.cont(0).x0();
    }

    private List<Variable> changed() {
        return List.copyOf(f.trace.last().changes().keySet());
    }

    @Test
    void initiallyNothingIsDeliveredAwaitedOrWished() {
        for (int k = 0; k < 3; k++) {
            assertEquals(Ret.NONE, f.hv.delivered(k));
            assertEquals(-1, f.hv.wantsSendTo(k));
            for (int i = 0; i < f.hv.shape().vcpuCount(k); i++) {
                assertEquals(WaitingFor.NOTHING, f.hv.waitingFor(k, i));
            }
        }
    }

    @Test
    void s4LeavesDeliveredNoneUntilV2HandsTheMessageAndL1ClearsIt() {
        f.configure(0, 0);
        configureSecondary(1);
        assertEquals(0xffff, primarySends(1, 5));
        assertEquals(MailboxState.RECEIVED, f.hv.mailboxState(1));
        assertEquals(Ret.NONE, f.hv.delivered(1), "S4: accepted, not yet handed to the VM");
        f.run(0, 1, 0);
        assertEquals(5L << 32, f.ret(0, HF_MAILBOX_RECEIVE, 0, 0));
        assertEquals(new Ret.Recv(0, 5), f.hv.delivered(1), "V2: the returned response");
        assertTrue(changed().contains(Variable.DELIVERED));
        assertEquals(0, f.ret(0, HF_MAILBOX_CLEAR, 0, 0));
        assertEquals(Ret.NONE, f.hv.delivered(1), "L1");
        assertEquals(List.of(Variable.MAILBOX_STATE, Variable.DELIVERED), changed());
    }

    @Test
    void s5HandsTheMessageToThePoppedWaiterWhoseWaitIsServed() {
        f.configure(0, 0);
        configureSecondary(1);
        f.run(0, 1, 0);
        assertEquals(StepResult.Outcome.CONTINUES, f.call(0, HF_MAILBOX_RECEIVE, 1, 0).outcome());
        assertEquals(WaitingFor.MESSAGE, f.hv.waitingFor(1, 0), "V4's first step: the guest waits for a message");
        assertTrue(changed().contains(Variable.WAITING_FOR));
        f.backToPrimary(0);
        assertEquals(0, primarySends(1, 2));
        assertEquals(new Ret.Recv(0, 2), f.hv.delivered(1));
        assertEquals(WaitingFor.NOTHING, f.hv.waitingFor(1, 0), "served by the pop");
        assertEquals(Invariants.check(f.hv, f.hv.semantics()), List.of());
    }

    @Test
    void s3DeliversWhatTheMessageResponseSays() {
        f.configure(0, 0);
        f.run(0, 1, 0);
        f.configure(0, 1);
        f.call(0, HF_MAILBOX_SEND, 0, 9);
        f.cont(0);
        assertEquals(new Ret.Recv(1, 9), f.hv.delivered(0), "message-reports-sender: the true sender");
        assertTrue(Invariants.violations(f.hv, f.hv.semantics()).isEmpty());
        aa();
        f.configure(0, 0);
        f.run(0, 1, 0);
        f.configure(0, 1);
        f.call(0, HF_MAILBOX_SEND, 0, 9);
        f.cont(0);
        assertEquals(new Ret.Recv(0, 9), f.hv.delivered(0), "aa039b39: the MESSAGE response names VM 0");
        assertEquals(1, f.hv.recvFromId(0));
        assertTrue(Invariants.violations(f.hv, f.hv.semantics()).contains("HandOverInv"));
        assertFalse(Invariants.check(f.hv, f.hv.semantics()).contains("HandOverInv"), "expected at aa039b39");
        f.backToPrimary(0);
        assertEquals(0, f.ret(0, HF_MAILBOX_CLEAR, 0, 0));
        assertFalse(Invariants.violations(f.hv, f.hv.semantics()).contains("HandOverInv"), "until cleared");
    }

    @Test
    void s6AndS7FromASecondary() {
        f.run(0, 2, 0);
        f.configure(0, 2);
        f.hv.irq(0);
        f.backToPrimary(0);
        f.run(0, 1, 0);
        f.configure(0, 1);
        f.call(0, HF_MAILBOX_SEND, 2, 3);
        f.cont(0);
        assertEquals(Ret.NONE, f.hv.delivered(2), "S6");
        f.settle(0);
        f.run(0, 2, 0);
        assertEquals(3L << 32 | 1, f.ret(0, HF_MAILBOX_RECEIVE, 1, 0), "V2 even when blocking");
        assertEquals(new Ret.Recv(1, 3), f.hv.delivered(2));
        assertEquals(0, f.ret(0, HF_MAILBOX_CLEAR, 0, 0));
        f.call(0, HF_MAILBOX_RECEIVE, 1, 0);
        f.settle(0);
        f.run(0, 1, 0);
        f.call(0, HF_MAILBOX_SEND, 2, 7);
        f.cont(0);
        assertEquals(new Ret.Recv(1, 7), f.hv.delivered(2), "S7: the response written into the waiter");
        assertEquals(WaitingFor.NOTHING, f.hv.waitingFor(2, 0));
    }

    @Test
    void aReceiveWaiterInWfiStateIsBlockedOtherwiseThanAskedAtAa039b39() {
        aa();
        f.run(0, 1, 0);
        f.call(0, HF_MAILBOX_RECEIVE, 1, 0);
        assertEquals(WaitingFor.MESSAGE, f.hv.waitingFor(1, 0));
        assertFalse(Invariants.violations(f.hv, f.hv.semantics()).contains("BlockedAsAskedInv"),
                "blocked_mailbox while the receive holds the lock");
        f.cont(0);
        assertEquals(VcpuState.BLOCKED_INTERRUPT, f.hv.vcpuState(1, 0));
        assertTrue(Invariants.violations(f.hv, f.hv.semantics()).contains("BlockedAsAskedInv"));
    }

    @Test
    void wfiRaisesAWaitForAnInterruptThatInterruptInjectServes() {
        f.run(0, 1, 0);
        f.hv.wfiTrap(0);
        assertEquals(WaitingFor.INTERRUPT, f.hv.waitingFor(1, 0));
        f.backToPrimary(0);
        assertEquals(1, f.ret(0, HF_INTERRUPT_INJECT, 1, 0));
        f.run(0, 1, 0);
        f.hv.irq(0);
        f.backToPrimary(0);
        assertEquals(WaitingFor.NOTHING, f.hv.waitingFor(1, 0), "an IRQ exit raises no wait");
    }

    @Test
    void wantsSendToIsRaisedByAFailedDeliveryStickyAndServedByADelivery() {
        f.configure(0, 0);
        assertEquals(-1, primarySends(1, 4), "S2: VM 1 has no receive page");
        assertEquals(1, f.hv.wantsSendTo(0));
        TraceEvent e = f.trace.last();
        assertEquals(Ret.MINUS_ONE, e.ret());
        assertEquals(List.of(Variable.CPU_OP, Variable.WANTS_SEND_TO), changed(),
                "the error changes no hypervisor state, only the guest's wish");
        assertEquals(-1, primarySends(2, 4));
        assertEquals(1, f.hv.wantsSendTo(0), "sticky: a later failure to another VM leaves it");
        assertEquals(-1, f.ret(0, HF_MAILBOX_SEND, 2, 4097));
        assertEquals(1, f.hv.wantsSendTo(0), "S1 leaves it");
        configureSecondary(2);
        assertEquals(0xffff, primarySends(2, 4));
        assertEquals(1, f.hv.wantsSendTo(0), "a delivery to another VM does not serve it");
        configureSecondary(1);
        assertEquals(0xffff, primarySends(1, 4));
        assertEquals(-1, f.hv.wantsSendTo(0), "served");
        assertEquals(-1, primarySends(1, 4), "S2: VM 1's mailbox is full");
        assertEquals(1, f.hv.wantsSendTo(0));
    }

    @Test
    void interruptInjectAtAa039b39IsUnknownAndServesNothing() {
        aa();
        f.run(0, 1, 0);
        f.hv.wfiTrap(0);
        f.backToPrimary(0);
        assertEquals(-1, f.ret(0, HF_INTERRUPT_INJECT, 1, 0));
        assertEquals(WaitingFor.INTERRUPT, f.hv.waitingFor(1, 0));
        assertTrue(f.trace.last().changes().isEmpty());
    }

    @Test
    void aSendThatLeavesTheMailboxReadWithoutHandingItOverBreaksHandOverInv() {
        f = new HvFixture(SystemShape.defaultShape(), Semantics.corrected(), Faults.of(Fault.WRONG_MAILBOX_STATE));
        f.configure(0, 0);
        configureSecondary(1);
        primarySends(1, 1);
        assertEquals(MailboxState.READ, f.hv.mailboxState(1));
        assertEquals(List.of("HandOverInv"), Invariants.check(f.hv, f.hv.semantics()));
    }
}
