package org.hfmailbox.harness;

/**
 * One EVENT record of the EL2 image: the step's sequence number, CPU, action, actor, MPIDR_EL1 of the CPU that
 * executed it, its return value (when it has one), the FNV-1a hash of delivered bytes (when it has one), the
 * guest's x0..x3 of the step, the guest's register check ({@code guestCheck}: 0, or the id + 1 of the first
 * register the acting guest found changed across its last resume, {@link GuestRegister}), the vCPU running on the
 * CPU after the step ({@code runningRef}) and the step's copy ({@code copied}: 1 | recipient << 8 | sender << 16 |
 * size << 32, 0 when it copied nothing): the observable facts (docs/trace-format.md's observable form), then the
 * snapshot fields it changed: per field the word index, the value and the mask of the bits the step wrote (all ones
 * for a whole word). Immutable.
 */
public record El2Event(long seq, int cpu, El2Action action, int actionId, boolean hasRet, boolean hasAux,
                       int actorRef, long mpidr, long ret, long aux, long[] regs, int[] changedIndex,
                       long[] changedValue, long[] changedMask, int guestCheck, int runningRef, long copied) {
    public El2Event {
        regs = regs.clone();
        changedIndex = changedIndex.clone();
        changedValue = changedValue.clone();
        changedMask = changedMask.clone();
        if (changedValue.length != changedIndex.length || changedMask.length != changedIndex.length) {
            throw new IllegalArgumentException("changed index, value and mask differ in length");
        }
    }

    /** The guest's x0..x3 of the step (zero for continuations, CPU-level steps and IRQs). */
    public long reg(int i) {
        return regs[i];
    }

    /** Applies the changed fields to a snapshot: the masked bits of each word take the recorded value. */
    public void applyTo(long[] words) {
        for (int i = 0; i < changedIndex.length; i++) {
            int w = changedIndex[i];
            if (w >= 0 && w < words.length) {
                words[w] = (words[w] & ~changedMask[i]) | (changedValue[i] & changedMask[i]);
            }
        }
    }

    public boolean actorIsVcpu() {
        return (actorRef & 1) != 0;
    }

    public int actorVm() {
        return (actorRef >>> 8) & 0xff;
    }

    public int actorVcpu() {
        return (actorRef >>> 16) & 0xff;
    }

    /** Whether the step copied a message. */
    public boolean hasCopy() {
        return (copied & 1) != 0;
    }

    public int copiedTo() {
        return (int) ((copied >>> 8) & 0xff);
    }

    public int copiedFrom() {
        return (int) ((copied >>> 16) & 0xff);
    }

    public int copiedSize() {
        return (int) (copied >>> 32);
    }

    /** Affinity level 0 of MPIDR_EL1: the QEMU CPU index for -smp up to 8. */
    public int mpidrCpu() {
        return (int) (mpidr & 0xff);
    }
}
