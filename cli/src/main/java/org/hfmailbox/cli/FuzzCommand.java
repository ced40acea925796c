package org.hfmailbox.cli;

import org.hfmailbox.harness.El2Fuzz;
import org.hfmailbox.harness.HarnessInputException;
import org.hfmailbox.harness.HarnessRunException;
import org.hfmailbox.harness.Replayer;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;
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
                "(refinement-tests/target/fuzz-failures/). Exit 0 when every trace is accepted, 1 otherwise.",
                "With --level el2: fuzzed workloads (random 64-bit x0..x3 from every VM, mixed with meaningful",
                "calls) replayed on the EL2 harness under QEMU and compared with the reference, each ending with a",
                "load from a random address by a running guest; prints calls made, EL2 exceptions, error returns",
                "that changed hypervisor state, divergences, and the stage-2 and EL1 faults reported. Exit 0 when",
                "there is no EL2 exception, no state change on an error return, no divergence and no wrong fault."})
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

    @Option(names = "--level", defaultValue = "reference",
            description = "reference (validate the reference's traces with TLC) or el2 (replay them at EL2); "
                    + "default ${DEFAULT-VALUE}")
    private String level;

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
        if (level.equals("el2")) {
            return el2(sems);
        }
        if (!level.equals("reference")) {
            throw new InputError("--level must be reference or el2, not " + level);
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

    private int el2(List<Semantics> sems) {
        if (randomShapes) {
            throw new InputError("--random-shapes is for --level reference");
        }
        try {
            El2Fuzz.Summary s = new El2Fuzz(Replayer.create(), System.out).run(SystemShape.defaultShape(), sems,
                    randomSeed, traces, steps);
            System.out.println("fuzz --level el2: " + s.describe());
            s.firstProblems().forEach(p -> System.out.println("  " + p));
            System.out.println("fuzz --level el2: " + (s.ok() ? "PASS" : "FAIL"));
            return s.ok() ? ExitCode.OK : ExitCode.CHECK_FAILED;
        } catch (HarnessRunException | HarnessInputException e) {
            throw new InputError("fuzz --level el2: " + e.getMessage());
        }
    }
}
