package org.hfmailbox.harness;

/** The FATAL record: an exception taken at EL2 itself (a defect of the EL2 code), with its syndrome registers. */
public record El2Fatal(long esr, long elr, long far, long spsr, int cpu) {
    public String describe() {
        return "exception at EL2 on CPU " + cpu + ": ESR_EL2=0x" + Long.toHexString(esr) + " ELR_EL2=0x"
                + Long.toHexString(elr) + " FAR_EL2=0x" + Long.toHexString(far) + " SPSR_EL2=0x"
                + Long.toHexString(spsr);
    }
}
