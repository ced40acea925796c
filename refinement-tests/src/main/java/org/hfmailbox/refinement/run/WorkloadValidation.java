package org.hfmailbox.refinement.run;

import org.hfmailbox.reference.Faults;
import org.hfmailbox.reference.workload.ScenarioPrinter;
import org.hfmailbox.reference.workload.Shrinker;
import org.hfmailbox.reference.workload.Workload;
import org.hfmailbox.refinement.tlc.SpecLoadException;
import org.hfmailbox.refinement.trace.Trace;
import org.hfmailbox.refinement.trace.TraceFormatException;
import org.hfmailbox.refinement.trace.TraceReader;
import org.hfmailbox.refinement.validate.Validator;
import org.hfmailbox.refinement.validate.Verdict;
import org.hfmailbox.refinement.workload.WorkloadTraces;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Validates generated workloads (run on the reference) and, for a rejected one, shrinks it with the reference's
 * shrinker to a smaller workload that is still rejected and writes it as a scenario file that reproduces the
 * rejection with {@code ./mailbox run} and {@code ./mailbox validate}.
 */
public final class WorkloadValidation {
    private final Validator validator;
    private final Faults faults;

    /** @param faults {@link Faults#none()} except in the teeth tests */
    public WorkloadValidation(Validator validator, Faults faults) {
        this.validator = validator;
        this.faults = faults;
    }

    public Trace trace(Workload w) {
        List<String> lines = WorkloadTraces.trace(w, faults);
        try {
            return new TraceReader().parse("workload-seed-" + w.randomSeed() + "@" + w.semantics().name(), lines);
        } catch (TraceFormatException e) {
            throw new IllegalStateException("the reference wrote a malformed trace: " + e.getMessage(), e);
        }
    }

    public Verdict validate(Workload w) throws SpecLoadException {
        return validator.validate(trace(w));
    }

    /** Shrinks a rejected workload (validation must reject it) and writes the reproducer under {@code dir}. */
    public Path reproduce(Workload w, Verdict first, Path dir) {
        Workload small = Shrinker.shrink(w, candidate -> {
            try {
                return !validate(candidate).accepted();
            } catch (SpecLoadException e) {
                return false;
            }
        });
        Verdict v;
        try {
            v = validate(small);
        } catch (SpecLoadException e) {
            v = first;
        }
        String why = v.rejection().map(r -> r.describe()).orElse(first.rejection().orElseThrow().describe());
        String text = ScenarioPrinter.print(small, "trace validation rejected this workload ("
                + w.steps().size() + " steps, shrunk to " + small.steps().size() + "): "
                + why.replace('\n', ' '));
        try {
            Files.createDirectories(dir);
            Path f = dir.resolve("reject-seed-" + w.randomSeed() + "-" + w.semantics().name().replace(',', '_')
                    + ".scn");
            Files.writeString(f, text);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
