package org.hfmailbox.harness;

import java.util.ArrayList;
import java.util.List;
import org.hfmailbox.reference.Hypervisor;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.StepResult;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.reference.VcpuId;
import org.hfmailbox.reference.trace.InMemoryTrace;

/**
 * Free-running mode: the image's CPUs run their guests concurrently (calls chosen at EL2 from a random seed),
 * contending for Hafnium's locks, and each step records its sequence number, taken inside the lock region that
 * makes it take effect. The driver orders the records by sequence number, checks that the numbers are exactly
 * 1..n, has the reference take the same steps in that order (the guests' registers come from the records, their
 * addresses those of the reference's default layout, which the image's stage 2 maps; a send's payload is the pattern
 * the guest wrote, from its x3)
 * and compares the reference's trace with the records, step by step. The reference's trace is what
 * {@code ./mailbox validate} checks against the spec.
 */
public final class FreeRunner {
    private final Replayer replayer;

    public FreeRunner(Replayer replayer) {
        this.replayer = replayer;
    }

    /**
     * One free-running workload's verdict, the reference's NDJSON trace of it (full form) and the image's own trace
     * of it (observable form, from its records alone: {@link El2ObservableTrace}).
     */
    public record Outcome(String name, int steps, Divergence divergence, String failure, List<String> traceLines,
                          El2Contention contention, List<String> el2Lines) {
        public Outcome {
            traceLines = List.copyOf(traceLines);
            contention = contention == null ? El2Contention.none() : contention;
            el2Lines = List.copyOf(el2Lines);
        }

        Outcome(String name, int steps, Divergence divergence, String failure, List<String> traceLines) {
            this(name, steps, divergence, failure, traceLines, null, List.of());
        }

        public boolean ok() {
            return divergence == null && failure == null;
        }

        public String describe() {
            if (failure != null) {
                return name + ": " + failure;
            }
            if (divergence != null) {
                return name + ": divergence at " + divergence.describe();
            }
            return name + ": " + steps + " free-running steps reproduced by the reference";
        }
    }

    /**
     * Runs the workloads (as many per boot as fit; the largest CPU count decides -smp; a boot that hangs loses only
     * the trace it was running) and reproduces each on the reference.
     */
    public List<Outcome> run(List<ReplayInput> workloads) throws HarnessRunException {
        List<Replayer.TraceRun> runs = replayer.runAll(workloads);
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < workloads.size(); i++) {
            ReplayInput in = workloads.get(i);
            El2TraceResult r = runs.get(i).result();
            if (r == null || r.end() == null) {
                String why = runs.get(i).failure();
                out.add(new Outcome(in.name(), 0, null, "EL2 run failed: " + (why == null ? "no result" : why),
                        List.of()));
                continue;
            }
            if (!r.end().ok()) {
                out.add(new Outcome(in.name(), r.events().size(), null, "EL2 ended the run: " + r.end().describe(),
                        List.of()));
                continue;
            }
            Outcome o = reproduce(in, r);
            out.add(new Outcome(o.name(), o.steps(), o.divergence(), o.failure(), o.traceLines(), r.contention(),
                    El2ObservableTrace.lines(in, r)));
        }
        return out;
    }

    /** The reference takes the recorded steps in the recorded order; its trace is compared with the records. */
    static Outcome reproduce(ReplayInput in, El2TraceResult r) {
        SystemShape shape = new SystemShape(in.cpus(), in.vcpuCount());
        List<String> names = new ArrayList<>();
        for (int b = 0; b < El2Layout.CORRECTIONS.size(); b++) {
            if ((in.corrections() >>> b & 1) != 0) {
                names.add(El2Layout.CORRECTIONS.get(b));
            }
        }
        InMemoryTrace sink = new InMemoryTrace();
        Hypervisor h = new Hypervisor(shape, Semantics.of(names), sink);
        long expected = 1;
        for (El2Event e : r.events()) {
            if (e.seq() != expected) {
                return new Outcome(in.name(), r.events().size(), null, "the sequence numbers are not 1.." + r.events()
                        .size() + ": " + (e.seq() < expected ? "duplicate " : "missing ") + expected + " (found "
                        + e.seq() + ")", List.of());
            }
            expected++;
            if (e.action() == null) {
                return new Outcome(in.name(), r.events().size(), null, "unknown action id " + e.actionId()
                        + " at seq " + e.seq(), List.of());
            }
            int c = e.cpu();
            StepResult res = switch (e.action().stepKind()) {
                case WFI -> h.wfiTrap(c);
                case IRQ -> h.irq(c);
                case HVC -> hvc(h, e);
                default -> h.continueStep(c);
            };
            if (!res.took()) {
                return new Outcome(in.name(), r.events().size(), null, "the reference cannot take step " + e.seq()
                        + " (" + e.action().jsonName() + " on CPU " + c + "): " + res.reason(), List.of());
            }
        }
        List<String> lines = sink.toLines();
        ReferenceTrace t;
        try {
            t = TraceReader.parse(in.name(), lines);
        } catch (HarnessInputException ex) {
            return new Outcome(in.name(), r.events().size(), null, "unreadable reference trace: " + ex.getMessage(),
                    lines);
        }
        return new Outcome(in.name(), r.events().size(), TraceComparator.compare(t, r), null, lines);
    }

    private static StepResult hvc(Hypervisor h, El2Event e) {
        int c = e.cpu();
        VcpuId v = h.current(c);
        long x2 = e.reg(2);
        if (e.action() == El2Action.MAILBOX_SEND) {
            long page = h.sendPageIpa(v.vm());
            if (page >= 0 && Long.compareUnsigned(x2, El2Layout.MAX_PAYLOAD) <= 0) {
                h.writeGuest(v.vm(), page, pattern(e.reg(3), (int) x2));
            }
        }
        return h.hvc(c, e.reg(0), e.reg(1), x2, e.reg(3));
    }

    /**
     * The payload a free-running guest writes before a send whose x3 is {@code base} (Hafnium ignores x3): byte j is
     * {@code base + j}. The base depends only on the sending VM and the random seed, so vCPUs of one VM that write
     * their shared send page concurrently write identical bytes.
     */
    static byte[] pattern(long base, int size) {
        byte[] b = new byte[size];
        for (int j = 0; j < size; j++) {
            b[j] = (byte) (base + j);
        }
        return b;
    }
}
