package org.hfmailbox.reference.workload;

import org.hfmailbox.reference.MapFailure;

/**
 * One step of a workload: on CPU {@code cpu}, an HVC with x0..x3 (payload written into the caller's send page
 * first, when non-null and configured; {@code mapFailure}, when non-null, forced on the caller's VM for this step
 * only), a trapped WFI, an IRQ, or a continuation. Immutable.
 */
public record WorkloadStep(int cpu, Kind kind, long x0, long x1, long x2, long x3, byte[] payload,
                           MapFailure mapFailure) {
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
        return new WorkloadStep(cpu, Kind.HVC, x0, x1, x2, x3, payload, null);
    }

    /** An HVC (a vm_configure) with a hypervisor mapping failure forced on the caller's VM. */
    public static WorkloadStep hvcForcing(int cpu, long x0, long x1, long x2, long x3, MapFailure failure) {
        return new WorkloadStep(cpu, Kind.HVC, x0, x1, x2, x3, null, failure);
    }

    public static WorkloadStep of(int cpu, Kind kind) {
        return new WorkloadStep(cpu, kind, 0, 0, 0, 0, null, null);
    }

    public WorkloadStep withRegs(long a0, long a1, long a2, long a3) {
        return new WorkloadStep(cpu, kind, a0, a1, a2, a3, payload, mapFailure);
    }

    public WorkloadStep withPayload(byte[] p) {
        return new WorkloadStep(cpu, kind, x0, x1, x2, x3, p, mapFailure);
    }

    public WorkloadStep withMapFailure(MapFailure f) {
        return new WorkloadStep(cpu, kind, x0, x1, x2, x3, payload, f);
    }
}
