package org.hfmailbox.cli;

import org.hfmailbox.refinement.run.ValidateRun;
import org.hfmailbox.refinement.tlc.SpecSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./mailbox validate TRACE...}: every step of every trace decided by TLC against spec/Mailbox.tla. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validate NDJSON traces against spec/Mailbox.tla, in process with TLC,",
                "batching traces that share header constants. A full-state trace binds",
                "every spec variable at every event; an observable-only trace (header",
                "\"form\": \"observable\", docs/trace-format.md) is validated by keeping",
                "the set of spec states consistent with it (the frontier). Exit 0 when",
                "all are accepted, 1 when some is rejected (or, with --both-ways, the",
                "forms disagree), 2 when some is malformed."})
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "TRACE", description = "trace files (NDJSON)")
    private List<Path> traces;

    @Option(names = "--coverage", paramLabel = "FILE",
            description = "coverage JSON to merge into (default: refinement-tests/target/coverage.json)")
    private Path coverage;

    @Option(names = "--both-ways",
            description = "also validate each full-state trace in its observable-only form and report disagreements")
    private boolean bothWays;

    @Override
    public Integer call() {
        Path root = SpecSource.projectRoot();
        Path cov = coverage != null ? coverage : ValidateRun.defaultCoverageFile(root);
        return new ValidateRun(root, cov, System.out, System.err).run(traces, bothWays);
    }
}
