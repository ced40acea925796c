package org.hfmailbox.reference.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hfmailbox.reference.CpuOp;
import org.hfmailbox.reference.MailboxState;
import org.hfmailbox.reference.StateView;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.reference.VcpuId;
import org.hfmailbox.reference.VcpuState;
import org.hfmailbox.reference.WaitingFor;
import org.hfmailbox.reference.abi.Ret;

/**
 * An immutable full state: every variable of docs/vocabulary.md but {@code step}, each in an immutable Java form:
 * per-vCPU values as {@code List<List<T>>} indexed [vm][idx], per-VM as {@code List<T>}, per-CPU as
 * {@code List<T>}; T is {@link VcpuState}, {@link Ret}, Boolean, {@link MailboxState}, Integer,
 * {@code List<Integer>} (recv_waiter, head first), {@link VcpuId}, {@link CpuOp} or {@link WaitingFor}.
 */
public final class StateSnapshot implements StateView {
    private final SystemShape shape;
    private final Map<Variable, Object> values;

    private StateSnapshot(SystemShape shape, Map<Variable, Object> values) {
        this.shape = shape;
        this.values = immutableOrdered(values);
        if (this.values.size() != Variable.count()) {
            throw new IllegalArgumentException("a snapshot needs every variable");
        }
    }

    /** Copies the state of any view. */
    public static StateSnapshot of(StateView view) {
        Map<Variable, Object> m = new EnumMap<>(Variable.class);
        for (Variable v : Variable.values()) {
            m.put(v, valueOf(view, v));
        }
        return new StateSnapshot(view.shape(), m);
    }

    /** A snapshot from explicit values (for example decoded from a trace header). */
    public static StateSnapshot ofValues(SystemShape shape, Map<Variable, Object> values) {
        return new StateSnapshot(shape, values);
    }

    /** This state with the given variables replaced (a trace event's {@code changes} applied). */
    public StateSnapshot with(Map<Variable, Object> changes) {
        Map<Variable, Object> m = new EnumMap<>(values);
        m.putAll(changes);
        return new StateSnapshot(shape, m);
    }

    public Object value(Variable v) {
        return values.get(v);
    }

    public Map<Variable, Object> values() {
        return values;
    }

    /** The immutable value of one variable of a view. */
    public static Object valueOf(StateView s, Variable v) {
        SystemShape shape = s.shape();
        int vms = shape.vmCount();
        int cpus = shape.cpus();
        List<Object> out = new ArrayList<>(Math.max(vms, cpus));
        switch (v) {
            case VCPU_STATE, SAVED_X0, REGS_AVAILABLE, RECV_PENDING, WAITING_FOR -> {
                for (int k = 0; k < vms; k++) {
                    int n = shape.vcpuCount(k);
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = switch (v) {
                            case VCPU_STATE -> s.vcpuState(k, i);
                            case SAVED_X0 -> s.savedX0(k, i);
                            case REGS_AVAILABLE -> s.regsAvailable(k, i);
                            case WAITING_FOR -> s.waitingFor(k, i);
                            default -> s.recvPending(k, i);
                        };
                    }
                    out.add(List.of(row));
                }
            }
            case MAILBOX_STATE, RECV_FROM_ID, RECV_BYTES, SEND_CONFIGURED, RECV_CONFIGURED, RECV_WAITER, DELIVERED,
                 WANTS_SEND_TO -> {
                for (int k = 0; k < vms; k++) {
                    out.add(switch (v) {
                        case MAILBOX_STATE -> s.mailboxState(k);
                        case RECV_FROM_ID -> s.recvFromId(k);
                        case RECV_BYTES -> s.recvBytes(k);
                        case SEND_CONFIGURED -> s.sendConfigured(k);
                        case RECV_CONFIGURED -> s.recvConfigured(k);
                        case DELIVERED -> s.delivered(k);
                        case WANTS_SEND_TO -> s.wantsSendTo(k);
                        default -> List.copyOf(s.recvWaiter(k));
                    });
                }
            }
            default -> {
                for (int c = 0; c < cpus; c++) {
                    out.add(switch (v) {
                        case CURRENT -> s.current(c);
                        case IS_ON -> s.isOn(c);
                        default -> s.cpuOp(c);
                    });
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    static Map<Variable, Object> immutableOrdered(Map<Variable, Object> in) {
        Map<Variable, Object> m = new LinkedHashMap<>();
        for (Variable v : Variable.values()) {
            if (in.containsKey(v)) {
                m.put(v, in.get(v));
            }
        }
        return Collections.unmodifiableMap(m);
    }

    @SuppressWarnings("unchecked")
    private <T> T at2(Variable v, int a, int b) {
        return ((List<List<T>>) values.get(v)).get(a).get(b);
    }

    @SuppressWarnings("unchecked")
    private <T> T at1(Variable v, int a) {
        return ((List<T>) values.get(v)).get(a);
    }

    public SystemShape shape() {
        return shape;
    }

    public VcpuState vcpuState(int vm, int idx) {
        return at2(Variable.VCPU_STATE, vm, idx);
    }

    public Ret savedX0(int vm, int idx) {
        return at2(Variable.SAVED_X0, vm, idx);
    }

    public boolean regsAvailable(int vm, int idx) {
        return this.<Boolean>at2(Variable.REGS_AVAILABLE, vm, idx);
    }

    public Ret recvPending(int vm, int idx) {
        return at2(Variable.RECV_PENDING, vm, idx);
    }

    public MailboxState mailboxState(int vm) {
        return at1(Variable.MAILBOX_STATE, vm);
    }

    public int recvFromId(int vm) {
        return this.<Integer>at1(Variable.RECV_FROM_ID, vm);
    }

    public int recvBytes(int vm) {
        return this.<Integer>at1(Variable.RECV_BYTES, vm);
    }

    public boolean sendConfigured(int vm) {
        return this.<Boolean>at1(Variable.SEND_CONFIGURED, vm);
    }

    public boolean recvConfigured(int vm) {
        return this.<Boolean>at1(Variable.RECV_CONFIGURED, vm);
    }

    public List<Integer> recvWaiter(int vm) {
        return at1(Variable.RECV_WAITER, vm);
    }

    public VcpuId current(int cpu) {
        return at1(Variable.CURRENT, cpu);
    }

    public boolean isOn(int cpu) {
        return this.<Boolean>at1(Variable.IS_ON, cpu);
    }

    public CpuOp cpuOp(int cpu) {
        return at1(Variable.CPU_OP, cpu);
    }

    public Ret delivered(int vm) {
        return at1(Variable.DELIVERED, vm);
    }

    public WaitingFor waitingFor(int vm, int idx) {
        return at2(Variable.WAITING_FOR, vm, idx);
    }

    public int wantsSendTo(int vm) {
        return this.<Integer>at1(Variable.WANTS_SEND_TO, vm);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateSnapshot s && s.shape.equals(shape) && s.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
