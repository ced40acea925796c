package org.hfmailbox.reference.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hfmailbox.reference.Correction;
import org.hfmailbox.reference.Fault;
import org.hfmailbox.reference.Faults;
import org.hfmailbox.reference.Hypervisor;
import org.hfmailbox.reference.MemoryLayout;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.StepResult;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.reference.TraceSchemaCheck;
import org.hfmailbox.reference.abi.HfAbi;
import org.hfmailbox.reference.trace.InMemoryTrace;
import org.hfmailbox.reference.trace.NdjsonTraceWriter;
import org.hfmailbox.reference.trace.TraceSink;
import org.junit.jupiter.api.Test;

/**
 * The speed-ups change no behaviour: a reset hypervisor replays exactly as a new one, and the streaming NDJSON
 * writer (no event objects) writes exactly the lines of the event-building path.
 */
class ReuseAndStreamingTest {
    private static final Faults[] FAULTS = {Faults.none(), Faults.of(Fault.WRONG_RETURN_ENCODING),
        Faults.of(Fault.SKIP_WAITER_POP), Faults.correctionOff(Correction.RETVAL_BEFORE_PUBLISH)};

    private static Workload workload(int i) {
        Semantics sem = i % 3 == 0 ? Semantics.aa039b39() : Semantics.corrected();
        return i % 2 == 0 ? WorkloadGenerator.generateRandomShape(7000 + i, sem, 100)
                : WorkloadGenerator.generate(7000 + i, SystemShape.defaultShape(), sem, 100);
    }

    private static Hypervisor hypervisor(Workload w, Faults faults, TraceSink sink) {
        return new Hypervisor(w.shape(), w.semantics(), MemoryLayout.defaultLayout(w.shape().vmCount()), faults,
                sink);
    }

    private static List<StepResult> replay(Hypervisor hv, Workload w) {
        List<StepResult> out = new ArrayList<>();
        for (WorkloadStep s : w.steps()) {
            out.add(WorkloadRunner.step(hv, s));
        }
        return out;
    }

    @Test
    void aResetHypervisorReplaysExactlyAsANewOne() {
        for (int i = 0; i < 120; i++) {
            Workload w = workload(i);
            Faults faults = FAULTS[i % FAULTS.length];
            InMemoryTrace fresh = new InMemoryTrace();
            List<StepResult> expected = replay(hypervisor(w, faults, fresh), w);

            InMemoryTrace reused = new InMemoryTrace();
            Hypervisor hv = hypervisor(w, faults, reused);
            replay(hv, workload(i + 1).shape().equals(w.shape()) ? workload(i + 1) : w); // dirty it first
            long[] pages = {hv.sendPageIpa(1), hv.recvPageIpa(1)};
            hv.reset();
            for (long page : pages) {
                if (page >= 0) {
                    assertArrayEquals(new byte[HfAbi.PAGE_SIZE], hv.readGuest(1, page, HfAbi.PAGE_SIZE),
                            "guest memory reads zero after reset");
                }
            }
            int headerAt = reused.events().size();
            assertEquals(hypervisor(w, faults, TraceSink.NONE).snapshot(), hv.snapshot(), "boot state");
            List<StepResult> got = replay(hv, w);
            assertEquals(expected, got, "step results, workload " + i);
            List<String> want = fresh.toLines();
            List<String> lines = reused.toLines();
            assertEquals(want.get(0), lines.get(0), "the header after reset");
            assertEquals(want.subList(1, want.size()), lines.subList(1 + headerAt, lines.size()),
                    "events after reset, workload " + i);
        }
    }

    @Test
    void theStreamingWriterWritesTheLinesOfTheEventPath() {
        for (int i = 0; i < 150; i++) {
            Workload w = workload(i);
            Faults faults = FAULTS[i % FAULTS.length];
            InMemoryTrace events = new InMemoryTrace();
            replay(hypervisor(w, faults, events), w);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (NdjsonTraceWriter writer = new NdjsonTraceWriter(bytes)) {
                replay(hypervisor(w, faults, writer), w);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            String expected = String.join("\n", events.toLines()) + "\n";
            assertEquals(expected, bytes.toString(StandardCharsets.UTF_8), "workload " + i + " " + faults);
            if (i % 10 == 0) {
                TraceSchemaCheck.assertValid(events.toLines());
            }
        }
    }

    @Test
    void oneWriterHoldsSeveralTracesWhenTheHypervisorIsReset() {
        Workload a = WorkloadGenerator.generate(1, SystemShape.defaultShape(), Semantics.corrected(), 80);
        Workload b = WorkloadGenerator.generate(2, SystemShape.defaultShape(), Semantics.corrected(), 80);
        StringBuilder expected = new StringBuilder();
        for (Workload w : List.of(a, b)) {
            InMemoryTrace t = new InMemoryTrace();
            replay(hypervisor(w, Faults.none(), t), w);
            expected.append(String.join("\n", t.toLines())).append('\n');
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (NdjsonTraceWriter writer = new NdjsonTraceWriter(bytes)) {
            Hypervisor hv = hypervisor(a, Faults.none(), writer);
            replay(hv, a);
            hv.reset();
            replay(hv, b);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        String got = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(expected.toString(), got);
        assertEquals(2, Arrays.stream(got.split("\n")).filter(l -> l.startsWith("{\"format\"")).count());
        assertTrue(got.contains("\n{\"seq\":1,"), "the second trace numbers its events from 1");
    }
}
