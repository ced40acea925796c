package org.hfmailbox.reference.workload;

import org.hfmailbox.reference.Hypervisor;
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
                byte[] p = s.payloadUnsafe();
                if (p != null && hv.isOn(cpu)) {
                    VcpuId v = hv.current(cpu);
                    long page = v.isNone() ? -1 : hv.sendPageIpa(v.vm());
                    if (page >= 0) {
                        hv.writeGuest(v.vm(), page, p);
                    }
                }
                return hv.hvc(cpu, s.x0(), s.x1(), s.x2(), s.x3());
        }
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
