package org.hfmailbox.harness;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hfmailbox.reference.MemoryRange;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;

/**
 * A fuzz campaign at EL2 ({@code ./mailbox fuzz --level el2}): fuzzed workloads (random 64-bit x0..x3 from every
 * VM, mixed with meaningful calls; the reference says what Hafnium returns) replayed at EL2 and compared, each
 * followed by a load from a random address by a guest running at the end (own memory, another VM's, random 32- and
 * 64-bit addresses), which must fault at stage 2 exactly when the VM's stage 2 does not map it (FAR and the faulting
 * IPA reported), fault at the guest's EL1 (its vector table) when the address is beyond its physical address space,
 * and otherwise complete. Counted: calls made, EL2 exceptions (want 0), hypervisor state changed by a step that
 * returned an error (want 0), divergences from the reference (want 0), stage-2 faults and EL1 faults reported,
 * probes whose outcome was wrong (want 0).
 */
public final class El2Fuzz {
    private static final int TRACES_PER_BOOT = 400;
    /** Beyond this the guest's EL1 (MMU off) cannot address: cortex-a57's 44-bit physical address space. */
    private static final long PA_LIMIT = 1L << 44;

    private final Replayer replayer;
    private final PrintStream progress;

    public El2Fuzz(Replayer replayer, PrintStream progress) {
        this.replayer = replayer;
        this.progress = progress;
    }

    /** The campaign's counts. */
    public record Summary(long traces, long calls, long el2Exceptions, long errorStateChanges, long divergences,
                          long stage2Faults, long el1Faults, long loadsCompleted, long wrongProbes,
                          List<String> firstProblems) {
        public boolean ok() {
            return el2Exceptions == 0 && errorStateChanges == 0 && divergences == 0 && wrongProbes == 0;
        }

        public String describe() {
            return String.format("%d traces: %d calls made, %d EL2 exceptions, %d error returns that changed "
                    + "hypervisor state, %d divergences from the reference; probes: %d stage-2 faults reported, %d "
                    + "EL1 faults reported, %d loads completed, %d wrong", traces, calls, el2Exceptions,
                    errorStateChanges, divergences, stage2Faults, el1Faults, loadsCompleted, wrongProbes);
        }
    }

    private static final class Counts {
        long traces;
        long calls;
        long el2Exceptions;
        long errorStateChanges;
        long divergences;
        long stage2Faults;
        long el1Faults;
        long loads;
        long wrong;
        final List<String> problems = new ArrayList<>();

        void problem(String p) {
            if (problems.size() < 10) {
                problems.add(p);
            }
        }

        Summary summary() {
            return new Summary(traces, calls, el2Exceptions, errorStateChanges, divergences, stage2Faults, el1Faults,
                    loads, wrong, problems);
        }
    }

    public Summary run(SystemShape shape, List<Semantics> semantics, long firstSeed, int traces, int steps)
            throws HarnessRunException, HarnessInputException {
        Counts c = new Counts();
        long start = System.nanoTime();
        for (Semantics sem : semantics) {
            for (long from = firstSeed; from < firstSeed + traces; from += TRACES_PER_BOOT) {
                long to = Math.min(firstSeed + traces, from + TRACES_PER_BOOT);
                List<ReferenceTrace> refs = new ArrayList<>();
                List<ReplayInput> inputs = new ArrayList<>();
                List<Probe> probes = new ArrayList<>();
                for (long seed = from; seed < to; seed++) {
                    ReferenceTrace t = RandomWorkload.referenceTrace(shape, sem, seed, steps, true);
                    ReplayInput in = TraceTranslator.translate(t);
                    Probe p = Probe.choose(t, new Random(seed * 31 + 7));
                    List<ReplayStep> all = new ArrayList<>(in.steps());
                    if (p != null) {
                        all.add(ReplayStep.of(p.cpu, StepKind.TOUCH, 0, p.address, 0, 0));
                    }
                    refs.add(t);
                    probes.add(p);
                    inputs.add(new ReplayInput(in.name(), in.cpus(), in.vcpuCount(), in.corrections(), in.initX0(),
                            all, in.layout()));
                }
                List<Replayer.TraceRun> runs = replayer.runAll(inputs);
                for (int i = 0; i < refs.size(); i++) {
                    judge(refs.get(i), probes.get(i), runs.get(i), c);
                }
                progress.printf("fuzz --level el2: %s, random seeds %d..%d: %s (%.0f s)%n", sem.name(), from, to - 1,
                        c.summary().describe(), (System.nanoTime() - start) / 1e9);
            }
        }
        return c.summary();
    }

    private static void judge(ReferenceTrace ref, Probe p, Replayer.TraceRun run, Counts c) {
        c.traces++;
        c.calls += ref.events().stream().filter(e -> e.has("regs")).count();
        El2TraceResult r = run.result();
        if (r != null && run.el2Exception()) {
            c.el2Exceptions++;
        }
        if (r == null) {
            c.el2Exceptions += run.el2Exception() ? 1 : 0;
            c.divergences++;
            c.problem(ref.file() + ": " + run.failure());
            return;
        }
        int n = ref.events().size();
        List<El2Event> events = r.events();
        El2TraceResult prefix = new El2TraceResult(r.traceIndex(), r.initWords(),
                events.subList(0, Math.min(n, events.size())), new El2TraceEnd(r.traceIndex(), El2TraceEnd.OK, n,
                0, 0, 0, 0, 0), r.contention());
        Divergence d = TraceComparator.compare(ref, prefix);
        if (d != null || events.size() < n) {
            c.divergences++;
            c.problem(ref.file() + ": " + (d != null ? d.describe() : "EL2 stopped after " + events.size()
                    + " events: " + (r.end() == null ? run.failure() : r.end().describe())));
            return;
        }
        El2Snapshot layout = new El2Snapshot(ref.cpus(), ref.vcpuCount());
        long[] w = r.initWords();
        for (int i = 0; i < n; i++) {
            El2Event e = events.get(i);
            long[] before = w.clone();
            e.applyTo(w);
            if (e.actorIsVcpu() && e.hasRet() && e.ret() < 0) {      // a call's error return
                for (int k = 0; k < w.length; k++) {
                    if (layout.changesHypervisorState(k, before[k], w[k])) {
                        c.errorStateChanges++;
                        c.problem(ref.file() + ": seq " + e.seq() + " (" + e.action().jsonName() + ") returned "
                                + e.ret() + " and changed snapshot word " + k);
                        break;
                    }
                }
            }
        }
        if (p != null) {
            probe(ref, p, r, events.size() > n ? events.get(n) : null, c);
        }
    }

    private static void probe(ReferenceTrace ref, Probe p, El2TraceResult r, El2Event after, Counts c) {
        El2TraceEnd end = r.end();
        String what = String.format("%s: load from 0x%x by <<%d, %d>>", ref.file(), p.address, p.vm, p.vcpu);
        boolean wrong;
        if (p.expect == Expect.LOAD) {
            wrong = after == null || after.action() != El2Action.VM_GET_COUNT || end == null || !end.ok();
            c.loads += wrong ? 0 : 1;
        } else if (p.expect == Expect.STAGE2) {
            wrong = end == null || end.status() != El2TraceEnd.GUEST_ABORT || end.info1() != p.address
                    || (end.info2() & ~0xfffL) != (p.address & ~0xfffL);
            c.stage2Faults += wrong ? 0 : 1;
        } else {
            wrong = end == null || end.status() != El2TraceEnd.GUEST_FAULT || end.info1() != p.address;
            c.el1Faults += wrong ? 0 : 1;
        }
        if (wrong) {
            c.wrong++;
            c.problem(what + ": expected " + p.expect + ", EL2: " + (end == null ? "no end" : end.describe()));
        }
    }

    private enum Expect { LOAD, STAGE2, EL1_FAULT }

    /** A load from a random address by the vCPU running on a CPU at the end of the trace, and what must happen. */
    private record Probe(int cpu, int vm, int vcpu, long address, Expect expect) {
        static Probe choose(ReferenceTrace t, Random random) {
            El2Snapshot s = new El2Snapshot(t.cpus(), t.vcpuCount());
            long[] w = s.encode(t.header().path("init"));
            for (var e : t.events()) {
                e.path("changes").fields().forEachRemaining(f -> s.apply(f.getKey(), f.getValue(), w));
            }
            List<Integer> cpus = new ArrayList<>();
            for (int c = 0; c < t.cpus(); c++) {
                if (s.inGuest(w, c) && s.current(w, c) != null) {
                    cpus.add(c);
                }
            }
            if (cpus.isEmpty()) {
                return null;
            }
            int cpu = cpus.get(random.nextInt(cpus.size()));
            int[] v = s.current(w, cpu);
            VmLayout layout = t.layout();
            int roll = random.nextInt(10);
            long a;
            if (roll < 7) {
                int vm = roll < 4 ? v[0] : random.nextInt(layout.vmCount());
                List<MemoryRange> ranges = layout.ranges().get(vm);
                MemoryRange r = ranges.isEmpty() ? new MemoryRange(0x1000, 0x1000) : ranges.get(random.nextInt(
                        ranges.size()));
                a = r.base() + (Math.floorMod(random.nextLong(), r.size()) & ~7L);
            } else if (roll < 9) {
                a = random.nextLong() & 0xffff_fff8L;
            } else {
                a = random.nextLong() & ~7L;
            }
            Expect expect;
            if (Long.compareUnsigned(a, PA_LIMIT) >= 0) {
                expect = Expect.EL1_FAULT;
            } else if (mapped(layout, v[0], a)) {
                expect = Expect.LOAD;
            } else {
                expect = Expect.STAGE2;
            }
            return new Probe(cpu, v[0], v[1], a, expect);
        }

        private static boolean mapped(VmLayout layout, int vm, long a) {
            for (MemoryRange r : layout.ranges().get(vm)) {
                if (r.contains(a)) {
                    return true;
                }
            }
            long off = a - El2Layout.PRIV_IPA;
            return off >= 0 && (off < 0x18_000L || (off >= 0x20_000L && off < 0x30_000L));
        }
    }
}
