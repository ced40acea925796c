package org.hfmailbox.reference;

/** A vCPU {@code <<k, i>>} (VM id, vCPU index); {@link #NONE} is {@code <<>>} ("no vCPU"). */
public record VcpuId(int vm, int idx) {
    public static final VcpuId NONE = new VcpuId(-1, -1);

    public boolean isNone() {
        return vm < 0;
    }

    @Override
    public String toString() {
        return isNone() ? "<<>>" : "<<" + vm + ", " + idx + ">>";
    }
}
