package org.hfmailbox.harness;

import java.util.Arrays;

/**
 * One step of the input table: the physical CPU that takes it, how it reaches EL2, the guest's registers, and the
 * payload bytes the guest first copies to {@code payloadDest} (the IPA of its send page; 0: no copy). Immutable.
 */
public record ReplayStep(int cpu, StepKind kind, long x0, long x1, long x2, long x3, int flags, byte[] payload,
                         long payloadDest) {
    public ReplayStep {
        payload = payload == null ? new byte[0] : payload.clone();
    }

    /** A step whose payload, if any, goes nowhere (no send page). */
    public ReplayStep(int cpu, StepKind kind, long x0, long x1, long x2, long x3, int flags, byte[] payload) {
        this(cpu, kind, x0, x1, x2, x3, flags, payload, 0);
    }

    /** A continuation or CPU-level step of {@code cpu}. */
    public static ReplayStep cont(int cpu) {
        return new ReplayStep(cpu, StepKind.CONT, 0, 0, 0, 0, 0, null);
    }

    public static ReplayStep of(int cpu, StepKind kind, long x0, long x1, long x2, long x3) {
        return new ReplayStep(cpu, kind, x0, x1, x2, x3, 0, null);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload length without copying. */
    public int payloadLength() {
        return payload.length;
    }

    byte[] payloadRaw() {
        return payload;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplayStep s && s.cpu == cpu && s.kind == kind && s.x0 == x0 && s.x1 == x1
                && s.x2 == x2 && s.x3 == x3 && s.flags == flags && Arrays.equals(s.payload, payload)
                && s.payloadDest == payloadDest;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new long[] {cpu, kind.code(), x0, x1, x2, x3, flags, payloadDest}) * 31
                + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "ReplayStep[cpu=" + cpu + ", " + kind + ", x0=0x" + Long.toHexString(x0) + ", x1=0x"
                + Long.toHexString(x1) + ", x2=0x" + Long.toHexString(x2) + ", x3=0x" + Long.toHexString(x3)
                + ", flags=" + flags + ", payload=" + payload.length + " bytes to 0x" + Long.toHexString(payloadDest)
                + "]";
    }
}
