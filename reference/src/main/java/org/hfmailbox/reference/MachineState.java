package org.hfmailbox.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hfmailbox.reference.abi.Ret;
import org.hfmailbox.reference.trace.Variable;

/**
 * The mutable abstract state of the hypervisor (docs/vocabulary.md), package-private to the reference. Every setter
 * records the variable it changed (only when the value differs) in a bit mask, so the tracer can emit the full new
 * value of exactly the changed variables.
 */
final class MachineState implements StateView {
    private final SystemShape shape;
    final VcpuState[][] vcpuState;
    final Ret[][] savedX0;
    final boolean[][] regsAvailable;
    final Ret[][] recvPending;
    final MailboxState[] mailboxState;
    final int[] recvFromId;
    final int[] recvBytes;
    final boolean[] sendConfigured;
    final boolean[] recvConfigured;
    /** Waiter stacks, bottom first: the head (top) is at index {@code waiterLen[k] - 1}. */
    final int[][] waiter;
    final int[] waiterLen;
    final VcpuId[] current;
    final boolean[] isOn;
    final CpuOp[] cpuOp;
    /** Ghosts (docs/vocabulary.md, issue 10): never read by a step's behaviour. */
    final Ret[] delivered;
    final WaitingFor[][] waitingFor;
    final int[] wantsSendTo;
    private int dirty;

    /** The boot state: CPU 0 on running P0; vCPU 0 of every VM ready; everything else off, empty, unconfigured. */
    MachineState(SystemShape shape) {
        this.shape = shape;
        int vms = shape.vmCount();
        vcpuState = new VcpuState[vms][];
        savedX0 = new Ret[vms][];
        regsAvailable = new boolean[vms][];
        recvPending = new Ret[vms][];
        waitingFor = new WaitingFor[vms][];
        waiter = new int[vms][];
        for (int k = 0; k < vms; k++) {
            int n = shape.vcpuCount(k);
            vcpuState[k] = new VcpuState[n];
            savedX0[k] = new Ret[n];
            regsAvailable[k] = new boolean[n];
            recvPending[k] = new Ret[n];
            waitingFor[k] = new WaitingFor[n];
            waiter[k] = new int[n];
        }
        mailboxState = new MailboxState[vms];
        recvFromId = new int[vms];
        recvBytes = new int[vms];
        sendConfigured = new boolean[vms];
        recvConfigured = new boolean[vms];
        waiterLen = new int[vms];
        delivered = new Ret[vms];
        wantsSendTo = new int[vms];
        int cpus = shape.cpus();
        current = new VcpuId[cpus];
        isOn = new boolean[cpus];
        cpuOp = new CpuOp[cpus];
        reset(new VcpuId(0, 0));
    }

    /** Back to the boot state, reusing the arrays; {@code p0} is the primary's vCPU 0. */
    void reset(VcpuId p0) {
        for (int k = 0; k < vcpuState.length; k++) {
            Arrays.fill(vcpuState[k], VcpuState.OFF);
            vcpuState[k][0] = VcpuState.READY;
            // P's x0 is the FDT address (no hypervisor value: none); a secondary's vCPU starts with x0 = 0
            Arrays.fill(savedX0[k], k == 0 ? Ret.NONE : Ret.ZERO);
            Arrays.fill(regsAvailable[k], true);
            Arrays.fill(recvPending[k], Ret.NONE);
            Arrays.fill(waitingFor[k], WaitingFor.NOTHING);
        }
        regsAvailable[0][0] = false;
        Arrays.fill(mailboxState, MailboxState.EMPTY);
        Arrays.fill(recvFromId, 0);
        Arrays.fill(recvBytes, 0);
        Arrays.fill(sendConfigured, false);
        Arrays.fill(recvConfigured, false);
        Arrays.fill(waiterLen, 0);
        Arrays.fill(current, VcpuId.NONE);
        current[0] = p0;
        Arrays.fill(isOn, false);
        isOn[0] = true;
        Arrays.fill(cpuOp, CpuOp.OFF);
        cpuOp[0] = CpuOp.GUEST;
        Arrays.fill(delivered, Ret.NONE);
        Arrays.fill(wantsSendTo, -1);
        dirty = 0;
    }

    /** Whether two immutable values differ: identity and class first, then the record's equals. */
    private static boolean differs(Object old, Object now) {
        return old != now && (old.getClass() != now.getClass() || !old.equals(now));
    }

    int takeDirty() {
        int d = dirty;
        dirty = 0;
        return d;
    }

    private void mark(Variable v) {
        dirty |= v.bit();
    }

    void setVcpuState(int k, int i, VcpuState s) {
        if (vcpuState[k][i] != s) {
            vcpuState[k][i] = s;
            mark(Variable.VCPU_STATE);
        }
    }

    void setSavedX0(int k, int i, Ret r) {
        if (differs(savedX0[k][i], r)) {
            savedX0[k][i] = r;
            mark(Variable.SAVED_X0);
        }
    }

    void setRegsAvailable(int k, int i, boolean b) {
        if (regsAvailable[k][i] != b) {
            regsAvailable[k][i] = b;
            mark(Variable.REGS_AVAILABLE);
        }
    }

    void setRecvPending(int k, int i, Ret r) {
        if (differs(recvPending[k][i], r)) {
            recvPending[k][i] = r;
            mark(Variable.RECV_PENDING);
        }
    }

    void setMailboxState(int k, MailboxState s) {
        if (mailboxState[k] != s) {
            mailboxState[k] = s;
            mark(Variable.MAILBOX_STATE);
        }
    }

    void setRecvFromId(int k, int id) {
        if (recvFromId[k] != id) {
            recvFromId[k] = id;
            mark(Variable.RECV_FROM_ID);
        }
    }

    void setRecvBytes(int k, int n) {
        if (recvBytes[k] != n) {
            recvBytes[k] = n;
            mark(Variable.RECV_BYTES);
        }
    }

    void setConfigured(int k) {
        if (!sendConfigured[k]) {
            sendConfigured[k] = true;
            mark(Variable.SEND_CONFIGURED);
        }
        if (!recvConfigured[k]) {
            recvConfigured[k] = true;
            mark(Variable.RECV_CONFIGURED);
        }
    }

    void pushWaiter(int k, int idx) {
        if (waiterLen[k] == waiter[k].length) {
            waiter[k] = Arrays.copyOf(waiter[k], waiter[k].length * 2 + 1); // only a fault can overfill it
        }
        waiter[k][waiterLen[k]++] = idx;
        mark(Variable.RECV_WAITER);
    }

    /** Pops the head of VM k's waiter stack (which must not be empty). */
    int popWaiter(int k) {
        mark(Variable.RECV_WAITER);
        return waiter[k][--waiterLen[k]];
    }

    /** Removes the longest waiter (the tail of the head-first sequence) of VM k (fifo-waiters). */
    int popOldestWaiter(int k) {
        mark(Variable.RECV_WAITER);
        int w = waiter[k][0];
        System.arraycopy(waiter[k], 1, waiter[k], 0, waiterLen[k] - 1);
        waiterLen[k]--;
        return w;
    }

    int oldestWaiter(int k) {
        return waiter[k][0];
    }

    int headWaiter(int k) {
        return waiter[k][waiterLen[k] - 1];
    }

    void setCurrent(int c, VcpuId v) {
        if (differs(current[c], v)) {
            current[c] = v;
            mark(Variable.CURRENT);
        }
    }

    void setOn(int c, boolean on) {
        if (isOn[c] != on) {
            isOn[c] = on;
            mark(Variable.IS_ON);
        }
    }

    void setCpuOp(int c, CpuOp op) {
        if (differs(cpuOp[c], op)) {
            cpuOp[c] = op;
            mark(Variable.CPU_OP);
        }
    }

    void setDelivered(int k, Ret r) {
        if (differs(delivered[k], r)) {
            delivered[k] = r;
            mark(Variable.DELIVERED);
        }
    }

    void setWaitingFor(int k, int i, WaitingFor w) {
        if (waitingFor[k][i] != w) {
            waitingFor[k][i] = w;
            mark(Variable.WAITING_FOR);
        }
    }

    void setWantsSendTo(int k, int to) {
        if (wantsSendTo[k] != to) {
            wantsSendTo[k] = to;
            mark(Variable.WANTS_SEND_TO);
        }
    }

    // ---- StateView ----

    public SystemShape shape() {
        return shape;
    }

    public VcpuState vcpuState(int vm, int idx) {
        return vcpuState[vm][idx];
    }

    public Ret savedX0(int vm, int idx) {
        return savedX0[vm][idx];
    }

    public boolean regsAvailable(int vm, int idx) {
        return regsAvailable[vm][idx];
    }

    public Ret recvPending(int vm, int idx) {
        return recvPending[vm][idx];
    }

    public MailboxState mailboxState(int vm) {
        return mailboxState[vm];
    }

    public int recvFromId(int vm) {
        return recvFromId[vm];
    }

    public int recvBytes(int vm) {
        return recvBytes[vm];
    }

    public boolean sendConfigured(int vm) {
        return sendConfigured[vm];
    }

    public boolean recvConfigured(int vm) {
        return recvConfigured[vm];
    }

    public List<Integer> recvWaiter(int vm) {
        int n = waiterLen[vm];
        List<Integer> out = new ArrayList<>(n);
        for (int j = n - 1; j >= 0; j--) {
            out.add(waiter[vm][j]);
        }
        return out;
    }

    public VcpuId current(int cpu) {
        return current[cpu];
    }

    public boolean isOn(int cpu) {
        return isOn[cpu];
    }

    public CpuOp cpuOp(int cpu) {
        return cpuOp[cpu];
    }

    public Ret delivered(int vm) {
        return delivered[vm];
    }

    public WaitingFor waitingFor(int vm, int idx) {
        return waitingFor[vm][idx];
    }

    public int wantsSendTo(int vm) {
        return wantsSendTo[vm];
    }
}
