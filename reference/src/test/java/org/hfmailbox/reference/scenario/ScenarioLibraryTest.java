package org.hfmailbox.reference.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.TraceSchemaCheck;
import org.hfmailbox.reference.trace.InMemoryTrace;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs every scenario of scenarios/ under each semantics it is valid for; every trace line validates. */
class ScenarioLibraryTest {
    static Path root() {
        String r = System.getProperty("mailbox.root");
        Path p = r == null ? Path.of("..") : Path.of(r);
        return p.resolve("scenarios");
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(root())) {
            return s.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        }
    }

    @Test
    void theLibraryIsThere() throws IOException {
        assertTrue(files().size() >= 15, "scenario library has " + files().size() + " files");
    }

    @TestFactory
    List<DynamicTest> everyScenarioPassesUnderEachSemanticsItIsValidFor() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files()) {
            for (Semantics s : List.of(Semantics.corrected(), Semantics.aa039b39())) {
                tests.add(DynamicTest.dynamicTest(f.getFileName() + " [" + s.name() + "]", () -> {
                    Scenario sc = ScenarioParser.parse(f);
                    if (!sc.isValidFor(s)) {
                        return;
                    }
                    InMemoryTrace trace = new InMemoryTrace();
                    StringWriter table = new StringWriter();
                    ScenarioRunner.Outcome o = ScenarioRunner.run(sc, s, trace, new PrintWriter(table));
                    assertTrue(o.passed(), o.failure() + "\n" + table);
                    assertTrue(o.expectationsChecked() > 0);
                    TraceSchemaCheck.assertValid(trace.toLines());
                }));
            }
        }
        return tests;
    }

    @Test
    void aFailedExpectationNamesFileAndLine() throws Exception {
        Scenario sc = ScenarioParser.parse("bad.scn", "shape cpus=1 vcpu_count=1,1\n\n0: vm_get_count -> ret=3\n");
        ScenarioRunner.Outcome o = ScenarioRunner.run(sc, null, org.hfmailbox.reference.trace.TraceSink.NONE, null);
        assertFalse(o.passed());
        assertTrue(o.failure().startsWith("bad.scn:3: expectation ret=3"), o.failure());
    }
}
