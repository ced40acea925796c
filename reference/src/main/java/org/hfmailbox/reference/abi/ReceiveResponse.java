package org.hfmailbox.reference.abi;

/** HF_MAILBOX_RECEIVE_RESPONSE(vm_id, size) = (vm_id &amp; 0xffff) | (size &lt;&lt; 32). */
public record ReceiveResponse(int vmId, long size) {
    public ReceiveResponse {
        if (vmId < 0 || vmId > 0xffff) {
            throw new IllegalArgumentException("receive response vm_id out of 16 bits: " + vmId);
        }
        if (size < 0 || size > 0xffffffffL) {
            throw new IllegalArgumentException("receive response size out of 32 bits: " + size);
        }
    }

    public long encode() {
        return encode(vmId, size);
    }

    public static long encode(int vmId, long size) {
        return (vmId & 0xffffL) | ((size & 0xffffffffL) << 32);
    }

    /** Decodes VM_ID = bits 0..15 and SIZE = bits 32..63 (so -1 decodes as 0xffff, 0xffffffff). */
    public static ReceiveResponse decode(long value) {
        return new ReceiveResponse((int) (value & 0xffff), value >>> 32);
    }
}
