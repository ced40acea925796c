package org.hfmailbox.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hfmailbox.reference.abi.HfAbi;
import org.hfmailbox.reference.abi.Ret;
import org.hfmailbox.reference.trace.InMemoryTrace;
import org.hfmailbox.reference.trace.TraceEvent;

/** A traced hypervisor with helpers for unit tests; every test ends by validating the trace against the schema. */
class HvFixture {
    final InMemoryTrace trace = new InMemoryTrace();
    final Hypervisor hv;

    HvFixture(SystemShape shape, Semantics semantics) {
        this(shape, semantics, Faults.none());
    }

    HvFixture(SystemShape shape, Semantics semantics, Faults faults) {
        hv = new Hypervisor(shape, semantics, MemoryLayout.defaultLayout(shape.vmCount()), faults, trace);
    }

    static long sendPage(int vm) {
        return MemoryLayout.defaultBase(vm);
    }

    static long recvPage(int vm) {
        return MemoryLayout.defaultBase(vm) + HfAbi.PAGE_SIZE;
    }

    StepResult call(int cpu, long x0, long x1, long x2) {
        StepResult r = hv.hvc(cpu, x0, x1, x2, 0);
        checkAfterStep(r);
        return r;
    }

    StepResult cont(int cpu) {
        StepResult r = hv.continueStep(cpu);
        checkAfterStep(r);
        return r;
    }

    private void checkAfterStep(StepResult r) {
        if (r.took()) {
            TraceEvent e = trace.last();
            assertEquals(r.action(), e.action());
        }
    }

    /** Runs CPU {@code cpu}'s continuations until it is back in a guest (or off); returns the last result. */
    StepResult settle(int cpu) {
        StepResult last = null;
        while (hv.nextStepKind(cpu).isContinuation()) {
            last = cont(cpu);
            assertTrue(last.took(), "continuation not enabled: " + last.reason());
        }
        return last;
    }

    /** An hvc that returns at once; asserts it returned and gives x0. */
    long ret(int cpu, long x0, long x1, long x2) {
        StepResult r = call(cpu, x0, x1, x2);
        assertEquals(StepResult.Outcome.RETURNED, r.outcome(), "expected a return, got " + r);
        return r.x0();
    }

    /** Configures VM {@code vm}'s default pages from the guest on {@code cpu}; asserts 0. */
    void configure(int cpu, int vm) {
        assertEquals(vm, hv.current(cpu).vm());
        assertEquals(0, ret(cpu, HfAbi.HF_VM_CONFIGURE, sendPage(vm), recvPage(vm)));
    }

    /** The primary on {@code cpu} runs vCPU (k, i) and the switch completes; returns the vcpu_switch result. */
    StepResult run(int cpu, int k, int i) {
        StepResult r = call(cpu, HfAbi.HF_VCPU_RUN, k, i);
        assertEquals(StepResult.Outcome.CONTINUES, r.outcome(), "vcpu_run did not switch: " + r);
        StepResult s = settle(cpu);
        assertEquals(new VcpuId(k, i), hv.current(cpu));
        return s;
    }

    /** Completes a switch back to the primary; returns the run result the primary observes. */
    Ret backToPrimary(int cpu) {
        StepResult s = settle(cpu);
        assertEquals(new VcpuId(0, cpu), hv.current(cpu));
        return s.ret();
    }

    void assertTraceValid() {
        TraceSchemaCheck.assertValid(trace.toLines());
    }
}
