package org.hfmailbox.refinement.workload;

import org.hfmailbox.reference.Faults;
import org.hfmailbox.reference.Hypervisor;
import org.hfmailbox.reference.MemoryLayout;
import org.hfmailbox.reference.trace.InMemoryTrace;
import org.hfmailbox.reference.workload.Workload;
import org.hfmailbox.reference.workload.WorkloadRunner;

import java.util.List;

/** Runs a workload on the reference (default memory layout) and returns its trace as NDJSON lines. */
public final class WorkloadTraces {
    private WorkloadTraces() {
    }

    public static List<String> trace(Workload w, Faults faults) {
        InMemoryTrace sink = new InMemoryTrace();
        Hypervisor hv = new Hypervisor(w.shape(), w.semantics(), MemoryLayout.defaultLayout(w.shape().vmCount()),
                faults, sink);
        WorkloadRunner.replay(hv, w);
        return sink.toLines();
    }
}
