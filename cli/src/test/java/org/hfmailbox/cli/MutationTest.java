package org.hfmailbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hfmailbox.review.RepoRoot;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutation tests: a copy of spec/ with one action broken where the lead marked it ({@code \* MUTATION: name}),
 * checked as {@code ./mailbox check --config small --workers 1} does. The check must fail (exit 1), print a
 * counterexample as a step table, and name a violated invariant that the mutation is meant to break.
 */
class MutationTest {
    private static final Pattern VIOLATED = Pattern.compile("counterexample for small: invariant (\\S+) is violated");

    @TempDir
    Path tmp;

    static Stream<Arguments> mutations() {
        return Stream.of(
                Arguments.of("skip-waiter-pop", Set.of("WaiterInv", "WaiterStateInv")),
                Arguments.of("drop-size-check", Set.of("TypeOK", "ReceivedInv")),
                Arguments.of("publish-ready-without-save", Set.of("ResumeFromSavedInv", "NoDoubleRunInv")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void mutationIsCaught(String mutation, Set<String> caughtBy) throws IOException {
        Path spec = copySpec();
        Path tla = spec.resolve("Mailbox.tla");
        String original = Files.readString(tla);
        String mutated = SpecMutation.apply(original, mutation);
        assertTrue(!mutated.equals(original), "the mutation changed nothing");
        Files.writeString(tla, mutated);

        CliRun r = CliRun.of("check", "--spec-dir", spec.toString(), "--out-dir", tmp.resolve("out").toString(),
                "--config", "small", "--workers", "1");
        assertEquals(ExitCode.CHECK_FAILED, r.status(), r.all());
        Matcher m = VIOLATED.matcher(r.out());
        assertTrue(m.find(), "no invariant violation reported\n" + r.all());
        assertTrue(caughtBy.contains(m.group(1)), mutation + " was caught by " + m.group(1) + ", expected one of "
                + caughtBy + "\n" + r.all());
        assertTrue(r.out().matches("(?s).*\\s+step\\s+CPU\\s+VM/vCPU\\s+action\\s+arguments\\s+returns\\s+changed variables\n.*"),
                "no step table\n" + r.all());
        assertTrue(r.out().contains("VIOLATED     expected holds     MISMATCH"), r.all());
    }

    private Path copySpec() throws IOException {
        Path from = RepoRoot.locate().resolve("spec");
        Path to = Files.createDirectories(tmp.resolve("spec"));
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
