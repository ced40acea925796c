package org.hfmailbox.refinement.run;

import org.hfmailbox.refinement.tlc.SpecLoadException;
import org.hfmailbox.refinement.tlc.SpecSource;
import org.hfmailbox.refinement.trace.ObservableProjection;
import org.hfmailbox.refinement.trace.Trace;
import org.hfmailbox.refinement.trace.TraceFormatException;
import org.hfmailbox.refinement.trace.TraceReader;
import org.hfmailbox.refinement.validate.Validator;
import org.hfmailbox.refinement.validate.Verdict;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./mailbox validate TRACE...}: reads every trace (malformed ones are reported with file, line and field),
 * validates the rest in process, batched by header constants, prints one line per trace and a summary, merges the
 * coverage into the coverage file. Exit 0: all accepted; 1: some rejected; 2: some malformed (or the spec did not
 * load).
 */
public final class ValidateRun {
    public static final int OK = 0;
    public static final int REJECTED = 1;
    public static final int INPUT_ERROR = 2;

    private final Path projectRoot;
    private final Path coverageFile;
    private final PrintStream out;
    private final PrintStream err;

    public ValidateRun(Path projectRoot, Path coverageFile, PrintStream out, PrintStream err) {
        this.projectRoot = projectRoot;
        this.coverageFile = coverageFile;
        this.out = out;
        this.err = err;
    }

    /** The default coverage file: refinement-tests/target/coverage.json under the project root. */
    public static Path defaultCoverageFile(Path projectRoot) {
        return projectRoot.resolve("refinement-tests").resolve("target").resolve("coverage.json");
    }

    /** The folder for generated model modules. */
    public static Path workDir(Path projectRoot) {
        return projectRoot.resolve("refinement-tests").resolve("target").resolve("tlc");
    }

    public int run(List<Path> files) {
        return run(files, false);
    }

    /**
     * @param bothWays also validate every full-state trace in its observable-only form
     *                 ({@link ObservableProjection}, docs/trace-format.md) and report where the two verdicts disagree
     *                 (exit 1 when they do)
     */
    public int run(List<Path> files, boolean bothWays) {
        TraceReader reader = new TraceReader();
        List<Trace> traces = new ArrayList<>();
        List<Trace> projected = new ArrayList<>();
        int malformed = 0;
        for (Path f : files) {
            try {
                Trace t = reader.read(f);
                traces.add(t);
                if (bothWays && !t.header().observable()) {
                    projected.add(reader.parse(f + " (observable form)",
                            ObservableProjection.project(Files.readAllLines(f))));
                } else if (bothWays) {
                    projected.add(null);
                }
            } catch (TraceFormatException e) {
                err.println("malformed: " + e.getMessage());
                malformed++;
            } catch (IOException e) {
                err.println("malformed: " + f + ": cannot read: " + e.getMessage());
                malformed++;
            }
        }
        Validator validator = new Validator(SpecSource.mailbox(projectRoot, workDir(projectRoot)));
        long t0 = System.nanoTime();
        List<Verdict> verdicts;
        try {
            verdicts = validator.validateAll(traces);
        } catch (SpecLoadException e) {
            err.println("error: " + e.getMessage());
            return INPUT_ERROR;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int rejected = 0;
        int disagree = 0;
        long steps = 0;
        for (int i = 0; i < verdicts.size(); i++) {
            Verdict v = verdicts.get(i);
            steps += v.eventsAccepted();
            String frontier = v.frontier() == null ? "" : ", frontier at most " + v.frontier().max() + " state(s)";
            if (v.accepted()) {
                out.println("accepted " + v.source() + " (" + v.events() + " events" + frontier + ")");
            } else {
                rejected++;
                out.println("REJECTED " + v.rejection().orElseThrow().describe());
                for (String c : v.rejection().orElseThrow().candidates()) {
                    out.println("  candidate state:\n    " + c.replace("\n", "\n    "));
                }
            }
            if (bothWays && projected.get(i) != null) {
                disagree += compareForms(validator, v, projected.get(i));
            }
        }
        out.printf("%d traces: %d accepted, %d rejected, %d malformed; %d steps validated in %.2f s "
                        + "(%d spec loads)%n", files.size(), verdicts.size() - rejected, rejected, malformed, steps,
                seconds, validator.loads());
        if (bothWays) {
            out.printf("both ways: the observable-only form %s on %d full-state traces%n",
                    disagree == 0 ? "agrees" : "DISAGREES " + disagree + " times",
                    projected.stream().filter(p -> p != null).count());
        }
        try {
            validator.coverage().mergeInto(coverageFile, "validate");
            out.println("coverage: " + coverageFile);
        } catch (IOException e) {
            err.println("warning: cannot write coverage " + coverageFile + ": " + e.getMessage());
        }
        if (malformed > 0) {
            return INPUT_ERROR;
        }
        return rejected > 0 || disagree > 0 ? REJECTED : OK;
    }

    /** Validates the observable-only form of a full-state trace; 1 (and a line) when the verdicts disagree. */
    private int compareForms(Validator validator, Verdict full, Trace observable) {
        Verdict o;
        try {
            o = validator.validate(observable);
        } catch (SpecLoadException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        boolean agree = o.accepted() == full.accepted() && o.eventsAccepted() == full.eventsAccepted();
        String obs = o.rejection().map(r -> "rejected: " + r.describe()).orElse("accepted");
        out.println((agree ? "  observable form agrees: " : "  observable form DISAGREES: ") + obs
                + " (frontier at most " + o.frontier().max() + " state(s))");
        return agree ? 0 : 1;
    }
}
