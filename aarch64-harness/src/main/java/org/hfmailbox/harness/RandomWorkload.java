package org.hfmailbox.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hfmailbox.reference.Correction;
import org.hfmailbox.reference.Hypervisor;
import org.hfmailbox.reference.MapFailure;
import org.hfmailbox.reference.MemoryLayout;
import org.hfmailbox.reference.NextStep;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.StepResult;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.reference.VcpuId;
import org.hfmailbox.reference.VcpuState;
import org.hfmailbox.reference.abi.HfAbi;
import org.hfmailbox.reference.trace.InMemoryTrace;

/**
 * Random workloads for replay: drives the reference hypervisor with a random-seeded, state-aware choice of CPU and
 * step (continuations when pending; otherwise a hypercall, trap or IRQ that fits the current vCPU (a vCPU in WFI the
 * primary picks to run gets an interrupt_inject instead, with wfi-wake-on-interrupt), mostly with
 * meaningful arguments and, in fuzz mode, often with arbitrary 64-bit x0..x3) and returns the reference's trace.
 * The same random seed gives the same trace.
 */
public final class RandomWorkload {
    private static final long PSCI_CPU_ON = 0x84000003L;

    private final Hypervisor h;
    private final SystemShape shape;
    private final Random random;
    private final boolean fuzz;
    private final boolean wakeWfi;

    private RandomWorkload(SystemShape shape, Semantics semantics, long randomSeed, boolean fuzz, InMemoryTrace sink) {
        this.shape = shape;
        this.h = new Hypervisor(shape, semantics, sink);
        this.random = new Random(randomSeed);
        this.fuzz = fuzz;
        this.wakeWfi = semantics.has(Correction.WFI_WAKE_ON_INTERRUPT);
    }

    /**
     * The NDJSON lines of a trace of {@code steps} steps (fewer if every CPU is stuck).
     *
     * @param fuzz give about a third of the hypercalls arbitrary 64-bit registers
     */
    public static List<String> trace(SystemShape shape, Semantics semantics, long randomSeed, int steps, boolean fuzz) {
        InMemoryTrace sink = new InMemoryTrace();
        new RandomWorkload(shape, semantics, randomSeed, fuzz, sink).run(steps);
        return sink.toLines();
    }

    /** A parsed trace (for in-process replay), named after its random seed. */
    public static ReferenceTrace referenceTrace(SystemShape shape, Semantics semantics, long randomSeed, int steps,
                                                boolean fuzz) {
        String name = (fuzz ? "fuzz" : "workload") + "-" + semantics.name() + "-random-seed-" + randomSeed;
        try {
            return TraceReader.parse(name, trace(shape, semantics, randomSeed, steps, fuzz));
        } catch (HarnessInputException e) {
            throw new IllegalStateException("the reference wrote a trace the harness cannot read: " + e.getMessage(), e);
        }
    }

    private void run(int steps) {
        int taken = 0;
        int attempts = 0;
        List<Integer> ready = new ArrayList<>();
        while (taken < steps && attempts < 50 * steps) {
            attempts++;
            ready.clear();
            for (int c = 0; c < shape.cpus(); c++) {
                if (h.enabled(c)) {
                    ready.add(c);
                }
            }
            if (ready.isEmpty()) {
                break;
            }
            int c = ready.get(random.nextInt(ready.size()));
            NextStep next = h.nextStepKind(c);
            StepResult r = next.isContinuation() ? h.continueStep(c) : guestStep(c);
            if (r.took()) {
                taken++;
            }
        }
    }

    private StepResult guestStep(int c) {
        VcpuId v = h.current(c);
        int vm = v.vm();
        int vmCount = shape.vmCount();
        if (fuzz && random.nextInt(3) == 0) {
            return h.hvc(c, fuzzX0(), fuzzArg(), fuzzArg(), random.nextLong());
        }
        int roll = random.nextInt(100);
        if (vm == 0) {
            if (roll < 40) {
                return runOrWake(c, 1 + random.nextInt(Math.max(1, vmCount - 1)) - (random.nextInt(20) == 0 ? 1 : 0),
                        random.nextInt(shape.maxVcpus() + (random.nextInt(10) == 0 ? 1 : 0)));
            } else if (roll < 50) {
                return configure(c, vm);
            } else if (roll < 68) {
                return send(c, vm);
            } else if (roll < 74) {
                return h.hvc(c, random.nextBoolean() ? 0xff01 : 0xff02, random.nextInt(vmCount + 1), 0, 0);
            } else if (roll < 80) {
                return h.hvc(c, 0xff06, 0, 0, 0);
            } else if (roll < 82) {
                return h.hvc(c, 0xff05, random.nextInt(2), 0, 0);
            } else if (roll < 91) {
                return h.hvc(c, PSCI_CPU_ON, random.nextInt(shape.cpus() + 1), 0x1000, random.nextLong());
            } else if (roll < 96) {
                long[] ids = {0x84000000L, 0x84000006L, 0x84000004L, 0xc4000004L};
                return h.hvc(c, ids[random.nextInt(ids.length)], random.nextInt(shape.cpus() + 1),
                        random.nextInt(4) == 0 ? 1 : 0, 0);
            } else if (roll < 97 && c != 0) {
                return h.hvc(c, 0x84000002L, 0, 0, 0);
            }
            return h.hvc(c, 0xff07 + random.nextInt(100), 0, 0, 0);
        }
        if (roll < 10) {
            return configure(c, vm);
        } else if (roll < 35) {
            return send(c, vm);
        } else if (roll < 55) {
            return h.hvc(c, 0xff05, random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(5), 0, 0);
        } else if (roll < 65) {
            return h.hvc(c, 0xff06, 0, 0, 0);
        } else if (roll < 71) {
            return h.wfiTrap(c);
        } else if (roll < 83) {
            return h.irq(c);
        } else if (roll < 88) {
            return h.hvc(c, random.nextBoolean() ? 0xff01 : 0xff00, random.nextInt(vmCount), 0, 0);
        } else if (roll < 96) {
            return h.hvc(c, PSCI_CPU_ON, random.nextInt(shape.vcpuCount(vm) + 1), 0x2000, random.nextLong());
        }
        return h.hvc(c, 0xff07 + random.nextInt(100), 0, 0, 0);
    }

    /**
     * The primary runs vCPU (vm, idx); when that vCPU is in WFI and the semantics has wfi-wake-on-interrupt, it injects
     * an interrupt into it instead (vcpu_run would return 0x1), so that WFI'd vCPUs are woken and later resumed
     * (their slow-path register save is then checked). The same random draws either way.
     */
    private StepResult runOrWake(int c, int vm, int idx) {
        if (wakeWfi && vm > 0 && vm < shape.vmCount() && idx < shape.vcpuCount(vm)
                && h.vcpuState(vm, idx) == VcpuState.BLOCKED_INTERRUPT) {
            return h.hvc(c, HfAbi.HF_INTERRUPT_INJECT, vm, idx, 0);
        }
        return h.hvc(c, HfAbi.HF_VCPU_RUN, vm, idx, 0);
    }

    private StepResult configure(int c, int vm) {
        long base = MemoryLayout.defaultBase(vm);
        int roll = random.nextInt(20);
        long send = base;
        long recv = base + 0x1000;
        if (roll == 0) {
            send += 8;
        } else if (roll == 1) {
            recv = base + MemoryLayout.DEFAULT_SIZE;
        } else if (roll == 2) {
            recv = send;
        } else if (roll == 3) {
            h.forceMapFailure(vm, random.nextBoolean() ? MapFailure.SEND : MapFailure.RECV);
        }
        return h.hvc(c, 0xff03, send, recv, 0);
    }

    private StepResult send(int c, int vm) {
        int to = random.nextInt(shape.vmCount() + (random.nextInt(10) == 0 ? 1 : 0));
        int roll = random.nextInt(20);
        long size = roll == 0 ? 4097 : roll == 1 ? 0 : roll == 2 ? 4096 : 1 + random.nextInt(4096);
        long page = h.sendPageIpa(vm);
        if (page >= 0 && size <= 4096) {
            byte[] bytes = new byte[(int) size];
            random.nextBytes(bytes);
            h.writeGuest(vm, page, bytes);
        }
        return h.hvc(c, 0xff04, to, size, random.nextLong());
    }

    private long fuzzX0() {
        long[] ids = {0xff00, 0xff01, 0xff02, 0xff03, 0xff04, 0xff05, 0xff06, 0x84000000L, 0x84000002L, 0x84000003L,
            0x84000004L, 0x84000006L, 0xc4000003L};
        return switch (random.nextInt(4)) {
            case 0 -> random.nextLong();
            case 1 -> ids[random.nextInt(ids.length)] | (random.nextLong() & 0xffffffff_00000000L);
            case 2 -> ids[random.nextInt(ids.length)] | 0x40000000L;
            default -> ids[random.nextInt(ids.length)];
        };
    }

    private long fuzzArg() {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextLong();
            case 1 -> random.nextInt(8) | (random.nextLong() & 0xffffffff_00000000L);
            case 2 -> -random.nextInt(3);
            default -> random.nextInt(10);
        };
    }
}
