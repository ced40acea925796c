package org.hfmailbox.cli;

import org.hfmailbox.reference.Semantics;
import org.hfmailbox.refinement.run.FuzzRun;
import org.hfmailbox.refinement.tlc.SpecLoadException;
import org.hfmailbox.refinement.tlc.SpecSource;
import org.hfmailbox.review.InputError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./mailbox fuzz}: generated workloads run on the reference, every trace validated by TLC. */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = {"Generate seeded random workloads (the reference's generator), run them on the reference and",
                "validate every trace against spec/Mailbox.tla in process; print progress and a summary.",
                "Every rejected workload is shrunk and saved as a scenario file that reproduces it",
                "(refinement-tests/target/fuzz-failures/). Exit 0 when every trace is accepted, 1 otherwise."})
public final class FuzzCommand implements Callable<Integer> {
    @Option(names = "--traces", defaultValue = "200", description = "workloads per semantics (default ${DEFAULT-VALUE})")
    private int traces;

    @Option(names = "--steps", defaultValue = "80", description = "steps per workload (default ${DEFAULT-VALUE})")
    private int steps;

    @Option(names = "--random-seed", defaultValue = "1",
            description = "random seed of the first workload; workload i uses seed S+i (default ${DEFAULT-VALUE})")
    private long randomSeed;

    @Option(names = "--semantics", defaultValue = "corrected",
            description = "corrected, aa039b39, both, or correction names separated by commas (default corrected)")
    private String semantics;

    @Option(names = "--random-shapes", description = "a random shape per workload (1-3 CPUs, 1-3 secondaries) "
            + "instead of the default shape")
    private boolean randomShapes;

    @Override
    public Integer call() {
        if (traces < 1 || steps < 1) {
            throw new InputError("--traces and --steps must be positive");
        }
        List<Semantics> sems;
        try {
            sems = semantics.equals("both") ? List.of(Semantics.corrected(), Semantics.aa039b39())
                    : List.of(Semantics.parse(semantics));
        } catch (IllegalArgumentException e) {
            throw new InputError("--semantics: " + e.getMessage());
        }
        Path root = SpecSource.projectRoot();
        Path failures = root.resolve("refinement-tests").resolve("target").resolve("fuzz-failures");
        try {
            FuzzRun.Summary s = new FuzzRun(root, System.out).run(new FuzzRun.Options(traces, steps, randomSeed,
                    sems, randomShapes, failures, "fuzz"));
            return s.rejected() == 0 ? ExitCode.OK : ExitCode.CHECK_FAILED;
        } catch (SpecLoadException e) {
            throw new InputError(e.getMessage());
        }
    }
}
