package org.hfmailbox.reference.workload;

import org.hfmailbox.reference.Hypervisor;
import org.hfmailbox.reference.MapFailure;
import org.hfmailbox.reference.StepResult;
import org.hfmailbox.reference.VcpuId;

/** Replays workload steps on a hypervisor (a step that is not enabled is a no-op, as on the hardware a spin). */
public final class WorkloadRunner {
    private WorkloadRunner() {
    }

    public static StepResult step(Hypervisor hv, WorkloadStep s) {
        int cpu = s.cpu();
        switch (s.kind()) {
            case WFI:
                return hv.wfiTrap(cpu);
            case IRQ:
                return hv.irq(cpu);
            case CONTINUE:
                return hv.continueStep(cpu);
            default:
                return hvc(hv, s);
        }
    }

    /**
     * The guest writes the step's payload into its send page (if configured), the step's forced mapping failure
     * (if any) is armed on the caller's VM, the HVC runs, and a forced failure the HVC did not consume is withdrawn.
     */
    private static StepResult hvc(Hypervisor hv, WorkloadStep s) {
        int cpu = s.cpu();
        byte[] p = s.payloadUnsafe();
        MapFailure f = s.mapFailure();
        VcpuId v = hv.isOn(cpu) ? hv.current(cpu) : VcpuId.NONE;
        if (v.isNone()) {
            return hv.hvc(cpu, s.x0(), s.x1(), s.x2(), s.x3());
        }
        if (p != null) {
            long page = hv.sendPageIpa(v.vm());
            if (page >= 0) {
                hv.writeGuest(v.vm(), page, p);
            }
        }
        if (f == null) {
            return hv.hvc(cpu, s.x0(), s.x1(), s.x2(), s.x3());
        }
        hv.forceMapFailure(v.vm(), f);
        StepResult r = hv.hvc(cpu, s.x0(), s.x1(), s.x2(), s.x3());
        hv.forceMapFailure(v.vm(), null);
        return r;
    }

    /** Replays every step; returns the number of steps that took effect. */
    public static int replay(Hypervisor hv, Workload w) {
        int took = 0;
        for (WorkloadStep s : w.steps()) {
            took += step(hv, s).took() ? 1 : 0;
        }
        return took;
    }
}
