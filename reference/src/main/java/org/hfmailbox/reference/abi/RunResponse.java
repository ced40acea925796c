package org.hfmailbox.reference.abi;

/**
 * HF_VCPU_RUN_RESPONSE(code, vm_id, data) = (code &amp; 0xff) | ((vm_id &amp; 0xffff) &lt;&lt; 16) | (data &lt;&lt; 32).
 * The fields hold the decoded values exactly: {@code vmId} 0..0xffff, {@code data} 0..0xffffffff.
 */
public record RunResponse(RunCode code, int vmId, long data) {
    public RunResponse {
        if (code == null) {
            throw new IllegalArgumentException("run response code is null");
        }
        if (vmId < 0 || vmId > 0xffff) {
            throw new IllegalArgumentException("run response vm_id out of 16 bits: " + vmId);
        }
        if (data < 0 || data > 0xffffffffL) {
            throw new IllegalArgumentException("run response data out of 32 bits: " + data);
        }
    }

    public long encode() {
        return encode(code, vmId, data);
    }

    public static long encode(RunCode code, int vmId, long data) {
        return (code.value() & 0xffL) | ((vmId & 0xffffL) << 16) | ((data & 0xffffffffL) << 32);
    }

    /** Decodes CODE = bits 0..7, VM_ID = bits 16..31, DATA = bits 32..63; null if the code is not a run code. */
    public static RunResponse decode(long value) {
        RunCode code = RunCode.ofValue((int) (value & 0xff));
        if (code == null) {
            return null;
        }
        return new RunResponse(code, (int) ((value >>> 16) & 0xffff), value >>> 32);
    }
}
