package org.hfmailbox.reference;

import java.util.List;
import org.hfmailbox.reference.abi.Ret;

/**
 * Read access to the abstract state of docs/vocabulary.md (every variable but {@code step}). Implemented by the
 * live {@link Hypervisor} and by immutable {@link org.hfmailbox.reference.trace.StateSnapshot}s, so that
 * {@link Invariants} and drivers can read either.
 */
public interface StateView {
    SystemShape shape();

    VcpuState vcpuState(int vm, int idx);

    Ret savedX0(int vm, int idx);

    boolean regsAvailable(int vm, int idx);

    Ret recvPending(int vm, int idx);

    MailboxState mailboxState(int vm);

    int recvFromId(int vm);

    int recvBytes(int vm);

    boolean sendConfigured(int vm);

    boolean recvConfigured(int vm);

    /** The waiter stack of VM {@code vm}, head first (the next vCPU a send pops). */
    List<Integer> recvWaiter(int vm);

    VcpuId current(int cpu);

    boolean isOn(int cpu);

    CpuOp cpuOp(int cpu);

    /** Ghost: what VM {@code vm} was handed for the message now in its mailbox ({@code none} or a recv record). */
    Ret delivered(int vm);

    /** Ghost: what vCPU (vm, idx)'s guest waits for. */
    WaitingFor waitingFor(int vm, int idx);

    /** Ghost: the VM that VM {@code vm}'s guest wants to send to and could not yet, or -1. */
    int wantsSendTo(int vm);
}
