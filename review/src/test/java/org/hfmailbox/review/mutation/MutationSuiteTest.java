package org.hfmailbox.review.mutation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hfmailbox.review.InputError;
import org.hfmailbox.review.PathDisplay;
import org.hfmailbox.review.RepoRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mutation suite of spec/mutants.json has teeth: every mutant applies to today's Mailbox.tla, and TLC finds the
 * property each names violated on the mutated spec. One mutant that survives fails the test, naming it and its log.
 */
class MutationSuiteTest {
    @TempDir
    Path tmp;

    private static List<Mutant> mutants(Path spec) {
        return MutantList.read(spec.resolve("mutants.json"), "spec/mutants.json");
    }

    @Test
    void everyMutantIsKilledByItsProperty() throws IOException {
        Path root = RepoRoot.locate();
        Path spec = root.resolve("spec");
        List<Mutant> all = mutants(spec);
        assertTrue(all.size() >= 15, "the suite must hold at least 15 mutants, has " + all.size());
        StringWriter text = new StringWriter();
        MutationSuite suite = new MutationSuite(spec, tmp.resolve("mutation"), new PathDisplay(root),
                new PrintWriter(text, true));
        List<MutationSuite.Outcome> outcomes = suite.run(all);
        System.out.print(text);
        List<String> notKilled = outcomes.stream().filter(o -> o.result() != MutationSuite.Result.KILLED)
                .map(o -> o.mutant().name() + " (" + o.result() + ", " + o.detail() + ")").toList();
        assertEquals(List.of(), notKilled, "mutants not killed by their property\n" + text);
        assertTrue(text.toString().contains("mutation suite: " + all.size() + " of " + all.size() + " killed (100 %)"),
                text.toString());
    }

    @Test
    void theFiveMutantsOfIssue10AreInTheSuite() {
        Set<String> names = mutants(RepoRoot.locate().resolve("spec")).stream().map(Mutant::name)
                .collect(Collectors.toSet());
        for (String n : List.of("received-as-read", "receive-reports-sender-0", "sender-left-blocked",
                "waiter-woken-blocked", "block-anywhere")) {
            assertTrue(names.contains(n), n + " is missing from spec/mutants.json");
        }
    }

    @Test
    void aMutantThatNoLongerAppliesIsAnInputError() throws IOException {
        Path root = RepoRoot.locate();
        Path spec = root.resolve("spec");
        Mutant stale = new Mutant("stale", "a line that is gone", "this text is not in the spec", "x", "small",
                "TypeOK");
        MutationSuite suite = new MutationSuite(spec, tmp, new PathDisplay(root), new PrintWriter(new StringWriter()));
        InputError e = assertThrows(InputError.class, () -> suite.validate(List.of(stale)));
        assertTrue(e.getMessage().contains("stale") && e.getMessage().contains("not in Mailbox.tla"), e.getMessage());
        Mutant wrongProperty = new Mutant("wrong", "d", "Runnable(t) == State(t) = \"ready\"",
                "Runnable(t) == TRUE", "small", "NoSuchProp");
        InputError e2 = assertThrows(InputError.class, () -> suite.validate(List.of(wrongProperty)));
        assertTrue(e2.getMessage().contains("killed_by"), e2.getMessage());
    }

    @Test
    void aMalformedListNamesTheField() throws IOException {
        Path f = Files.writeString(tmp.resolve("mutants.json"),
                "{\"mutants\": [{\"name\": \"a\", \"defect\": \"d\", \"find\": \"x\", \"replace\": \"y\","
                        + " \"config\": \"small\"}]}");
        InputError e = assertThrows(InputError.class, () -> MutantList.read(f, "mutants.json"));
        assertEquals("mutants.json: mutants[0]: field killed_by: missing, empty or not a string", e.getMessage());
    }
}
