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
 * The model-derived scenarios (walks of TLC's state graph of the {@code small} configuration, concretised by the
 * refinement module into refinement-tests/target/model-scenarios/, which the reactor builds before this module),
 * run on the reference and replayed at EL2 in the semantics they were derived in. Fails when they are missing:
 * run the refinement-tests module first (./mailbox test does).
 */
class ModelScenarioReplayTest {
    static Path modelScenarios() {
        return Path.of(System.getProperty("mailbox.root", "..")).resolve("refinement-tests").resolve("target")
                .resolve("model-scenarios");
    }

    @Test
    void everyModelDerivedScenarioAgrees() throws Exception {
        Path dir = modelScenarios();
        assertTrue(Files.isDirectory(dir), "no model-derived scenarios at " + dir
                + ": the refinement-tests module writes them (mvn -pl refinement-tests -am verify, or ./mailbox test)");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        }
        assertTrue(files.size() >= 10, "expected the model-derived scenarios in " + dir + ", found " + files.size());
        List<ReferenceTrace> traces = new ArrayList<>();
        int steps = 0;
        for (Path f : files) {
            ScenarioTraces.Result r = ScenarioTraces.run(f, Semantics.corrected());
            assertTrue(r.validFor(), f + " is not valid in the semantics it was derived in");
            assertTrue(r.passed(), f + " failed on the reference: " + r.failure());
            traces.add(r.trace());
            steps += r.trace().events().size();
        }
        TestSupport.assertAllAgree(TestSupport.replayer().replay(traces));
        System.out.printf("model-derived scenarios replayed at EL2: %d scenarios, %d steps%n", traces.size(), steps);
    }
}
