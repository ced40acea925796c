package org.hfmailbox.review;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fact liveness-2senders' soundness rests on (spec/MCMailbox.tla, RaceSteps; docs/spec.md, D9): TLC 2.18
 * evaluates ENABLED in fairness conditions on the whole next-state relation, not on the one an ACTION_CONSTRAINT
 * cuts. In the toy, the constraint drops every step of the fair action A, which is enabled in the initial state
 * only. If TLC's ENABLED saw the constraint, stuttering in the initial state would be fair and the property would be
 * violated; TLC instead finds it holds. The control run without fairness shows the property can fail on this graph.
 */
class TlcEnabledIgnoresConstraintTest {
    private static final String TOY = """
            ---- MODULE ConstrainedToy ----
            VARIABLE x
            A == x = 0 /\\ x' = 1
            B == x = 0 /\\ x' = 2
            Next == A \\/ B \\/ (x # 0 /\\ UNCHANGED x)
            Unfair == x = 0 /\\ [][Next]_x
            Fair == Unfair /\\ WF_x(A)
            DropA == ~A
            Leaves == <>(x # 0)
            ====
            """;

    @TempDir
    Path tmp;

    private String run(String specification) throws IOException {
        Files.writeString(tmp.resolve("ConstrainedToy.tla"), TOY, StandardCharsets.UTF_8);
        Path cfg = tmp.resolve(specification + ".cfg");
        Files.writeString(cfg, "SPECIFICATION " + specification + "\nACTION_CONSTRAINT DropA\nPROPERTY Leaves\n",
                StandardCharsets.UTF_8);
        Path out = tmp.resolve(specification + ".out");
        TlaToolProcess tlc = TlaToolProcess.start("tlc2.TLC", List.of(),
                List.of("-config", cfg.getFileName().toString(), "-workers", "1", "-metadir",
                        tmp.resolve("states-" + specification).toString(), "ConstrainedToy"),
                tmp, out);
        tlc.waitFor(Duration.ofMinutes(2));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void enabledOfAFairActionIgnoresTheConstraint() throws IOException {
        String fair = run("Fair");
        assertTrue(fair.contains("No error has been found"), "with WF_x(A):\n" + fair);
        String unfair = run("Unfair");
        assertTrue(unfair.contains("Temporal properties were violated"), "without fairness:\n" + unfair);
    }
}
