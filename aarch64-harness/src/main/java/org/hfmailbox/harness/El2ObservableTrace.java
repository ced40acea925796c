package org.hfmailbox.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.hfmailbox.reference.Semantics;

/**
 * The EL2 harness's own trace of a run, in the observable-only form of docs/trace-format.md, written from its event
 * records alone, that is from its own registers and memory: per step the CPU, the actor, the handler it ran, the
 * guest's x0..x3 (steps entered by an HVC), the x0 it handed the guest (or none), the vCPU running on the CPU after
 * the step, and a delivery's copy (recipient, sender, size). No spec variable: the frontier validator reconstructs
 * the states. Free-running traces are validated in this form.
 */
public final class El2ObservableTrace {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private El2ObservableTrace() {
    }

    /** The NDJSON lines (header first) of the image's records of one run. */
    public static List<String> lines(ReplayInput in, El2TraceResult r) {
        List<String> names = new ArrayList<>();
        for (int b = 0; b < El2Layout.CORRECTIONS.size(); b++) {
            if ((in.corrections() >>> b & 1) != 0) {
                names.add(El2Layout.CORRECTIONS.get(b));
            }
        }
        List<String> out = new ArrayList<>();
        ObjectNode h = MAPPER.createObjectNode();
        h.put("format", "hafnium-mailbox-trace");
        h.put("version", 1);
        h.put("form", "observable");
        Semantics sem = Semantics.of(names);
        h.put("semantics", sem.name());
        ArrayNode corr = h.putArray("corrections");
        sem.names().forEach(corr::add);
        ObjectNode shape = h.putObject("shape");
        shape.put("cpus", in.cpus());
        ArrayNode counts = shape.putArray("vcpu_count");
        in.vcpuCount().forEach(counts::add);
        out.add(write(h));
        for (El2Event e : r.events()) {
            out.add(write(event(e)));
        }
        return out;
    }

    private static ObjectNode event(El2Event e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("seq", e.seq());
        n.put("cpu", e.cpu());
        ObjectNode actor = n.putObject("actor");
        if (e.actorIsVcpu()) {
            actor.put("vm", e.actorVm());
            actor.put("vcpu", e.actorVcpu());
        } else {
            actor.put("cpu", e.cpu());
        }
        n.put("action", e.action() == null ? "#" + e.actionId() : e.action().jsonName());
        if (e.action() != null && e.action().stepKind() == StepKind.HVC) {
            ObjectNode regs = n.putObject("regs");
            for (int i = 0; i < 4; i++) {
                regs.put("x" + i, String.format("0x%016x", e.reg(i)));
            }
        }
        ObjectNode ret = n.putObject("ret");
        if (e.hasRet()) {
            ret.put("hex", String.format("0x%016x", e.ret()));
        } else {
            ret.put("kind", "none");
        }
        ArrayNode running = n.putArray("running");
        if ((e.runningRef() & 1) != 0) {
            running.add((e.runningRef() >>> 8) & 0xff);
            running.add((e.runningRef() >>> 16) & 0xff);
        }
        if (e.hasCopy()) {
            ObjectNode c = n.putObject("copied");
            c.put("to", e.copiedTo());
            c.put("from", e.copiedFrom());
            c.put("size", e.copiedSize());
        }
        return n;
    }

    private static String write(ObjectNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
