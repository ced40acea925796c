package org.hfmailbox.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hfmailbox.reference.Semantics;

/**
 * What {@code ./mailbox replay FILE...} replays: each NDJSON trace as it is, and each scenario ({@code .scn}) run on
 * the reference under the semantics its header selects (or those of {@code --semantics} it is valid for), with the
 * reference's verdict on the scenario's expectations.
 */
public final class ReplaySources {
    /** One trace to replay; {@code referenceFailure} is the expectation the reference failed, or null. */
    public record Source(ReferenceTrace trace, String referenceFailure) {
        public boolean referencePassed() {
            return referenceFailure == null;
        }
    }

    private ReplaySources() {
    }

    /**
     * The traces of {@code files}, in order. Throws {@link HarnessInputException} (an input error) for a missing
     * or malformed file and for a scenario that none of {@code requested} may run.
     */
    public static List<Source> load(List<Path> files, List<Semantics> requested)
            throws HarnessInputException, IOException {
        List<Source> out = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new HarnessInputException(f + ": no such file");
            }
            if (f.toString().endsWith(".scn")) {
                for (ScenarioTraces.Result r : ScenarioTraces.runAll(f, requested)) {
                    out.add(new Source(r.trace(), r.passed() ? null : r.failure()));
                }
            } else {
                out.add(new Source(TraceReader.read(f), null));
            }
        }
        return out;
    }
}
