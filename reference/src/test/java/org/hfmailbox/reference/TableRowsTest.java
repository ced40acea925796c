package org.hfmailbox.reference;

import static org.hfmailbox.reference.abi.HfAbi.HF_INTERRUPT_INJECT;
import static org.hfmailbox.reference.abi.HfAbi.HF_MAILBOX_CLEAR;
import static org.hfmailbox.reference.abi.HfAbi.HF_MAILBOX_RECEIVE;
import static org.hfmailbox.reference.abi.HfAbi.HF_MAILBOX_SEND;
import static org.hfmailbox.reference.abi.HfAbi.HF_VCPU_GET_COUNT;
import static org.hfmailbox.reference.abi.HfAbi.HF_VCPU_RUN;
import static org.hfmailbox.reference.abi.HfAbi.HF_VM_CONFIGURE;
import static org.hfmailbox.reference.abi.HfAbi.HF_VM_GET_COUNT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hfmailbox.reference.abi.Ret;
import org.hfmailbox.reference.abi.RunCode;
import org.hfmailbox.reference.trace.StateSnapshot;
import org.hfmailbox.reference.trace.TraceEvent;
import org.hfmailbox.reference.trace.Variable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One test (or more) per row of the semantics page's state-transition table, on the default shape. */
class TableRowsTest {
    private HvFixture f = new HvFixture(SystemShape.defaultShape(), Semantics.corrected());

    @AfterEach
    void traceIsValid() {
        f.assertTraceValid();
        List<String> bad = Invariants.check(f.hv, f.hv.semantics());
        assertTrue(bad.isEmpty(), "invariants violated: " + bad);
    }

    private void aa() {
        f = new HvFixture(SystemShape.defaultShape(), Semantics.aa039b39());
    }

    /** Asserts a failed hypercall left the state unchanged and its event has no changes. */
    private void assertNoChange(StateSnapshot before) {
        assertEquals(before, f.hv.snapshot());
        assertTrue(f.trace.last().changes().isEmpty());
    }

    @Test
    void r1VmGetCountCountsThePrimaryForAnyCaller() {
        assertEquals(3, f.ret(0, HF_VM_GET_COUNT, 0, 0));
        f.run(0, 1, 0);
        assertEquals(3, f.ret(0, HF_VM_GET_COUNT, 0, 0));
        assertEquals("vm_get_count", f.trace.last().action().jsonName());
    }

    @Test
    void r2VcpuGetCountFromASecondaryFails() {
        f.run(0, 1, 0);
        StateSnapshot before = f.hv.snapshot();
        assertEquals(-1, f.ret(0, HF_VCPU_GET_COUNT, 1, 0));
        assertNoChange(before);
    }

    @Test
    void r3VcpuGetCountOfAnUnknownVmFails() {
        assertEquals(-1, f.ret(0, HF_VCPU_GET_COUNT, 3, 0));
        assertEquals(3, f.trace.last().arg("vm_id"));
        assertEquals(-1, f.ret(0, HF_VCPU_GET_COUNT, 0xffff_ffffL, 0));
        assertEquals(3, f.trace.last().arg("vm_id"), "every unknown id is represented by vm_count");
    }

    @Test
    void r4VcpuGetCountOfKnownVms() {
        assertEquals(2, f.ret(0, HF_VCPU_GET_COUNT, 0, 0), "the primary has NumCPUs vCPUs");
        assertEquals(2, f.ret(0, HF_VCPU_GET_COUNT, 1, 0));
        assertEquals(1, f.ret(0, HF_VCPU_GET_COUNT, 2, 0));
        assertEquals(1, f.ret(0, HF_VCPU_GET_COUNT, (1L << 32) + 2, 0), "the id is narrowed to u32");
    }

    @Test
    void r5VcpuRunFromASecondaryFails() {
        f.run(0, 1, 0);
        StateSnapshot before = f.hv.snapshot();
        assertEquals(0x1, f.ret(0, HF_VCPU_RUN, 2, 0));
        assertNoChange(before);
    }

    @Test
    void r6VcpuRunWithBadIdsFails() {
        StateSnapshot before = f.hv.snapshot();
        assertEquals(0x1, f.ret(0, HF_VCPU_RUN, 0, 0), "vm 0");
        assertEquals(0x1, f.ret(0, HF_VCPU_RUN, 3, 0), "vm >= vm_count");
        assertEquals(0x1, f.ret(0, HF_VCPU_RUN, 2, 1), "vcpu >= vcpu_count");
        assertEquals(1, f.trace.last().arg("vcpu_idx"));
        assertEquals(0x1, f.ret(0, HF_VCPU_RUN, 1, 0xffff_ffffL));
        assertEquals(2, f.trace.last().arg("vcpu_idx"), "MaxVCPUs bounds the abstract index");
        assertEquals(new Ret.Run(RunCode.WAIT_FOR_INTERRUPT, 0, 0), f.trace.last().ret());
        assertEquals(before, f.hv.snapshot());
    }

    @Test
    void r7VcpuRunOfANotReadyVcpuFails() {
        assertEquals(0x1, f.ret(0, HF_VCPU_RUN, 1, 1), "S1.1 is off");
        f.run(0, 1, 0);
        f.configure(0, 1);
        f.call(0, HF_MAILBOX_RECEIVE, 1, 0);
        f.backToPrimary(0);
        assertEquals(VcpuState.BLOCKED_MAILBOX, f.hv.vcpuState(1, 0));
        StateSnapshot before = f.hv.snapshot();
        assertEquals(0x1, f.ret(0, HF_VCPU_RUN, 1, 0), "blocked_mailbox");
        assertNoChange(before);
        f.run(0, 2, 0);
        f.hv.wfiTrap(0);
        f.backToPrimary(0);
        before = f.hv.snapshot();
        assertEquals(0x1, f.ret(0, HF_VCPU_RUN, 2, 0), "blocked_interrupt: only interrupt_inject wakes it");
        assertNoChange(before);
    }

    @Test
    void r8VcpuRunOfAReadyVcpuSwitchesAndThePrimaryObservesTheExit() {
        StepResult r = f.call(0, HF_VCPU_RUN, 1, 0);
        assertEquals(StepResult.Outcome.CONTINUES, r.outcome());
        assertEquals(VcpuState.RUNNING, f.hv.vcpuState(1, 0));
        assertEquals(new VcpuId(0, 0), f.hv.current(0), "current changes at vcpu_switch");
        assertEquals(new CpuOp.VcpuSwitch(new VcpuId(1, 0), Ret.RUN_YIELD), f.hv.cpuOp(0));
        StepResult s = f.cont(0);
        assertEquals(Action.VCPU_SWITCH, s.action());
        assertEquals(new VcpuId(1, 0), f.hv.current(0));
        assertEquals(Ret.ZERO, s.ret(), "S1.0 starts with x0 = 0");
        assertTrue(f.hv.regsAvailable(0, 0));
        assertFalse(f.hv.regsAvailable(1, 0));
        f.hv.irq(0);
        assertEquals(Ret.RUN_YIELD, f.backToPrimary(0));
    }

    @Test
    void c1UnalignedAddressesFail() {
        StateSnapshot before = f.hv.snapshot();
        assertEquals(-1, f.ret(0, HF_VM_CONFIGURE, HvFixture.sendPage(0) + 8, HvFixture.recvPage(0)));
        assertEquals("unaligned", f.trace.last().arg("pages"));
        assertNoChange(before);
    }

    @Test
    void c2ConfiguringTwiceFails() {
        f.configure(0, 0);
        StateSnapshot before = f.hv.snapshot();
        assertEquals(-1, f.ret(0, HF_VM_CONFIGURE, HvFixture.sendPage(0) + 0x2000, HvFixture.recvPage(0) + 0x2000));
        assertEquals("valid", f.trace.last().arg("pages"));
        assertNoChange(before);
    }

    @Test
    void c3UnmappedSamePageAndMappingFailuresFail() {
        StateSnapshot before = f.hv.snapshot();
        assertEquals(-1, f.ret(0, HF_VM_CONFIGURE, HvFixture.sendPage(1), HvFixture.recvPage(0)));
        assertEquals("unmapped", f.trace.last().arg("pages"), "VM 1's page is not mapped in the primary");
        assertEquals(-1, f.ret(0, HF_VM_CONFIGURE, HvFixture.sendPage(0), HvFixture.sendPage(0)));
        assertEquals("same_page", f.trace.last().arg("pages"));
        f.hv.forceMapFailure(0, MapFailure.SEND);
        assertEquals(-1, f.ret(0, HF_VM_CONFIGURE, HvFixture.sendPage(0), HvFixture.recvPage(0)));
        assertEquals("send_map_fails", f.trace.last().arg("pages"));
        f.hv.forceMapFailure(0, MapFailure.RECV);
        assertEquals(-1, f.ret(0, HF_VM_CONFIGURE, HvFixture.sendPage(0), HvFixture.recvPage(0)));
        assertEquals("recv_map_fails", f.trace.last().arg("pages"));
        assertEquals(before, f.hv.snapshot());
        f.configure(0, 0);
        assertTrue(f.hv.sendConfigured(0), "the forced failure was one-shot");
    }

    @Test
    void c4ConfigureSucceedsAndLeavesTheMailboxEmpty() {
        f.configure(0, 0);
        assertTrue(f.hv.sendConfigured(0) && f.hv.recvConfigured(0));
        assertEquals(MailboxState.EMPTY, f.hv.mailboxState(0));
        assertEquals(List.of(Variable.SEND_CONFIGURED, Variable.RECV_CONFIGURED),
                List.copyOf(f.trace.last().changes().keySet()));
    }

    @Test
    void s1SendArgumentErrorsFail() {
        f.configure(0, 0);
        StateSnapshot before = f.hv.snapshot();
        assertEquals(-1, f.ret(0, HF_MAILBOX_SEND, 1, 4097));
        assertEquals(4097, f.trace.last().arg("size"));
        assertEquals(-1, f.ret(0, HF_MAILBOX_SEND, 1, (1L << 32) + 1), "size is 64-bit");
        assertEquals(4097, f.trace.last().arg("size"));
        assertEquals(-1, f.ret(0, HF_MAILBOX_SEND, 0, 1), "self-send");
        assertEquals(-1, f.ret(0, HF_MAILBOX_SEND, 3, 1), "unknown vm");
        assertEquals(-1, f.ret(0, HF_MAILBOX_SEND, 1L << 32, 1), "vm id 2^32 narrows to 0: self-send");
        assertNoChange(before);
        f.run(0, 1, 0);
        assertEquals(-1, f.ret(0, HF_MAILBOX_SEND, 2, 1), "S1 has no send page");
    }

    @Test
    void s2SendToAFullOrUnconfiguredMailboxFails() {
        f.configure(0, 0);
        assertEquals(StepResult.Outcome.CONTINUES, f.call(0, HF_MAILBOX_SEND, 1, 4).outcome());
        assertEquals(new CpuOp.MailboxSend(1, 4), f.hv.cpuOp(0));
        StepResult d = f.cont(0);
        assertEquals(Action.MAILBOX_SEND_DELIVER, d.action());
        assertEquals(-1, d.x0(), "VM 1 has no recv page");
        assertEquals(CpuOp.GUEST, f.hv.cpuOp(0));
        configureS1();
        sendFromPrimary(1, new byte[] {1, 2, 3});
        assertEquals(MailboxState.RECEIVED, f.hv.mailboxState(1));
        f.call(0, HF_MAILBOX_SEND, 1, 3);
        assertEquals(-1, f.cont(0).x0(), "mailbox not empty");
    }

    private void configureS1() {
        f.run(0, 1, 0);
        f.configure(0, 1);
        f.hv.irq(0);
        f.backToPrimary(0);
    }

    private long sendFromPrimary(int to, byte[] payload) {
        f.hv.writeGuest(0, HvFixture.sendPage(0), payload);
        assertEquals(StepResult.Outcome.CONTINUES, f.call(0, HF_MAILBOX_SEND, to, payload.length).outcome());
        StepResult d = f.cont(0);
        assertEquals(StepResult.Outcome.RETURNED, d.outcome());
        return d.x0();
    }

    @Test
    void s3MessageToThePrimaryReportsTheSenderWhenCorrected() {
        f.configure(0, 0);
        f.run(0, 1, 0);
        f.configure(0, 1);
        byte[] msg = "hello primary".getBytes();
        f.hv.writeGuest(1, HvFixture.sendPage(1), msg);
        f.call(0, HF_MAILBOX_SEND, 0, msg.length);
        StepResult d = f.cont(0);
        assertEquals(StepResult.Outcome.CONTINUES, d.outcome());
        assertArrayEquals(msg, f.trace.last().payload());
        assertEquals(MailboxState.READ, f.hv.mailboxState(0));
        assertEquals(1, f.hv.recvFromId(0));
        f.cont(0); // mailbox_send_switch
        assertEquals(VcpuState.READY, f.hv.vcpuState(1, 0));
        Ret seen = f.backToPrimary(0);
        assertEquals(new Ret.Run(RunCode.MESSAGE, 1, msg.length), seen);
        assertArrayEquals(msg, f.hv.readGuest(0, HvFixture.recvPage(0), msg.length));
        assertEquals(Ret.ZERO, f.hv.savedX0(1, 0), "the sender sees 0 when next run");
        assertEquals(Ret.ZERO, f.run(0, 1, 0).ret());
    }

    @Test
    void s3AtAa039b39TheMessageHasNoSenderId() {
        aa();
        f.configure(0, 0);
        f.run(0, 1, 0);
        f.configure(0, 1);
        f.call(0, HF_MAILBOX_SEND, 0, 22);
        assertEquals(0x0000001600000003L, f.backToPrimary(0).encoding());
    }

    @Test
    void s4PrimarySendsToASecondaryWithoutWaiter() {
        f.configure(0, 0);
        configureS1();
        assertEquals(0xffff, sendFromPrimary(1, new byte[] {9}));
        assertEquals(MailboxState.RECEIVED, f.hv.mailboxState(1));
        assertEquals(0, f.hv.recvFromId(1));
        assertEquals(1, f.hv.recvBytes(1));
        f.run(0, 1, 0);
        assertEquals(1L << 32, f.ret(0, HF_MAILBOX_RECEIVE, 0, 0), "V2: from 0, size 1");
        assertEquals(MailboxState.READ, f.hv.mailboxState(1));
        assertArrayEquals(new byte[] {9}, f.hv.readGuest(1, HvFixture.recvPage(1), 1));
    }

    @Test
    void s5PrimarySendWakesTheWaiterWithTheReceiveResponse() {
        f.configure(0, 0);
        configureS1();
        f.run(0, 1, 0);
        f.call(0, HF_MAILBOX_RECEIVE, 1, 0);
        assertEquals(Ret.RUN_WAIT_FOR_INTERRUPT, f.backToPrimary(0));
        assertEquals(List.of(0), f.hv.recvWaiter(1));
        assertEquals(0, sendFromPrimary(1, new byte[] {1, 2}), "woke vCPU 0");
        assertEquals(List.of(), f.hv.recvWaiter(1));
        assertEquals(VcpuState.READY, f.hv.vcpuState(1, 0));
        assertEquals(MailboxState.READ, f.hv.mailboxState(1));
        assertEquals(new Ret.Recv(0, 2), f.hv.recvPending(1, 0));
        assertEquals(new Ret.Recv(0, 2), f.run(0, 1, 0).ret(), "the blocked receive returns (0, 2)");
        assertEquals(Ret.NONE, f.hv.recvPending(1, 0));
    }

    @Test
    void s6SecondarySendsToASecondaryWithoutWaiter() {
        f.run(0, 2, 0);
        f.configure(0, 2);
        f.hv.irq(0);
        f.backToPrimary(0);
        f.run(0, 1, 0);
        f.configure(0, 1);
        f.call(0, HF_MAILBOX_SEND, 2, 5);
        f.cont(0);
        f.cont(0);
        assertEquals(new Ret.Run(RunCode.WAKE_UP, 2, 0xffff), f.backToPrimary(0));
        assertEquals(MailboxState.RECEIVED, f.hv.mailboxState(2));
        assertEquals(1, f.hv.recvFromId(2));
        assertEquals(VcpuState.READY, f.hv.vcpuState(1, 0));
    }

    @Test
    void s7SecondarySendWakesAWaiterOfAnotherSecondary() {
        f.run(0, 2, 0);
        f.configure(0, 2);
        f.call(0, HF_MAILBOX_RECEIVE, 1, 0);
        f.backToPrimary(0);
        f.run(0, 1, 0);
        f.configure(0, 1);
        f.call(0, HF_MAILBOX_SEND, 2, 7);
        f.cont(0);
        f.cont(0);
        assertEquals(new Ret.Run(RunCode.WAKE_UP, 2, 0), f.backToPrimary(0));
        assertEquals(0x20002L, new Ret.Run(RunCode.WAKE_UP, 2, 0).encoding());
        assertEquals(MailboxState.READ, f.hv.mailboxState(2));
        assertEquals(new Ret.Recv(1, 7), f.run(0, 2, 0).ret());
    }

    @Test
    void v1ReceiveFromThePrimaryFails() {
        StateSnapshot before = f.hv.snapshot();
        assertEquals(-1, f.ret(0, HF_MAILBOX_RECEIVE, 1, 0));
        assertNoChange(before);
    }

    @Test
    void v3NonBlockingReceiveWithoutMessageFails() {
        f.run(0, 1, 0);
        StateSnapshot before = f.hv.snapshot();
        assertEquals(-1, f.ret(0, HF_MAILBOX_RECEIVE, 0, 0));
        assertEquals(false, f.trace.last().arg("block"));
        assertNoChange(before);
    }

    @Test
    void v3BlockingReceiveOnAnUnconfiguredMailboxFailsWhenCorrected() {
        f.run(0, 1, 0);
        StateSnapshot before = f.hv.snapshot();
        assertEquals(-1, f.ret(0, HF_MAILBOX_RECEIVE, 1, 0), "block-only-when-deliverable: not configured");
        assertEquals(true, f.trace.last().arg("block"));
        assertNoChange(before);
        aa();
        f.run(0, 1, 0);
        assertEquals(StepResult.Outcome.CONTINUES, f.call(0, HF_MAILBOX_RECEIVE, 1, 0).outcome(),
                "aa039b39 blocks on a mailbox no send can reach");
    }

    @Test
    void v3BlockingReceiveOnAReadMailboxFailsWhenCorrected() {
        f.configure(0, 0);
        configureS1();
        sendFromPrimary(1, new byte[] {7});
        f.run(0, 1, 0);
        assertEquals(1L << 32, f.ret(0, HF_MAILBOX_RECEIVE, 0, 0), "V2");
        assertEquals(MailboxState.READ, f.hv.mailboxState(1));
        StateSnapshot before = f.hv.snapshot();
        assertEquals(-1, f.ret(0, HF_MAILBOX_RECEIVE, 1, 0), "block-only-when-deliverable: read, not cleared");
        assertNoChange(before);
        assertEquals(0, f.ret(0, HF_MAILBOX_CLEAR, 0, 0));
        assertEquals(StepResult.Outcome.CONTINUES, f.call(0, HF_MAILBOX_RECEIVE, 1, 0).outcome(),
                "configured and empty: it blocks");
        assertEquals(VcpuState.BLOCKED_MAILBOX, f.hv.vcpuState(1, 0));
    }

    @Test
    void v4BlockingReceiveAtAa039b39EndsBlockedInterrupt() {
        aa();
        f.run(0, 1, 0);
        StepResult r = f.call(0, HF_MAILBOX_RECEIVE, 0x1_0000_0000L, 0);
        assertEquals(true, f.trace.last().arg("block"), "block is the truth value of the 64-bit x1");
        assertEquals(StepResult.Outcome.CONTINUES, r.outcome());
        assertEquals(VcpuState.BLOCKED_MAILBOX, f.hv.vcpuState(1, 0), "transient blocked_mailbox");
        assertEquals(CpuOp.MAILBOX_RECEIVE, f.hv.cpuOp(0));
        f.cont(0);
        assertEquals(VcpuState.BLOCKED_INTERRUPT, f.hv.vcpuState(1, 0));
        assertEquals(Ret.RUN_WAIT_FOR_INTERRUPT, f.backToPrimary(0));
        assertEquals(0x1, f.ret(0, HF_VCPU_RUN, 1, 0), "a mailbox waiter is not resumed by run");
    }

    @Test
    void l1ClearReadMailbox() {
        f.configure(0, 0);
        f.run(0, 1, 0);
        f.configure(0, 1);
        f.call(0, HF_MAILBOX_SEND, 0, 1);
        f.backToPrimary(0);
        assertEquals(0, f.ret(0, HF_MAILBOX_CLEAR, 0, 0));
        assertEquals(MailboxState.EMPTY, f.hv.mailboxState(0));
        assertEquals(1, f.hv.recvFromId(0), "clear never resets recv_from_id");
    }

    @Test
    void l2ClearOfEmptyOrReceivedFails() {
        StateSnapshot before = f.hv.snapshot();
        assertEquals(-1, f.ret(0, HF_MAILBOX_CLEAR, 0, 0));
        assertNoChange(before);
        f.configure(0, 0);
        configureS1();
        sendFromPrimary(1, new byte[0]);
        f.run(0, 1, 0);
        assertEquals(-1, f.ret(0, HF_MAILBOX_CLEAR, 0, 0), "received is not cleared");
    }

    @Test
    void x1WfiTrapBlocksAndOnlyInterruptInjectWakes() {
        f.run(0, 1, 0);
        StepResult r = f.hv.wfiTrap(0);
        assertEquals(StepResult.Outcome.CONTINUES, r.outcome());
        assertNull(f.trace.last().regs());
        assertEquals(Ret.RUN_WAIT_FOR_INTERRUPT, f.backToPrimary(0));
        assertEquals(VcpuState.BLOCKED_INTERRUPT, f.hv.vcpuState(1, 0));
        assertEquals(0x1, f.ret(0, HF_VCPU_RUN, 1, 0), "R7: vcpu_run does not resume a WFI");
        assertEquals(1, f.ret(0, HF_INTERRUPT_INJECT, 1, 0));
        assertEquals(StepResult.Outcome.CONTINUES, f.call(0, HF_VCPU_RUN, 1, 0).outcome(), "woken, then run");
        aa();
        f.run(0, 1, 0);
        f.hv.wfiTrap(0);
        f.backToPrimary(0);
        assertEquals(0x1, f.ret(0, HF_VCPU_RUN, 1, 0), "stuck at aa039b39");
        assertEquals(-1, f.ret(0, HF_INTERRUPT_INJECT, 1, 0));
        assertEquals(Action.HVC_UNKNOWN, f.trace.last().action(), "0xff07 is unknown at aa039b39");
        assertEquals(VcpuState.BLOCKED_INTERRUPT, f.hv.vcpuState(1, 0));
    }

    @Test
    void interruptInjectErrorsReturnMinusOneAndChangeNothing() {
        StateSnapshot before = f.hv.snapshot();
        assertEquals(-1, f.ret(0, HF_INTERRUPT_INJECT, 0, 0), "vm 0");
        assertEquals(Action.INTERRUPT_INJECT, f.trace.last().action());
        assertNoChange(before);
        assertEquals(-1, f.ret(0, HF_INTERRUPT_INJECT, 3, 0), "vm >= vm_count");
        assertEquals(3, f.trace.last().arg("vm_id"));
        assertEquals(-1, f.ret(0, HF_INTERRUPT_INJECT, 0xffff_ffffL, 0));
        assertEquals(3, f.trace.last().arg("vm_id"), "every unknown id is represented by vm_count");
        assertEquals(-1, f.ret(0, HF_INTERRUPT_INJECT, 2, 1), "vcpu >= vcpu_count");
        assertEquals(-1, f.ret(0, HF_INTERRUPT_INJECT, 1, 0xffff_ffffL));
        assertEquals(2, f.trace.last().arg("vcpu_idx"), "MaxVCPUs bounds the abstract index");
        assertNoChange(before);
        f.run(0, 2, 0);
        f.hv.wfiTrap(0);
        f.backToPrimary(0);
        f.run(0, 1, 0);
        before = f.hv.snapshot();
        assertEquals(-1, f.ret(0, HF_INTERRUPT_INJECT, 2, 0), "a secondary caller");
        assertEquals(Action.INTERRUPT_INJECT, f.trace.last().action());
        assertNoChange(before);
        assertEquals(VcpuState.BLOCKED_INTERRUPT, f.hv.vcpuState(2, 0));
    }

    @Test
    void interruptInjectWakesOnlyAVcpuInWfi() {
        StateSnapshot before = f.hv.snapshot();
        assertEquals(0, f.ret(0, HF_INTERRUPT_INJECT, 1, 0), "ready: not in WFI");
        assertEquals(0, f.ret(0, HF_INTERRUPT_INJECT, 1, 1), "off");
        assertNoChange(before);
        f.run(0, 1, 0);
        f.hv.wfiTrap(0);
        f.backToPrimary(0);
        assertEquals(WaitingFor.INTERRUPT, f.hv.waitingFor(1, 0));
        assertEquals(1, f.ret(0, HF_INTERRUPT_INJECT, (1L << 32) + 1, (1L << 32)), "ids are narrowed to u32");
        TraceEvent e = f.trace.last();
        assertEquals(List.of(Variable.VCPU_STATE, Variable.WAITING_FOR), List.copyOf(e.changes().keySet()),
                "no switch: only the target changes");
        assertEquals(VcpuState.READY, f.hv.vcpuState(1, 0));
        assertEquals(WaitingFor.NOTHING, f.hv.waitingFor(1, 0));
        assertEquals(new VcpuId(0, 0), f.hv.current(0));
        before = f.hv.snapshot();
        assertEquals(0, f.ret(0, HF_INTERRUPT_INJECT, 1, 0), "already woken");
        assertNoChange(before);
        assertEquals(Ret.NONE, f.run(0, 1, 0).ret(), "it resumes after its WFI with its own x0");
    }

    @Test
    void x1AndX3AreNotTrappedForThePrimary() {
        assertEquals(StepResult.Outcome.NOT_ENABLED, f.hv.wfiTrap(0).outcome());
        assertEquals(StepResult.Outcome.NOT_ENABLED, f.hv.irq(0).outcome());
        assertTrue(f.trace.events().isEmpty());
    }

    @Test
    void x3IrqYields() {
        f.run(0, 1, 0);
        f.hv.irq(0);
        TraceEvent e = f.trace.last();
        assertEquals("api_yield", e.action().jsonName());
        assertEquals(VcpuState.READY, f.hv.vcpuState(1, 0));
        assertEquals(Ret.RUN_YIELD, f.backToPrimary(0));
    }

    @Test
    void x5UnknownFunctionIdsFail() {
        StateSnapshot before = f.hv.snapshot();
        assertEquals(-1, f.ret(0, 0xff08, 0, 0));
        assertEquals(Action.HVC_UNKNOWN, f.trace.last().action());
        assertEquals(-1, f.ret(0, 0x84000001L, 0, 0), "CPU_SUSPEND is not handled");
        assertEquals(-1, f.ret(0, 0xffff_ffff_ffff_ffffL, -1, -1));
        assertNoChange(before);
        f.run(0, 1, 0);
        assertEquals(-1, f.ret(0, 0x84000000L, 0, 0), "a secondary has no PSCI_VERSION");
        assertEquals(Action.HVC_UNKNOWN, f.trace.last().action());
    }

    @Test
    void dispatchMasksBit30AndTheUpperHalfOfX0() {
        assertEquals(3, f.ret(0, 0x4000ff01L, 0, 0));
        assertEquals(3, f.ret(0, 0x1234_5678_0000_ff01L, 0, 0));
        assertEquals(Action.VM_GET_COUNT, f.trace.last().action());
    }
}
