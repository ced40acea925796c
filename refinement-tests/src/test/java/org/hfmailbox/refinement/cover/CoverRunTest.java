package org.hfmailbox.refinement.cover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hfmailbox.refinement.tlc.SpecSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A covering run of the liveness configuration (1 CPU, every edge of its graph) in this module's levels: every
 * required edge concretised, taken by the reference and accepted both ways. Its EL2 level here is a stand-in that
 * fails every trace, so every required edge must be listed as not taken at EL2, with the stand-in's reason.
 */
class CoverRunTest {
    @Test
    void livenessEveryEdgeAtEveryLevelAndMissingEdgesListedWithTheReason() throws Exception {
        Path out = Path.of("target", "cover-test", "liveness").toAbsolutePath();
        List<Integer> replayed = new ArrayList<>();
        Replay failing = traces -> {
            replayed.add(traces.size());
            return traces.stream().map(t -> new Replay.Result(new LevelOutcome(0, "stand-in EL2 refuses "
                    + t.name()), List.of())).toList();
        };
        CoverFigures f = new CoverRun(SpecSource.projectRoot(), out, System.out)
                .run(new CoverRun.Options("liveness", 100, 1, 2000, 20, 2, true, true, false), failing);
        assertEquals(f.graphEdges(), f.plan().required());
        for (CoverLevel l : List.of(CoverLevel.CONCRETISED, CoverLevel.REFERENCE, CoverLevel.VALIDATOR,
                CoverLevel.VALIDATOR_OBSERVABLE)) {
            assertEquals(f.plan().required(), f.requiredTaken().get(l), l + " did not take every edge");
            assertEquals(f.plan().steps(), f.stepsTaken().get(l), l + " did not take every step");
        }
        assertEquals(0, f.requiredTaken().get(CoverLevel.EL2));
        assertEquals(0, f.requiredTaken().get(CoverLevel.EL2_OBSERVABLE));
        assertFalse(f.complete());
        assertEquals(f.plan().walks().size(), replayed.stream().mapToInt(Integer::intValue).sum());
        assertTrue(replayed.size() > 1, "expected several batches of 20 walks");
        assertEquals(1, f.frontierMax());

        JsonNode index = new ObjectMapper().readTree(out.resolve("index.json").toFile());
        assertEquals(f.graphEdges(), index.path("graph").path("edges").asInt());
        assertEquals(100.0, index.path("levels").path("validator_observable").path("percent").asDouble());
        assertEquals(f.plan().required(), index.path("levels").path("el2").path("not_taken").asInt());
        assertFalse(index.path("complete").asBoolean());
        List<String> missing = Files.readAllLines(out.resolve("not-taken.ndjson"));
        assertEquals(2 * f.plan().required(), missing.size(), "each edge missing at el2 and el2_observable");
        JsonNode first = new ObjectMapper().readTree(missing.get(0));
        assertEquals("el2", first.path("level").asText());
        assertTrue(first.path("reason").asText().contains("stand-in EL2 refuses walk-"), first.toString());
        try (Stream<Path> s = Files.list(out.resolve("scenarios"))) {
            assertEquals(f.plan().walks().size(), s.filter(p -> p.toString().endsWith(".scn")).count());
        }
    }

    @Test
    void anUnknownConfigurationIsAnInputError() {
        CoverInputException e = assertThrows(CoverInputException.class, () -> new CoverRun(SpecSource.projectRoot(),
                Path.of("target", "cover-test", "x").toAbsolutePath(), System.out)
                .run(new CoverRun.Options("no-such-config", 100, 1, 0, 10, 1, true, false, false), null));
        assertTrue(e.getMessage().contains("no configuration \"no-such-config\""), e.getMessage());
    }

    @Test
    void aSeededShareIsTheSameEveryTime() {
        List<org.hfmailbox.refinement.model.StateGraph.Edge> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            all.add(new org.hfmailbox.refinement.model.StateGraph.Edge(i, i + 1, "a"));
        }
        assertEquals(CoverRun.share(all, 5, 11), CoverRun.share(all, 5, 11));
        assertEquals(50, CoverRun.share(all, 5, 11).size());
        assertFalse(CoverRun.share(all, 5, 11).equals(CoverRun.share(all, 5, 12)));
    }
}
