package org.hfmailbox.reference.workload;

/**
 * One step of a workload: on CPU {@code cpu}, an HVC with x0..x3 (payload written into the caller's send page
 * first, when non-null and configured), a trapped WFI, an IRQ, or a continuation. Immutable.
 */
public record WorkloadStep(int cpu, Kind kind, long x0, long x1, long x2, long x3, byte[] payload) {
    public enum Kind { HVC, WFI, IRQ, CONTINUE }

    public WorkloadStep {
        payload = payload == null ? null : payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload == null ? null : payload.clone();
    }

    /** The payload without a defensive copy, for replay loops inside this package. */
    byte[] payloadUnsafe() {
        return payload;
    }

    public static WorkloadStep hvc(int cpu, long x0, long x1, long x2, long x3, byte[] payload) {
        return new WorkloadStep(cpu, Kind.HVC, x0, x1, x2, x3, payload);
    }

    public static WorkloadStep of(int cpu, Kind kind) {
        return new WorkloadStep(cpu, kind, 0, 0, 0, 0, null);
    }

    public WorkloadStep withRegs(long a0, long a1, long a2, long a3) {
        return new WorkloadStep(cpu, kind, a0, a1, a2, a3, payload);
    }
}
