package org.hfmailbox.reference.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hfmailbox.reference.Hypervisor;
import org.hfmailbox.reference.MapFailure;
import org.hfmailbox.reference.MemoryLayout;
import org.hfmailbox.reference.NextStep;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.reference.VcpuId;
import org.hfmailbox.reference.VcpuState;
import org.hfmailbox.reference.abi.HfAbi;
import org.hfmailbox.reference.abi.Psci;
import org.hfmailbox.reference.trace.TraceSink;

/**
 * Seeded, state-aware workload generator: it runs a reference while it generates, reads its state to favour steps
 * that are enabled and meaningful (running ready vCPUs, waking vCPUs in WFI with interrupt_inject, sending to
 * configured mailboxes, finishing continuations), and still tries invalid calls and random 64-bit registers; some configures with valid pages force a hypervisor
 * mapping failure (send_map_fails, recv_map_fails). The same random seed gives the same workload.
 */
public final class WorkloadGenerator {
    private final SplittableRandom r;
    private final Hypervisor hv;
    private final SystemShape shape;

    private WorkloadGenerator(long seed, SystemShape shape, Semantics semantics) {
        this.r = new SplittableRandom(seed);
        this.shape = shape;
        this.hv = new Hypervisor(shape, semantics, TraceSink.NONE);
    }

    /** A workload of {@code steps} steps on {@code shape}. */
    public static Workload generate(long seed, SystemShape shape, Semantics semantics, int steps) {
        WorkloadGenerator g = new WorkloadGenerator(seed, shape, semantics);
        List<WorkloadStep> out = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            WorkloadStep s = g.next();
            WorkloadRunner.step(g.hv, s);
            out.add(s);
        }
        return new Workload(shape, semantics, seed, out);
    }

    /** A workload on a random shape (1-3 CPUs, 1-3 secondaries of 1-3 vCPUs) drawn from the same random seed. */
    public static Workload generateRandomShape(long seed, Semantics semantics, int steps) {
        return generate(seed, randomShape(new SplittableRandom(seed ^ 0x5deece66dL)), semantics, steps);
    }

    public static SystemShape randomShape(SplittableRandom r) {
        int cpus = 1 + r.nextInt(3);
        int secondaries = 1 + r.nextInt(3);
        int[] counts = new int[secondaries];
        for (int i = 0; i < secondaries; i++) {
            counts[i] = 1 + r.nextInt(3);
        }
        return SystemShape.of(cpus, counts);
    }

    private WorkloadStep next() {
        int cpu = pickCpu();
        NextStep kind = hv.nextStepKind(cpu);
        if (kind.isContinuation() && r.nextInt(100) < 85) {
            return WorkloadStep.of(cpu, WorkloadStep.Kind.CONTINUE);
        }
        if (kind != NextStep.GUEST) {
            return r.nextBoolean() ? WorkloadStep.of(cpu, WorkloadStep.Kind.CONTINUE) : randomHvc(cpu);
        }
        VcpuId v = hv.current(cpu);
        return v.vm() == 0 ? primaryStep(cpu) : secondaryStep(cpu, v);
    }

    private int pickCpu() {
        int cpus = shape.cpus();
        for (int tries = 0; tries < 4; tries++) {
            int c = r.nextInt(cpus);
            if (hv.isOn(c)) {
                return c;
            }
        }
        return r.nextInt(cpus);
    }

    private WorkloadStep primaryStep(int cpu) {
        int roll = r.nextInt(100);
        if (roll < 35) {
            return vcpuRun(cpu);
        } else if (roll < 52) {
            return send(cpu, 0);
        } else if (roll < 60) {
            return configure(cpu, 0);
        } else if (roll < 66) {
            return hvc(cpu, HfAbi.HF_MAILBOX_CLEAR, 0, 0, 0);
        } else if (roll < 70) {
            return hvc(cpu, HfAbi.HF_VCPU_GET_COUNT, vmId(0), 0, 0);
        } else if (roll < 72) {
            return hvc(cpu, HfAbi.HF_VM_GET_COUNT, 0, 0, 0);
        } else if (roll < 78) {
            return hvc(cpu, Psci.PSCI_CPU_ON & 0xffffffffL, r.nextInt(shape.cpus() + 1), 0x80000, r.nextLong());
        } else if (roll < 81) {
            return hvc(cpu, Psci.PSCI_AFFINITY_INFO & 0xffffffffL, r.nextInt(shape.cpus() + 1), r.nextInt(4) == 0 ? 1 : 0, 0);
        } else if (roll < 83) {
            return hvc(cpu, (r.nextBoolean() ? Psci.PSCI_VERSION : Psci.PSCI_MIGRATE_INFO_TYPE) & 0xffffffffL, 0, 0, 0);
        } else if (roll < 85) {
            return hvc(cpu, Psci.PSCI_CPU_OFF & 0xffffffffL, 0, 0, 0);
        } else if (roll < 87) {
            return hvc(cpu, HfAbi.HF_MAILBOX_RECEIVE, r.nextInt(2), 0, 0);
        } else if (roll < 94) {
            return interruptInject(cpu);
        }
        return randomHvc(cpu);
    }

    private WorkloadStep secondaryStep(int cpu, VcpuId v) {
        int roll = r.nextInt(100);
        if (roll < 25) {
            return send(cpu, v.vm());
        } else if (roll < 40) {
            return hvc(cpu, HfAbi.HF_MAILBOX_RECEIVE, 1 + (r.nextInt(4) == 0 ? r.nextLong() >>> 1 : 0), 0, 0);
        } else if (roll < 48) {
            return hvc(cpu, HfAbi.HF_MAILBOX_RECEIVE, 0, 0, 0);
        } else if (roll < 58) {
            return hvc(cpu, HfAbi.HF_MAILBOX_CLEAR, 0, 0, 0);
        } else if (roll < 66) {
            return configure(cpu, v.vm());
        } else if (roll < 72) {
            return WorkloadStep.of(cpu, WorkloadStep.Kind.WFI);
        } else if (roll < 85) {
            return WorkloadStep.of(cpu, WorkloadStep.Kind.IRQ);
        } else if (roll < 89) {
            return hvc(cpu, Psci.PSCI_CPU_ON & 0xffffffffL, r.nextInt(shape.vcpuCount(v.vm()) + 1), 0x1000,
                    r.nextLong());
        } else if (roll < 92) {
            return hvc(cpu, r.nextBoolean() ? HfAbi.HF_VM_GET_COUNT : HfAbi.HF_VCPU_GET_COUNT, vmId(v.vm()), 0, 0);
        } else if (roll < 94) {
            return hvc(cpu, HfAbi.HF_VCPU_RUN, vmId(v.vm()), r.nextInt(3), 0);
        } else if (roll < 96) {
            return hvc(cpu, HfAbi.HF_INTERRUPT_INJECT, vmId(v.vm()), r.nextInt(3), 0);
        }
        return randomHvc(cpu);
    }

    private WorkloadStep vcpuRun(int cpu) {
        return targeted(cpu, HfAbi.HF_VCPU_RUN, VcpuState.READY);
    }

    /** Mostly a vCPU in WFI (it returns 1 and becomes ready), sometimes any target: 0, or -1 for bad ids. */
    private WorkloadStep interruptInject(int cpu) {
        return targeted(cpu, HfAbi.HF_INTERRUPT_INJECT, VcpuState.BLOCKED_INTERRUPT);
    }

    /** A call on a secondary vCPU: 80 % one in state {@code wanted} when there is one, else random ids. */
    private WorkloadStep targeted(int cpu, int functionId, VcpuState wanted) {
        List<long[]> candidates = new ArrayList<>();
        for (int k = 1; k < shape.vmCount(); k++) {
            for (int i = 0; i < shape.vcpuCount(k); i++) {
                if (hv.vcpuState(k, i) == wanted) {
                    candidates.add(new long[] {k, i});
                }
            }
        }
        if (!candidates.isEmpty() && r.nextInt(10) < 8) {
            long[] t = candidates.get(r.nextInt(candidates.size()));
            return hvc(cpu, functionId, t[0], t[1], 0);
        }
        return hvc(cpu, functionId, vmId(0), r.nextInt(4) == 0 ? r.nextLong() : r.nextInt(4), 0);
    }

    private WorkloadStep send(int cpu, int self) {
        long to = vmId(self);
        int roll = r.nextInt(100);
        long size = roll < 90 ? r.nextInt(HfAbi.HF_MAILBOX_SIZE + 1) : roll < 95 ? HfAbi.HF_MAILBOX_SIZE + 1 : r.nextLong();
        byte[] payload = null;
        if (Long.compareUnsigned(size, HfAbi.HF_MAILBOX_SIZE) <= 0) {
            payload = new byte[(int) size];
            for (int i = 0; i < payload.length; i += 8) {
                long x = r.nextLong();
                for (int j = 0; j < 8 && i + j < payload.length; j++) {
                    payload[i + j] = (byte) (x >>> (8 * j));
                }
            }
        }
        return WorkloadStep.hvc(cpu, HfAbi.HF_MAILBOX_SEND, to, size, r.nextInt(8) == 0 ? r.nextLong() : 0, payload);
    }

    /** Mostly a valid other VM; sometimes self, unknown, or a random 64-bit value. */
    private long vmId(int self) {
        int roll = r.nextInt(100);
        int vms = shape.vmCount();
        if (roll < 80 && vms > 1) {
            int k = r.nextInt(vms - 1);
            return k >= self ? k + 1 : k;
        } else if (roll < 88) {
            return self;
        } else if (roll < 94) {
            return vms + r.nextInt(3);
        }
        return r.nextLong();
    }

    private WorkloadStep configure(int cpu, int vm) {
        MemoryLayout layout = hv.layout();
        long base = layout.ranges(vm).get(0).base();
        long pages = layout.ranges(vm).get(0).size() / HfAbi.PAGE_SIZE;
        long s = base + r.nextLong(pages) * HfAbi.PAGE_SIZE;
        long t = base + r.nextLong(pages) * HfAbi.PAGE_SIZE;
        int roll = r.nextInt(100);
        if (roll < 75) {
            if (t == s) {
                t = base + ((t - base) / HfAbi.PAGE_SIZE + 1) % pages * HfAbi.PAGE_SIZE;
            }
            if (r.nextInt(100) < 15) { // valid pages, but the hypervisor's mapping fails (checks 6 and 7)
                MapFailure f = r.nextBoolean() ? MapFailure.SEND : MapFailure.RECV;
                return WorkloadStep.hvcForcing(cpu, HfAbi.HF_VM_CONFIGURE, s, t, 0, f);
            }
        } else if (roll < 82) {
            s += 1 + r.nextInt(HfAbi.PAGE_SIZE - 1);
        } else if (roll < 88) {
            t = s;
        } else if (roll < 94) {
            int other = (vm + 1) % shape.vmCount();
            t = layout.ranges(other).get(0).base();
        } else {
            s = r.nextLong();
            t = r.nextLong();
        }
        return hvc(cpu, HfAbi.HF_VM_CONFIGURE, s, t, 0);
    }

    private WorkloadStep randomHvc(int cpu) {
        long x0 = r.nextInt(3) == 0 ? r.nextLong() : (r.nextLong() & ~0xffffL) | (0xff00 + r.nextInt(9));
        return hvc(cpu, x0, r.nextLong(), r.nextLong(), r.nextLong());
    }

    private static WorkloadStep hvc(int cpu, long x0, long x1, long x2, long x3) {
        return WorkloadStep.hvc(cpu, x0, x1, x2, x3, null);
    }
}
