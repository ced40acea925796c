package org.hfmailbox.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Compares what the image recorded for a trace with the reference trace: the initial state, then per event the
 * CPU, the MPIDR of the CPU that executed it, the action, the actor, the return value (exact 64-bit encoding, or
 * none), the hash of delivered payload bytes, and the whole state after the step (the header plus every change so
 * far, on both sides). And the guest's own register check: a guest may find its registers changed across a resume
 * only after the reference resumed it from a context whose save had not completed (aa039b39's window: a
 * {@code vcpu_switch} loading a vCPU whose {@code regs_available} is false); from then on its register buffer is
 * not trusted (a late save may overwrite it again). Reports the first divergence.
 */
public final class TraceComparator {
    private TraceComparator() {
    }

    /** The first divergence, or null when the image agrees on every step. */
    public static Divergence compare(ReferenceTrace ref, El2TraceResult el2) {
        El2Snapshot layout = new El2Snapshot(ref.cpus(), ref.vcpuCount());
        long[] expected = layout.encode(ref.header().path("init"));
        long[] actual = el2.initWords();
        if (actual.length != expected.length) {
            return new Divergence(0, 1, "snapshot size", String.valueOf(expected.length), String.valueOf(actual.length));
        }
        Divergence d = compareWords(layout, expected, actual, 0, 1);
        if (d != null) {
            return d;
        }
        List<El2Event> events = el2.events();
        java.util.Set<String> unsavedResumes = new java.util.HashSet<>();
        Map<String, JsonNode> refState = new java.util.HashMap<>();
        ref.header().path("init").fields().forEachRemaining(f -> refState.put(f.getKey(), f.getValue()));
        for (int n = 0; n < ref.events().size(); n++) {
            JsonNode e = ref.events().get(n);
            long seq = e.path("seq").asLong();
            int line = ref.lines().get(n);
            int cpu = e.path("cpu").asInt();
            if ("vcpu_switch".equals(e.path("action").asText())) {
                JsonNode next = refState.get("cpu_op").path(cpu).path("next");
                if (!refState.get("regs_available").path(next.path(0).asInt()).path(next.path(1).asInt())
                        .asBoolean(true)) {
                    unsavedResumes.add(next.path(0).asInt() + "," + next.path(1).asInt());
                }
            }
            if (n >= events.size()) {
                String why = el2.end() == null ? "the EL2 run stopped (no TRACE_END record)" : el2.end().describe();
                return new Divergence(seq, line, "event", e.path("action").asText() + " on CPU " + e.path("cpu").asInt(),
                        "no event: " + why);
            }
            El2Event x = events.get(n);
            d = compareEvent(e, x, seq, line);
            if (d != null) {
                return d;
            }
            if (x.guestCheck() != 0 && !unsavedResumes.contains(x.actorVm() + "," + x.actorVcpu())) {
                return new Divergence(seq, line, "guest registers of <<" + x.actorVm() + ", " + x.actorVcpu() + ">>",
                        "kept across its last resume (a saved context)",
                        GuestRegister.name(x.guestCheck() - 1) + " changed");
            }
            for (Map.Entry<String, JsonNode> c : (Iterable<Map.Entry<String, JsonNode>>) e.path("changes")::fields) {
                layout.apply(c.getKey(), c.getValue(), expected);
                refState.put(c.getKey(), c.getValue());
            }
            d = compareObservables(e, x, refState.get("current").path(cpu), seq, line);
            if (d != null) {
                return d;
            }
            x.applyTo(actual);
            d = compareWords(layout, expected, actual, seq, line);
            if (d != null) {
                return d;
            }
        }
        if (events.size() > ref.events().size()) {
            El2Event x = events.get(ref.events().size());
            return new Divergence(x.seq(), 0, "event", "end of trace", actionName(x) + " on CPU " + x.cpu());
        }
        if (el2.end() == null) {
            return new Divergence(ref.events().size(), 0, "trace end", "completed", "no TRACE_END record");
        }
        if (!el2.end().ok()) {
            return new Divergence(el2.end().stepIndex() + 1, 0, "trace end", "completed", el2.end().describe());
        }
        return null;
    }

    private static Divergence compareEvent(JsonNode e, El2Event x, long seq, int line) {
        if (x.seq() != seq) {
            return new Divergence(seq, line, "seq", String.valueOf(seq), String.valueOf(x.seq()));
        }
        int cpu = e.path("cpu").asInt();
        if (x.cpu() != cpu) {
            return new Divergence(seq, line, "cpu", String.valueOf(cpu), String.valueOf(x.cpu()));
        }
        if (x.mpidrCpu() != cpu) {
            return new Divergence(seq, line, "MPIDR_EL1 (Aff0)", String.valueOf(cpu),
                    String.format("%d (MPIDR_EL1 0x%x)", x.mpidrCpu(), x.mpidr()));
        }
        String action = e.path("action").asText();
        if (!action.equals(actionName(x))) {
            return new Divergence(seq, line, "action", action, actionName(x));
        }
        JsonNode actor = e.path("actor");
        String refActor = actor.has("vm") ? "<<" + actor.path("vm").asInt() + ", " + actor.path("vcpu").asInt() + ">>"
                : "cpu " + actor.path("cpu").asInt();
        String el2Actor = x.actorIsVcpu() ? "<<" + x.actorVm() + ", " + x.actorVcpu() + ">>" : "cpu " + x.cpu();
        if (!refActor.equals(el2Actor)) {
            return new Divergence(seq, line, "actor", refActor, el2Actor);
        }
        JsonNode ret = e.path("ret");
        boolean refHas = !"none".equals(ret.path("kind").asText());
        if (refHas != x.hasRet() || (refHas && El2Snapshot.hex(ret) != x.ret())) {
            return new Divergence(seq, line, "ret", refHas ? ret.toString() : "none",
                    x.hasRet() ? String.format("0x%016x", x.ret()) : "none");
        }
        if (e.has("payload")) {
            byte[] payload = TraceReader.parseBytes(e.path("payload").asText());
            long want = payload == null ? 0 : Fnv.hash(payload);
            if (!x.hasAux() || x.aux() != want) {
                return new Divergence(seq, line, "delivered bytes (FNV-1a of the recipient's receive page)",
                        String.format("0x%016x", want), x.hasAux() ? String.format("0x%016x", x.aux()) : "none");
            }
        }
        return null;
    }

    /** The observable-form facts EL2 recorded: the vCPU now running on the CPU, and a delivery's copy. */
    private static Divergence compareObservables(JsonNode e, El2Event x, JsonNode current, long seq, int line) {
        String want = current.size() == 2 ? "<<" + current.get(0).asInt() + ", " + current.get(1).asInt() + ">>"
                : "<<>>";
        String got = El2Snapshot.vcpuRefText(x.runningRef());
        if (!want.equals(got)) {
            return new Divergence(seq, line, "running (the vCPU current on the CPU after the step)", want, got);
        }
        if (e.has("payload")) {
            int size = e.path("payload").asText().length() / 2;
            int from = e.path("actor").path("vm").asInt();
            if (!x.hasCopy() || x.copiedSize() != size || x.copiedFrom() != from) {
                return new Divergence(seq, line, "copied (sender, size)", from + ", " + size,
                        x.hasCopy() ? x.copiedFrom() + ", " + x.copiedSize() : "no copy");
            }
        } else if (x.hasCopy()) {
            return new Divergence(seq, line, "copied", "no copy", x.copiedFrom() + ", " + x.copiedSize());
        }
        return null;
    }

    private static Divergence compareWords(El2Snapshot layout, long[] expected, long[] actual, long seq, int line) {
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                List<El2Snapshot.FieldDifference> fields = layout.explain(i, expected[i], actual[i]);
                if (fields.isEmpty()) {
                    return new Divergence(seq, line, "snapshot word " + i, String.format("0x%016x", expected[i]),
                            String.format("0x%016x", actual[i]));
                }
                El2Snapshot.FieldDifference f = fields.get(0);
                return new Divergence(seq, line, f.field(), f.reference(), f.el2());
            }
        }
        return null;
    }

    private static String actionName(El2Event x) {
        return x.action() == null ? "#" + x.actionId() : x.action().jsonName();
    }
}
