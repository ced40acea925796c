package org.hfmailbox.harness;

import java.util.List;

/**
 * What the watchdog found when a run did not finish in time: the trace that was running (its index in the boot),
 * per CPU its program counter, exception level and the word it waited on (named: a vm.lock, a vcpu.lock, a
 * register buffer lock, a regs_available flag, the step counter, ...), how many bytes of unflushed event records it
 * saved from guest memory (the traces finished before the hang are kept), and the error the trace had already
 * ended with on some CPU, if any (null). Immutable.
 */
public record HangReport(long traceIndex, List<Cpu> cpus, int salvagedBytes, String traceError) {
    public HangReport {
        cpus = List.copyOf(cpus);
    }

    /** One CPU: its PC and exception level (QEMU's monitor) and the word it spins on (its CPU_SPIN), if any. */
    public record Cpu(int cpu, long pc, String el, long spinAddress, String spinsOn) {
        public String describe() {
            return "CPU " + cpu + " at PC 0x" + Long.toHexString(pc) + " (" + el + ")"
                    + (spinsOn == null ? (el.startsWith("EL1") ? ", in a guest" : ", not waiting on a lock")
                    : ", waiting on " + spinsOn);
        }
    }

    public String describe() {
        StringBuilder sb = new StringBuilder("watchdog: trace " + traceIndex + " of this boot hung: ");
        for (int i = 0; i < cpus.size(); i++) {
            sb.append(i == 0 ? "" : "; ").append(cpus.get(i).describe());
        }
        if (traceError != null) {
            sb.append("; the trace had ended in error before: ").append(traceError);
        }
        return sb.toString();
    }
}
