package org.hfmailbox.harness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hfmailbox.reference.Semantics;
import org.junit.jupiter.api.Test;

/**
 * Every scenario under scenarios/ (including subdirectories, where model-derived scenarios land) that is valid for
 * a semantics, run on the reference and replayed at EL2.
 */
class ScenarioReplayTest {
    static Path scenarios() {
        return Path.of(System.getProperty("mailbox.root", "..")).resolve("scenarios");
    }

    @Test
    void everyScenarioAgreesInBothSemantics() throws Exception {
        List<ReferenceTrace> traces = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(scenarios())) {
            files = s.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        }
        assertTrue(files.size() >= 10, "expected the scenario library under " + scenarios() + ", found " + files);
        for (Path f : files) {
            for (Semantics sem : List.of(Semantics.corrected(), Semantics.aa039b39())) {
                ScenarioTraces.Result r = ScenarioTraces.run(f, sem);
                if (r.validFor()) {
                    traces.add(r.trace());
                }
            }
        }
        assertTrue(traces.size() >= files.size(), "too few scenario traces: " + traces.size());
        TestSupport.assertAllAgree(TestSupport.replayer().replay(traces));
    }
}
