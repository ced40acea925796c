package org.hfmailbox.harness;

/**
 * The CONTENTION record of a free-running trace, summed over its CPUs: how many acquisitions of a vm.lock, a
 * vcpu.lock, a cpu.lock or another lock (the UART's) found the lock held and had to spin, how many exclusive
 * stores of a lock acquisition failed, how many exclusive stores of the sequence-number fetch-add failed, and
 * whether some CPU's record buffer overflowed.
 */
public record El2Contention(long vmLock, long vcpuLock, long cpuLock, long otherLock, long stxrFailures,
                            long seqRetries, boolean overflow) {
    /** Contended acquisitions of Hafnium's own locks (vm, vcpu and cpu locks) plus failed exclusive stores on them. */
    public long hafniumLockContention() {
        return vmLock + vcpuLock + cpuLock + stxrFailures;
    }

    public El2Contention plus(El2Contention o) {
        return new El2Contention(vmLock + o.vmLock, vcpuLock + o.vcpuLock, cpuLock + o.cpuLock,
                otherLock + o.otherLock, stxrFailures + o.stxrFailures, seqRetries + o.seqRetries,
                overflow || o.overflow);
    }

    public static El2Contention none() {
        return new El2Contention(0, 0, 0, 0, 0, 0, false);
    }

    public String describe() {
        return "contended acquisitions: vm.lock " + vmLock + ", vcpu.lock " + vcpuLock + ", cpu.lock " + cpuLock
                + ", other " + otherLock + "; failed stxr in sl_lock " + stxrFailures
                + "; sequence-number fetch-add retries " + seqRetries + (overflow ? "; RECORD BUFFER OVERFLOW" : "");
    }
}
