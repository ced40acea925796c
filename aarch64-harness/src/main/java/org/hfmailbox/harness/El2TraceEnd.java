package org.hfmailbox.harness;

/** The TRACE_END record: the status the image ended a trace with, at which step, and the status's details. */
public record El2TraceEnd(int traceIndex, int status, long stepIndex, long info0, long info1, long info2, long info3,
                          long cpu) {
    public static final int OK = 0;
    public static final int STEP_KIND = 1;
    public static final int GUEST_ABORT = 2;
    public static final int GUEST_CHECK = 3;
    public static final int LOWER_EXCEPTION = 4;
    public static final int NOT_MODELLED = 5;
    public static final int RECORD_OVERFLOW = 6;
    public static final int GUEST_FAULT = 7;

    public boolean ok() {
        return status == OK;
    }

    /** A sentence for a report. */
    public String describe() {
        String at = " at step index " + stepIndex + " (seq " + (stepIndex + 1) + ") on CPU " + cpu;
        return switch (status) {
            case OK -> "completed";
            case STEP_KIND -> "the step's kind does not fit the CPU's state in EL2" + at + ": cpu_op id " + info0
                    + ", step kind " + info1 + (info2 != 0 ? ", exception class 0x" + Long.toHexString(info2) : "");
            case GUEST_ABORT -> "stage-2 abort from guest " + El2Snapshot.vcpuRefText((int) info3) + at
                    + ": ESR_EL2=0x" + Long.toHexString(info0) + " FAR_EL2=0x" + Long.toHexString(info1)
                    + " faulting IPA=0x" + Long.toHexString(info2);
            case GUEST_CHECK -> "the guest " + El2Snapshot.vcpuRefText((int) info3)
                    + " found its registers corrupted after a resume" + at + ": observed x0 0x"
                    + Long.toHexString(info0) + ", delivered 0x" + Long.toHexString(info1) + ", check flag " + info2;
            case LOWER_EXCEPTION -> "unexpected exception from a guest" + at + ": ESR_EL2/vector 0x"
                    + Long.toHexString(info0) + " ELR_EL2=0x" + Long.toHexString(info1) + " FAR_EL2=0x"
                    + Long.toHexString(info2);
            case NOT_MODELLED -> "the guest called PSCI function 0x" + Long.toHexString(info0)
                    + " (SYSTEM_OFF/RESET), which the model has no step for" + at;
            case RECORD_OVERFLOW -> "a CPU's event record buffer overflowed (contended free-running: too many steps "
                    + "for the image's " + (El2Layout.RECORD_BUFFER_BYTES >> 10) + " KiB per CPU)";
            case GUEST_FAULT -> "the guest " + El2Snapshot.vcpuRefText((int) info3) + " took an exception at EL1"
                    + at + ": ESR_EL1=0x" + Long.toHexString(info0) + " (EC 0x" + Long.toHexString(info0 >>> 26 & 0x3f)
                    + ") FAR_EL1=0x" + Long.toHexString(info1) + " ELR_EL1=0x" + Long.toHexString(info2);
            default -> "unknown status " + status + at;
        };
    }
}
