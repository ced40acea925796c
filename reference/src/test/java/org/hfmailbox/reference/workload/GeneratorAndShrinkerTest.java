package org.hfmailbox.reference.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.hfmailbox.reference.Action;
import org.hfmailbox.reference.Hypervisor;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.reference.scenario.Scenario;
import org.hfmailbox.reference.scenario.ScenarioParser;
import org.hfmailbox.reference.scenario.ScenarioRunner;
import org.hfmailbox.reference.trace.InMemoryTrace;
import org.hfmailbox.reference.trace.TraceEvent;
import org.hfmailbox.reference.trace.TraceSink;
import org.junit.jupiter.api.Test;

/** Forced mapping failures in generated workloads; payload shrinking; the bench's workload set. */
class GeneratorAndShrinkerTest {
    private static List<TraceEvent> events(Workload w) {
        InMemoryTrace t = new InMemoryTrace();
        WorkloadRunner.replay(new Hypervisor(w.shape(), w.semantics(), t), w);
        return t.events();
    }

    private static List<byte[]> delivered(Workload w) {
        List<byte[]> out = new ArrayList<>();
        for (TraceEvent e : events(w)) {
            if (e.payloadLength() >= 0) {
                out.add(e.payload());
            }
        }
        return out;
    }

    private static void assertReplaysAsScenario(Workload w, String comment) {
        String text = ScenarioPrinter.print(w, comment);
        try {
            Scenario sc = ScenarioParser.parse("printed.scn", text);
            ScenarioRunner.Outcome o = ScenarioRunner.run(sc, null, TraceSink.NONE, new PrintWriter(new StringWriter()));
            assertTrue(o.passed(), o.failure() + "\n" + text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    @Test
    void generatedWorkloadsSometimesForceEachMappingFailure() {
        int send = 0;
        int recv = 0;
        Workload example = null;
        for (int i = 0; i < 300; i++) {
            Workload w = WorkloadGenerator.generate(500 + i, SystemShape.defaultShape(), Semantics.corrected(), 60);
            for (TraceEvent e : events(w)) {
                if (e.action() == Action.VM_CONFIGURE && e.arg("pages").equals("send_map_fails")) {
                    send++;
                    example = w;
                    assertEquals(-1, e.ret().encoding(), "a forced mapping failure fails the configure");
                    assertTrue(e.changes().isEmpty(), "and changes nothing");
                } else if (e.action() == Action.VM_CONFIGURE && e.arg("pages").equals("recv_map_fails")) {
                    recv++;
                    assertEquals(-1, e.ret().encoding());
                    assertTrue(e.changes().isEmpty());
                }
            }
        }
        assertTrue(send >= 5 && recv >= 5, "send_map_fails " + send + ", recv_map_fails " + recv);
        assertNotNull(example);
        assertTrue(ScenarioPrinter.print(example, "x").contains(" map_fails="), "printed as map_fails=");
        assertReplaysAsScenario(example, "a workload that forces a mapping failure");
    }

    @Test
    void aForcedFailureAppliesToItsStepOnly() {
        Workload w = WorkloadGenerator.generate(1, SystemShape.defaultShape(), Semantics.corrected(), 1);
        long send = 0x4000_0000L;
        long recv = 0x4000_1000L;
        List<WorkloadStep> steps = List.of(
                WorkloadStep.hvcForcing(0, 0xff01, 0, 0, 0, org.hfmailbox.reference.MapFailure.SEND),
                WorkloadStep.hvc(0, 0xff03, send, recv, 0, null));
        List<TraceEvent> ev = events(w.withSteps(steps));
        assertEquals("valid", ev.get(1).arg("pages"), "an unconsumed forced failure is withdrawn after its step");
        assertEquals(0, ev.get(1).ret().encoding());
    }

    @Test
    void theShrinkerShrinksPayloadsToTheShortestSeqPattern() {
        Predicate<Workload> fails = w -> delivered(w).stream().anyMatch(p -> p.length >= 100);
        Workload found = null;
        for (int i = 0; found == null && i < 200; i++) {
            Workload w = WorkloadGenerator.generate(900 + i, SystemShape.defaultShape(), Semantics.corrected(), 60);
            if (fails.test(w)) {
                found = w;
            }
        }
        assertNotNull(found);
        Workload small = Shrinker.shrink(found, fails);
        assertTrue(fails.test(small));
        List<byte[]> got = delivered(small);
        assertEquals(1, got.size(), "one delivery is left");
        assertArrayEquals(Payloads.seq(100), got.get(0), "the shortest failing payload, as the seq pattern");
        WorkloadStep sendStep = small.steps().stream().filter(s -> s.payload() != null).findFirst().orElseThrow();
        assertEquals(100, sendStep.x2(), "the size register follows the payload");
        String text = ScenarioPrinter.print(small, "payload shrink");
        assertTrue(text.contains("pattern=seq:100"), text);
        assertReplaysAsScenario(small, "payload shrink");
    }

    @Test
    void theShrinkerKeepsTheBytesAFailureNeeds() {
        Workload found = null;
        byte wanted = 0;
        for (int i = 0; found == null && i < 200; i++) {
            Workload w = WorkloadGenerator.generate(1300 + i, SystemShape.defaultShape(), Semantics.corrected(), 60);
            for (byte[] p : delivered(w)) {
                if (p.length > 10 && p[5] != 5) {
                    found = w;
                    wanted = p[5];
                    break;
                }
            }
        }
        assertNotNull(found);
        byte b = wanted;
        Predicate<Workload> fails = w -> delivered(w).stream().anyMatch(p -> p.length > 5 && p[5] == b);
        Workload small = Shrinker.shrink(found, fails);
        List<byte[]> got = delivered(small);
        assertEquals(1, got.size());
        assertEquals(6, got.get(0).length, "truncated to the shortest length that keeps byte 5");
        assertEquals(b, got.get(0)[5]);
    }

    @Test
    void theBenchReplaysDistinctPregeneratedWorkloads() throws Exception {
        ReferenceBench bench = ReferenceBench.generate(30, 50, 11, Semantics.corrected());
        assertEquals(30, bench.workloadCount());
        assertEquals(30, bench.distinctWorkloads());
        assertEquals(30 * 50, bench.stepsPerPass());
        ReferenceBench.Run u = bench.untraced();
        assertEquals(bench.hypercallsPerPass(), u.hypercalls());
        assertTrue(u.hypercalls() > 30 * 20 && u.nanos() > 0);
        Path file = Files.createTempFile("bench-test-", ".ndjson");
        try {
            ReferenceBench.Run t = bench.traced(file);
            assertEquals(u.hypercalls(), t.hypercalls());
            List<String> lines = Files.readAllLines(file);
            assertEquals(30, lines.stream().filter(l -> l.startsWith("{\"format\"")).count(), "one trace each");
            int took = 0;
            for (int i = 0; i < 30; i++) {
                Workload w = WorkloadGenerator.generate(11 + i, SystemShape.defaultShape(), Semantics.corrected(), 50);
                took += events(w).size();
            }
            assertEquals(30 + took, lines.size(), "a header and one line per step that took effect");
        } finally {
            Files.deleteIfExists(file);
        }
        for (int size : bench.payloadSizes()) {
            assertTrue(size >= 0 && size <= 4096);
        }
    }
}
