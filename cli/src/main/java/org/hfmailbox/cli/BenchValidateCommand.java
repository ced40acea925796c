package org.hfmailbox.cli;

import org.hfmailbox.refinement.run.BenchRun;
import org.hfmailbox.refinement.tlc.SpecLoadException;
import org.hfmailbox.refinement.tlc.SpecSource;
import org.hfmailbox.refinement.trace.TraceFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ./mailbox bench validate}: in-process validation against one TLC process per trace, side by side. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Generate distinct traces of the default shape and validate them one TLC",
                "process per trace (a sample) and in process (all), printing traces/s,",
                "steps/s and their ratio; then the same traces in observable-only form",
                "through the frontier, side by side with the full-state form (throughput",
                "and frontier size)."})
public final class BenchValidateCommand implements Callable<Integer> {
    @Option(names = "--traces", defaultValue = "1000", description = "traces to validate in process (default 1000)")
    private int traces;

    @Option(names = "--steps", defaultValue = "50", description = "minimum events per trace (default 50)")
    private int steps;

    @Option(names = "--sample", defaultValue = "5", description = "traces for the per-process way (default 5)")
    private int sample;

    @Option(names = "--threads", defaultValue = "2", description = "in-process threads (default 2)")
    private int threads;

    @Option(names = "--random-seed", defaultValue = "1", description = "random seed of the first trace")
    private long randomSeed;

    @Override
    public Integer call() {
        Path root = SpecSource.projectRoot();
        try {
            BenchRun.Result r = new BenchRun(root, root.resolve("refinement-tests").resolve("target").resolve("bench"),
                    System.out).run(new BenchRun.Options(traces, steps, sample, threads, randomSeed));
            return r.allAccepted() ? 0 : 1;
        } catch (SpecLoadException | TraceFormatException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }
}
