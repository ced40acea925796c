package org.hfmailbox.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a reference trace into the image's input: one step per event, in order. Guest actions keep the trace's
 * registers, vm_configure's addresses included: the image builds each VM's stage 2 from the trace's memory layout,
 * so unaligned, unmapped and other VMs' pages fail there as they did on the reference. Two rules remain: a forced
 * hypervisor mapping failure (the model's abstraction, {@code send_map_fails}/{@code recv_map_fails}) becomes a step
 * flag, and psci_cpu_on's entry (x2) is the guest program's entry (the reference does not run code). Before a send
 * the guest writes its VM's send page (the send address of the VM's successful vm_configure) as the reference's
 * caller did; the bytes are those the trace's deliveries read ({@link SendPageWrites}). Expected results never reach
 * the image.
 */
public final class TraceTranslator {
    private TraceTranslator() {
    }

    public static ReplayInput translate(ReferenceTrace t) throws HarnessInputException {
        int cpus = t.cpus();
        List<Integer> counts = t.vcpuCount();
        long corrections = El2Layout.correctionBits(t.corrections());
        if (corrections < 0) {
            throw new HarnessInputException(t.file(), 1, "corrections", "unknown correction in " + t.corrections());
        }
        String layoutProblem = t.layout().vmCount() != counts.size()
                ? "the layout names " + t.layout().vmCount() + " VMs, the shape " + counts.size()
                : t.layout().problem();
        if (layoutProblem != null) {
            throw new HarnessInputException(t.file(), 1, "memory layout", layoutProblem);
        }
        List<Long> initX0 = new ArrayList<>();
        JsonNode saved = t.header().path("init").path("saved_x0");
        for (int k = 0; k < counts.size(); k++) {
            for (int i = 0; i < counts.get(k); i++) {
                initX0.add(El2Snapshot.hex(saved.path(k).path(i)));
            }
        }
        long[] sendPage = new long[counts.size()];
        List<JsonNode> ev = t.events();
        byte[][] written = SendPageWrites.of(t);
        List<ReplayStep> steps = new ArrayList<>(ev.size());
        for (int n = 0; n < ev.size(); n++) {
            JsonNode e = ev.get(n);
            int line = t.lines().get(n);
            int cpu = e.path("cpu").asInt();
            El2Action action = El2Action.ofName(e.path("action").asText());
            StepKind kind = action.stepKind();
            if (kind != StepKind.HVC) {
                steps.add(new ReplayStep(cpu, kind, 0, 0, 0, 0, 0, null));
                continue;
            }
            JsonNode regs = e.path("regs");
            long x0 = TraceReader.parseHex(regs.path("x0").asText());
            long x1 = TraceReader.parseHex(regs.path("x1").asText());
            long x2 = TraceReader.parseHex(regs.path("x2").asText());
            long x3 = TraceReader.parseHex(regs.path("x3").asText());
            int vm = e.path("actor").path("vm").asInt();
            int flags = 0;
            byte[] payload = null;
            switch (action) {
                case VM_CONFIGURE -> {
                    String pages = e.path("args").path("pages").asText();
                    switch (pages) {
                        case "valid", "unaligned", "unmapped", "same_page" -> { }
                        case "send_map_fails" -> flags = El2Layout.SEND_MAP_FAILS;
                        case "recv_map_fails" -> flags = El2Layout.RECV_MAP_FAILS;
                        default -> throw new HarnessInputException(t.file(), line, "args.pages",
                                "unknown pages class \"" + pages + "\"");
                    }
                    if (isInt(e.path("ret"), 0)) {
                        sendPage[vm] = x1;
                    }
                }
                case PSCI_CPU_ON -> x2 = El2Layout.PRIV_IPA;
                case MAILBOX_SEND -> payload = written[n];
                default -> { }
            }
            steps.add(new ReplayStep(cpu, StepKind.HVC, x0, x1, x2, x3, flags, payload,
                    payload == null ? 0 : sendPage[vm]));
        }
        try {
            return new ReplayInput(t.file(), cpus, counts, corrections, initX0, steps, t.layout());
        } catch (IllegalArgumentException e) {
            throw new HarnessInputException(t.file(), 1, "shape", e.getMessage());
        }
    }

    private static boolean isInt(JsonNode ret, long value) {
        return "int".equals(ret.path("kind").asText()) && ret.path("value").asLong(-1) == value;
    }
}
