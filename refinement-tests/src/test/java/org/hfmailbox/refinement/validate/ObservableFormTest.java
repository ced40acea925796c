package org.hfmailbox.refinement.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hfmailbox.reference.Faults;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.reference.workload.Workload;
import org.hfmailbox.reference.workload.WorkloadGenerator;
import org.hfmailbox.refinement.support.ScenarioTraces;
import org.hfmailbox.refinement.tlc.SpecSource;
import org.hfmailbox.refinement.trace.ObservableProjection;
import org.hfmailbox.refinement.trace.Trace;
import org.hfmailbox.refinement.trace.TraceFormatException;
import org.hfmailbox.refinement.trace.TraceReader;
import org.hfmailbox.refinement.workload.WorkloadTraces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The observable-only form (docs/trace-format.md) and its frontier validation: every reference trace (scenarios in
 * both semantics, generated workloads of the default and of random shapes) is validated both ways, full-state and
 * projected to the observable form, and the two verdicts agree; a corrupted observable value is rejected at its
 * event, naming the field and the candidate states; malformed observable input is an input error naming line and
 * field.
 */
class ObservableFormTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Validator validator;

    @BeforeAll
    static void load() {
        validator = new Validator(SpecSource.mailbox(SpecSource.projectRoot(), Path.of("target", "tlc")));
    }

    /** Both ways on one reference trace: null when they agree (both accept, or both reject at one event). */
    private static String disagreement(String label, List<String> lines, int[] frontierMax) throws Exception {
        Verdict full = validator.validate(new TraceReader().parse(label, lines));
        Verdict obs = validator.validate(new TraceReader().parse(label + " (observable)",
                ObservableProjection.project(lines)));
        frontierMax[0] = Math.max(frontierMax[0], obs.frontier().max());
        if (full.accepted() != obs.accepted() || full.eventsAccepted() != obs.eventsAccepted()) {
            return label + ": full " + full.rejection().map(Rejection::describe).orElse("accepted")
                    + " / observable " + obs.rejection().map(Rejection::describe).orElse("accepted");
        }
        return full.accepted() ? null : label + ": rejected both ways: " + full.rejection().orElseThrow().describe();
    }

    @Test
    void everyScenarioTraceIsAcceptedBothWays() throws Exception {
        List<String> problems = new ArrayList<>();
        int[] frontier = {0};
        long steps = 0;
        List<ScenarioTraces.Run> runs = ScenarioTraces.bothSemantics();
        for (ScenarioTraces.Run r : runs) {
            String d = disagreement(r.label(), r.lines(), frontier);
            if (d != null) {
                problems.add(d);
            }
            steps += r.lines().size() - 1;
        }
        System.out.printf("scenario traces both ways: %d traces, %d steps, largest frontier %d%n", runs.size(),
                steps, frontier[0]);
        assertTrue(runs.size() >= 2);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void generatedWorkloadsAreAcceptedBothWays() throws Exception {
        List<String> problems = new ArrayList<>();
        int[] frontier = {0};
        long steps = 0;
        int traces = 0;
        long t0 = System.nanoTime();
        for (Semantics sem : List.of(Semantics.corrected(), Semantics.aa039b39())) {
            for (long seed = 0; seed < 100; seed++) {
                Workload w = seed < 80 ? WorkloadGenerator.generate(7_000 + seed, SystemShape.defaultShape(), sem, 80)
                        : WorkloadGenerator.generateRandomShape(7_000 + seed, sem, 80);
                List<String> lines = WorkloadTraces.trace(w, Faults.none());
                String d = disagreement("workload seed " + (7_000 + seed) + "@" + sem.name(), lines, frontier);
                if (d != null) {
                    problems.add(d);
                }
                steps += lines.size() - 1;
                traces++;
            }
        }
        System.out.printf("generated workloads both ways: %d traces, %d steps, largest frontier %d, %.1f s%n",
                traces, steps, frontier[0], (System.nanoTime() - t0) / 1e9);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** A scenario trace with a delivery and a vm_configure, projected. */
    private static List<String> observableLines() {
        ScenarioTraces.Run run = ScenarioTraces.bothSemantics().stream()
                .filter(r -> r.semantics().equals(Semantics.corrected()))
                .filter(r -> r.lines().stream().anyMatch(l -> l.contains("\"payload\"")))
                .findFirst().orElseThrow();
        return ObservableProjection.project(run.lines());
    }

    @Test
    void aWrongObservedReturnIsRejectedAtItsEventWithTheCandidates() throws Exception {
        List<String> lines = new ArrayList<>(observableLines());
        int at = -1;
        for (int i = 1; i < lines.size() && at < 0; i++) {
            if (lines.get(i).contains("\"hex\"")) {
                at = i;
            }
        }
        ObjectNode e = (ObjectNode) JSON.readTree(lines.get(at));
        long hex = Long.parseUnsignedLong(e.path("ret").path("hex").asText().substring(2), 16);
        ((ObjectNode) e.get("ret")).put("hex", String.format("0x%016x", hex ^ 0x100));
        lines.set(at, JSON.writeValueAsString(e));
        Verdict v = validator.validate(new TraceReader().parse("wrong-ret", lines));
        assertFalse(v.accepted());
        Rejection r = v.rejection().orElseThrow();
        assertEquals(at, r.seq(), r.describe());
        assertTrue(r.variables().contains("step.ret"), r.describe());
        assertEquals(1, r.candidates().size(), r.describe());
        assertTrue(r.candidates().get(0).contains("/\\ mailbox_state = "), r.candidates().get(0));
        assertTrue(r.describe().contains("frontier of 1 candidate state"), r.describe());
        System.out.println("example observable rejection: " + r.describe());
    }

    @Test
    void aWrongRunningVcpuOrCopiedMessageIsRejected() throws Exception {
        List<String> base = observableLines();
        for (String field : List.of("running", "copied")) {
            List<String> lines = new ArrayList<>(base);
            int at = -1;
            for (int i = 1; i < lines.size() && at < 0; i++) {
                if (JSON.readTree(lines.get(i)).has(field) && (field.equals("copied")
                        || JSON.readTree(lines.get(i)).path(field).size() == 2)) {
                    at = i;
                }
            }
            ObjectNode e = (ObjectNode) JSON.readTree(lines.get(at));
            if (field.equals("running")) {
                e.putArray("running");
            } else {
                ((ObjectNode) e.get("copied")).put("size", e.path("copied").path("size").asInt() + 1);
            }
            lines.set(at, JSON.writeValueAsString(e));
            Verdict v = validator.validate(new TraceReader().parse("wrong-" + field, lines));
            assertFalse(v.accepted(), field);
            assertEquals(at, v.rejection().orElseThrow().seq(), v.rejection().orElseThrow().describe());
            assertTrue(v.rejection().orElseThrow().variables().contains(field),
                    v.rejection().orElseThrow().describe());
        }
    }

    /**
     * A hand-written observable trace of the default shape whose first event, a {@code vcpu_run} without registers or
     * arguments, leaves two candidates (VM 1's and VM 2's vCPU 0 are both ready at boot); the switch that follows
     * shows which ran. With the wrong vCPU there, the rejection shows both candidates.
     */
    @Test
    void aFrontierOfTwoStatesNarrowsAtTheNextObservation() throws Exception {
        String header = "{\"format\":\"hafnium-mailbox-trace\",\"version\":1,\"form\":\"observable\","
                + "\"semantics\":\"corrected\",\"corrections\":" + JSON.writeValueAsString(
                        org.hfmailbox.refinement.trace.Corrections.ALL)
                + ",\"shape\":{\"cpus\":2,\"vcpu_count\":[2,2,1]}}";
        String run = "{\"seq\":1,\"cpu\":0,\"actor\":{\"vm\":0,\"vcpu\":0},\"action\":\"vcpu_run\","
                + "\"ret\":{\"kind\":\"none\"},\"running\":[0,0]}";
        String switched = "{\"seq\":2,\"cpu\":0,\"actor\":{\"cpu\":0},\"action\":\"vcpu_switch\","
                + "\"ret\":{\"hex\":\"0x0000000000000000\"},\"running\":[2,0]}";
        Verdict v = validator.validate(new TraceReader().parse("two", List.of(header, run, switched)));
        assertTrue(v.accepted(), () -> v.rejection().orElseThrow().describe());
        assertEquals(2, v.frontier().max());
        assertEquals(1.5, v.frontier().mean());
        Verdict w = validator.validate(new TraceReader().parse("two-wrong",
                List.of(header, run, switched.replace("[2,0]", "[1,1]"))));
        assertFalse(w.accepted());
        Rejection r = w.rejection().orElseThrow();
        assertEquals(2, r.seq(), r.describe());
        assertEquals(2, r.candidates().size(), r.describe());
        assertTrue(r.describe().contains("frontier of 2 candidate states"), r.describe());
        assertTrue(r.variables().contains("running"), r.describe());
        System.out.println("example rejection with two candidates: " + r.describe());
    }

    @Test
    void malformedObservableInputNamesLineAndField() throws Exception {
        List<String> good = observableLines();
        String header = good.get(0);
        String event = good.get(1);
        ObjectNode withInit = (ObjectNode) JSON.readTree(header);
        withInit.putObject("init");
        expectError(List.of(JSON.writeValueAsString(withInit), event), 1, "init");
        ObjectNode badForm = (ObjectNode) JSON.readTree(header);
        badForm.put("form", "partial");
        expectError(List.of(JSON.writeValueAsString(badForm), event), 1, "form");
        ObjectNode withChanges = (ObjectNode) JSON.readTree(event);
        withChanges.putObject("changes");
        expectError(List.of(header, JSON.writeValueAsString(withChanges)), 2, "changes");
        ObjectNode badRet = (ObjectNode) JSON.readTree(event);
        badRet.putObject("ret").put("kind", "int");
        expectError(List.of(header, JSON.writeValueAsString(badRet)), 2, "ret");
        ObjectNode badRunning = (ObjectNode) JSON.readTree(event);
        badRunning.putArray("running").add(7).add(0);
        expectError(List.of(header, JSON.writeValueAsString(badRunning)), 2, "running");
        ObjectNode noRunning = (ObjectNode) JSON.readTree(event);
        noRunning.remove("running");
        expectError(List.of(header, JSON.writeValueAsString(noRunning)), 2, "running");
        ObjectNode badCopied = (ObjectNode) JSON.readTree(event);
        badCopied.putObject("copied").put("to", 9).put("from", 0).put("size", 1);
        expectError(List.of(header, JSON.writeValueAsString(badCopied)), 2, "copied.to");
    }

    private static void expectError(List<String> lines, int line, String field) {
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> new TraceReader().parse("t.ndjson", lines));
        assertTrue(e.getMessage().startsWith("t.ndjson:" + line + ": field '" + field + "'"), e.getMessage());
    }

    @Test
    void theProjectionKeepsOnlyObservedFields() throws Exception {
        Trace t = new TraceReader().parse("p", observableLines());
        assertTrue(t.header().observable());
        assertEquals(null, t.header().init());
        assertTrue(t.events().stream().allMatch(e -> e.changes() == null && e.args() == null && e.running() != null));
        assertTrue(t.events().stream().anyMatch(e -> e.copied() != null));
        assertTrue(t.events().stream().allMatch(e -> e.ret().size() == 1));
    }
}
