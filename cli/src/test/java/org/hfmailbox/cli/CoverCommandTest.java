package org.hfmailbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./mailbox cover} in CI's bounded form, at every level (the reference, the validator both ways, EL2 under
 * QEMU; the test fails when the image or QEMU is missing): every edge of the 1-CPU configurations of both semantics
 * ({@code liveness}, {@code aa039b39-liveness}) and a fixed share of {@code small} drawn with a fixed random seed;
 * then the exit paths for bad input.
 */
class CoverCommandTest {
    /** The share of small's edges CI requires (drawn with random seed 11). */
    static final String SMALL_SHARE = "20";

    @TempDir
    Path tmp;

    private JsonNode cover(String config, String... more) throws Exception {
        Path out = tmp.resolve(config);
        String[] args = new String[4 + more.length];
        args[0] = "cover";
        args[1] = "--config=" + config;
        args[2] = "--out=" + out;
        args[3] = "--batch=400";
        System.arraycopy(more, 0, args, 4, more.length);
        CliRun r = CliRun.of(args);
        System.out.println(r.out());
        assertEquals(0, r.status(), r.all());
        JsonNode index = new ObjectMapper().readTree(out.resolve("index.json").toFile());
        for (String level : new String[] {"concretised", "reference", "validator", "validator_observable", "el2",
            "el2_observable"}) {
            JsonNode l = index.path("levels").path(level);
            assertEquals(index.path("plan").path("required_edges").asInt(), l.path("required_edges_taken").asInt(),
                    config + ": " + level + " did not take every required edge");
            assertEquals(0, l.path("not_taken").asInt(), config + " " + level);
        }
        assertTrue(index.path("complete").asBoolean());
        return index;
    }

    @Test
    void everyEdgeOfTheOneCpuConfigurationsInBothSemantics() throws Exception {
        JsonNode corrected = cover("liveness");
        assertEquals(corrected.path("graph").path("edges").asInt(),
                corrected.path("plan").path("required_edges").asInt());
        JsonNode seed = cover("aa039b39-liveness");
        assertEquals(0, seed.path("constants").path("corrections").size());
        assertEquals(seed.path("graph").path("edges").asInt(), seed.path("plan").path("required_edges").asInt());
    }

    @Test
    void aSeededShareOfSmall() throws Exception {
        JsonNode small = cover("small", "--share=" + SMALL_SHARE, "--random-seed=11");
        int edges = small.path("graph").path("edges").asInt();
        int required = small.path("plan").path("required_edges").asInt();
        assertEquals((int) Math.ceil(edges * Double.parseDouble(SMALL_SHARE) / 100), required);
        assertTrue(small.path("levels").path("el2").path("edges_taken").asInt() >= required);
    }

    @Test
    void badInputExitsTwo() {
        CliRun unknown = CliRun.of("cover", "--config=no-such-config", "--out=" + tmp.resolve("x"));
        assertEquals(2, unknown.status(), unknown.all());
        assertTrue(unknown.err().contains("no configuration \"no-such-config\""), unknown.all());
        CliRun custom = CliRun.of("cover", "--config=liveness-lifo", "--out=" + tmp.resolve("y"));
        assertEquals(2, custom.status(), custom.all());
        assertTrue(custom.err().contains("without a \"corrections\" list"), custom.all());
        CliRun level = CliRun.of("cover", "--config=liveness", "--levels=reference,qemu");
        assertEquals(2, level.status(), level.all());
        CliRun share = CliRun.of("cover", "--config=liveness", "--share=0");
        assertEquals(2, share.status(), share.all());
    }
}
