package org.hfmailbox.refinement.validate;

import org.hfmailbox.refinement.perprocess.PerProcessValidator;
import org.hfmailbox.refinement.perprocess.ProcessVerdict;
import org.hfmailbox.refinement.support.ScenarioTraces;
import org.hfmailbox.refinement.support.TeethCases;
import org.hfmailbox.refinement.tlc.SpecSource;
import org.hfmailbox.refinement.trace.TraceReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast path (in process) and the one-TLC-process-per-trace path (spec/TraceMailbox.tla) reach the same verdict
 * (accepted, or rejected at the same event) on every scenario trace and every teeth trace.
 */
class AgreementTest {
    private record Item(String label, List<String> lines) {
    }

    @Test
    void fastPathAndPerProcessPathAgree() throws Exception {
        Path root = SpecSource.projectRoot();
        List<Item> items = new ArrayList<>();
        for (ScenarioTraces.Run r : ScenarioTraces.bothSemantics()) {
            items.add(new Item("scenario-" + r.label(), r.lines()));
        }
        int scenarios = items.size();
        TeethCases.generate(1, 300).values().forEach(cs -> cs.forEach(c -> items.add(new Item("teeth-" + c.label(),
                c.lines()))));
        Validator fast = new Validator(SpecSource.mailbox(root, Path.of("target", "tlc")));
        PerProcessValidator slow = new PerProcessValidator(root.resolve("spec"),
                Path.of("target", "per-process").toAbsolutePath());
        Path dir = Path.of("target", "traces", "agreement");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<ProcessVerdict>> pending = new ArrayList<>();
        for (Item it : items) {
            Path f = ScenarioTraces.save(dir, it.label() + ".ndjson", it.lines());
            pending.add(pool.submit(() -> slow.validate(f)));
        }
        List<String> disagreements = new ArrayList<>();
        int rejected = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            Verdict v = fast.validate(new TraceReader().parse(it.label(), it.lines()));
            ProcessVerdict p = pending.get(i).get();
            long fastSeq = v.rejection().map(Rejection::seq).orElse(-1L);
            long slowSeq = p.accepted() ? -1 : p.rejectedSeq().orElse(-2);
            rejected += v.accepted() ? 0 : 1;
            if (v.accepted() != p.accepted() || fastSeq != slowSeq) {
                disagreements.add(it.label() + ": in process " + (v.accepted() ? "accepted" : "rejected at "
                        + fastSeq) + ", per process " + (p.accepted() ? "accepted" : "rejected at " + slowSeq)
                        + " (TLC exit " + p.exitCode() + ")");
            }
        }
        pool.shutdown();
        System.out.printf("agreement: %d traces (%d scenario, %d teeth; %d rejected by both), %d disagreements, "
                + "%.1f s%n", items.size(), scenarios, items.size() - scenarios, rejected, disagreements.size(),
                (System.nanoTime() - t0) / 1e9);
        assertTrue(disagreements.isEmpty(), String.join("\n", disagreements));
        assertTrue(rejected > 0 && rejected < items.size());
    }
}
