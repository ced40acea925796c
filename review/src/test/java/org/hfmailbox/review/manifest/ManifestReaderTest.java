package org.hfmailbox.review.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hfmailbox.review.InputError;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ManifestReader;
import org.hfmailbox.review.manifest.RunMode;
import org.hfmailbox.review.manifest.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {
    private static final String GOOD = """
            { "spec": "MCMailbox", "note": "unknown fields are allowed",
              "configurations": [
                { "name": "small", "cfg": "small.cfg", "semantics": "corrected",
                  "shape": {"cpus": 1, "vcpu_count": [1, 1]},
                  "ci": true, "workers": 2, "mode": "single",
                  "checks": "everything", "bounds": "tiny",
                  "verdicts": {"TypeOK": "holds", "RunReturnsProp": "violated"},
                  "distinct_states": 1234 },
                { "name": "big", "cfg": "big.cfg", "semantics": "aa039b39",
                  "shape": {"cpus": 2, "vcpu_count": [2, 2, 1]},
                  "ci": false, "workers": 1, "mode": "per-property",
                  "checks": "more", "verdicts": {"TypeOK": "holds"}, "distinct_states": null } ] }
            """;

    @TempDir
    Path dir;

    private Manifest read(String text) throws IOException {
        Path f = dir.resolve("manifest.json");
        Files.writeString(f, text);
        return new ManifestReader().read(f, "spec/manifest.json");
    }

    @Test
    void readsEveryField() throws IOException {
        Manifest m = read(GOOD);
        assertEquals("MCMailbox", m.spec());
        assertEquals(2, m.configurations().size());
        var small = m.find("small").orElseThrow();
        assertEquals(RunMode.SINGLE, small.mode());
        assertEquals(Verdict.VIOLATED, small.expected("RunReturnsProp"));
        assertEquals(1234, small.expectedDistinctStates().getAsLong());
        var big = m.find("big").orElseThrow();
        assertEquals(RunMode.PER_PROPERTY, big.mode());
        assertTrue(big.expectedDistinctStates().isEmpty());
        assertTrue(big.boundsText().isEmpty());
    }

    @Test
    void errorsNameFileLineAndField() {
        InputError badMode = assertThrows(InputError.class, () -> read(GOOD.replace("\"per-property\"", "\"parallel\"")));
        assertTrue(badMode.getMessage().startsWith("spec/manifest.json: line 11, field configurations[1].mode: "),
                badMode.getMessage());

        InputError missing = assertThrows(InputError.class, () -> read(GOOD.replace("\"cfg\": \"big.cfg\",", "")));
        assertTrue(missing.getMessage().contains("configurations[1]") && missing.getMessage().contains("cfg"),
                missing.getMessage());

        InputError verdict = assertThrows(InputError.class, () -> read(GOOD.replace("\"violated\"", "\"maybe\"")));
        assertTrue(verdict.getMessage().contains("line 7") && verdict.getMessage().contains("verdicts"),
                verdict.getMessage());

        InputError workers = assertThrows(InputError.class, () -> read(GOOD.replace("\"workers\": 1", "\"workers\": 0")));
        assertEquals("spec/manifest.json: line 11, field configurations[1].workers: must be at least 1, got 0",
                workers.getMessage());

        InputError shape = assertThrows(InputError.class, () -> read(GOOD.replace("[2, 2, 1]", "[3, 2, 1]")));
        assertTrue(shape.getMessage().contains("line 10, field configurations[1].shape"), shape.getMessage());

        InputError syntax = assertThrows(InputError.class, () -> read(GOOD.replace("\"ci\": true,", "\"ci\": true")));
        assertTrue(syntax.getMessage().startsWith("spec/manifest.json: line 5"), syntax.getMessage());

        InputError absent = assertThrows(InputError.class,
                () -> new ManifestReader().read(dir.resolve("nope.json"), "spec/nope.json"));
        assertTrue(absent.getMessage().startsWith("spec/nope.json: file not found"), absent.getMessage());
    }

    @Test
    void weakerSpecificationsOnlyForPropertiesExpectedToHold() throws IOException {
        String with = GOOD.replace("\"distinct_states\": 1234 }",
                "\"distinct_states\": 1234, \"specifications\": {\"TypeOK\": \"FairSpecCpus\"} }");
        assertEquals("FairSpecCpus", read(with).find("small").orElseThrow().specificationOf("TypeOK").orElseThrow());
        assertTrue(read(GOOD).find("small").orElseThrow().specificationOf("TypeOK").isEmpty());
        InputError violated = assertThrows(InputError.class, () -> read(with.replace("\"TypeOK\": \"FairSpecCpus\"",
                "\"RunReturnsProp\": \"FairSpecCpus\"")));
        assertTrue(violated.getMessage().contains("specifications.RunReturnsProp")
                && violated.getMessage().contains("expected to hold"), violated.getMessage());
        InputError unknown = assertThrows(InputError.class, () -> read(with.replace("\"TypeOK\": \"FairSpecCpus\"",
                "\"Nope\": \"FairSpecCpus\"")));
        assertTrue(unknown.getMessage().contains("specifications.Nope"), unknown.getMessage());
        InputError notFair = assertThrows(InputError.class, () -> read(with.replace("FairSpecCpus", "Spec")));
        assertTrue(notFair.getMessage().contains("must name a fair specification"), notFair.getMessage());
    }
}
