package org.hfmailbox.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes each send of a trace writes into its VM's send page before the call, as far as the trace shows them. A
 * trace carries only what deliveries copied ({@code payload}); vCPUs of one VM share its send page, so a delivery may
 * copy bytes another vCPU's later send wrote over the first one's. Each written byte is therefore the one the first
 * later delivery from that VM reads at that offset before any other send of the VM writes it again (zero when no
 * delivery reads it). Replaying these writes in the trace's order leaves the page as every delivery found it.
 */
final class SendPageWrites {
    private SendPageWrites() {
    }

    /** Per event index, the bytes its send writes (null for other events and sends that write nothing). */
    static byte[][] of(ReferenceTrace t) {
        List<JsonNode> ev = t.events();
        byte[][] out = new byte[ev.size()][];
        int vms = t.vcpuCount().size();
        boolean[] configured = new boolean[vms];
        List<List<Integer>> writesOf = new ArrayList<>();
        for (int k = 0; k < vms; k++) {
            writesOf.add(new ArrayList<>());
        }
        List<Integer> pending = new ArrayList<>();      // per VM, the open writes (event index), oldest first
        for (int n = 0; n < ev.size(); n++) {
            JsonNode e = ev.get(n);
            String action = e.path("action").asText();
            int vm = e.path("actor").path("vm").asInt(-1);
            if (action.equals("vm_configure") && "int".equals(e.path("ret").path("kind").asText())
                    && e.path("ret").path("value").asLong(-1) == 0) {
                configured[vm] = true;
            } else if (action.equals("mailbox_send") && vm >= 0 && configured[vm]) {
                Long size = TraceReader.parseHex(e.path("regs").path("x2").asText());
                if (size != null && Long.compareUnsigned(size, El2Layout.MAX_PAYLOAD) <= 0) {
                    out[n] = new byte[(int) (long) size];
                    writesOf.get(vm).add(n);
                }
            } else if (action.equals("mailbox_send_deliver") && e.has("payload") && vm >= 0) {
                byte[] read = TraceReader.parseBytes(e.path("payload").asText());
                if (read != null) {
                    fill(out, writesOf.get(vm), read);
                }
            }
        }
        return out;
    }

    /**
     * A delivery read {@code read}: each byte j came from the latest send before it that wrote byte j; fill it in
     * unless a later delivery already did (the latest writer's byte is read by the first delivery after it).
     */
    private static void fill(byte[][] out, List<Integer> writes, byte[] read) {
        for (int j = 0; j < read.length; j++) {
            for (int w = writes.size() - 1; w >= 0; w--) {
                byte[] bytes = out[writes.get(w)];
                if (j < bytes.length) {
                    bytes[j] = read[j];
                    break;
                }
            }
        }
    }
}
