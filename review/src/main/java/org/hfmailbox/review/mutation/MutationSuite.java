package org.hfmailbox.review.mutation;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.hfmailbox.review.InputError;
import org.hfmailbox.review.PathDisplay;
import org.hfmailbox.review.Trees;
import org.hfmailbox.review.check.CheckRunner;
import org.hfmailbox.review.check.ConfigurationOutcome;
import org.hfmailbox.review.check.PropertyVerdict;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ManifestReader;
import org.hfmailbox.review.manifest.ModelConfiguration;
import org.hfmailbox.review.manifest.Verdict;

/**
 * Runs mutants of spec/Mailbox.tla: for each, a copy of the spec folder with the one-line change, checked by TLC
 * (through {@link CheckRunner}, as {@code ./mailbox check --config C --property P} would) for the property that must
 * catch it. A mutant is killed when TLC finds that property violated. Each mutant's full check output (progress,
 * counterexample as a step table) goes to {@code <out>/<mutant>/check.log}; one line per mutant is printed.
 */
public final class MutationSuite {
    /** What happened to one mutant. */
    public enum Result { KILLED, SURVIVED, UNDECIDED }

    /** One mutant's outcome. */
    public record Outcome(Mutant mutant, int line, Result result, String detail, Duration wallTime, Path log) {
    }

    private final Path specDir;
    private final Path outRoot;
    private final PathDisplay display;
    private final PrintWriter out;

    /**
     * @param specDir the spec folder to mutate (copied, never changed): Mailbox.tla, cfgs, manifest.json
     * @param outRoot where the mutated copies and their check logs go (target/mutation)
     */
    public MutationSuite(Path specDir, Path outRoot, PathDisplay display, PrintWriter out) {
        this.specDir = specDir;
        this.outRoot = outRoot;
        this.display = display;
        this.out = out;
    }

    /** Checks that every mutant applies and names a configuration and a property that exist (no TLC run). */
    public void validate(List<Mutant> mutants) throws IOException {
        String spec = Files.readString(specDir.resolve("Mailbox.tla"), StandardCharsets.UTF_8);
        Path manifestFile = specDir.resolve("manifest.json");
        Manifest manifest = new ManifestReader().read(manifestFile, display.of(manifestFile));
        for (Mutant m : mutants) {
            try {
                m.applyTo(spec);
            } catch (IllegalArgumentException e) {
                throw new InputError(e.getMessage());
            }
            ModelConfiguration c = manifest.find(m.config()).orElseThrow(() -> new InputError(
                    "mutant " + m.name() + ": field config: no configuration " + m.config() + " in "
                            + display.of(manifestFile)));
            if (!c.verdicts().containsKey(m.killedBy())) {
                throw new InputError("mutant " + m.name() + ": field killed_by: configuration " + m.config()
                        + " does not check " + m.killedBy());
            }
            if (c.expected(m.killedBy()) != Verdict.HOLDS) {
                throw new InputError("mutant " + m.name() + ": field killed_by: " + m.killedBy() + " is already"
                        + " expected violated in " + m.config() + "; a mutant must be caught where the spec passes");
            }
        }
    }

    /** Runs the mutants one after the other, printing a line each and a summary with the kill rate. */
    public List<Outcome> run(List<Mutant> mutants) throws IOException {
        validate(mutants);
        String original = Files.readString(specDir.resolve("Mailbox.tla"), StandardCharsets.UTF_8);
        out.printf("mutation suite: %d mutant%s of %s, each checked for the property that must catch it%n",
                mutants.size(), mutants.size() == 1 ? "" : "s", display.of(specDir.resolve("Mailbox.tla")));
        out.flush();
        List<Outcome> outcomes = new ArrayList<>();
        int i = 0;
        for (Mutant m : mutants) {
            i++;
            Outcome o = runOne(m, original);
            outcomes.add(o);
            out.printf("  [%d/%d] %-30s line %4d  %-18s %-28s %-9s %5.1f s  %s%n", i, mutants.size(), m.name(),
                    o.line(), m.config(), m.killedBy(), o.result(), o.wallTime().toMillis() / 1000.0, o.detail());
            out.flush();
        }
        long killed = outcomes.stream().filter(o -> o.result() == Result.KILLED).count();
        out.printf("mutation suite: %d of %d killed (%.0f %%)%s%n", killed, outcomes.size(),
                outcomes.isEmpty() ? 0.0 : 100.0 * killed / outcomes.size(),
                killed == outcomes.size() ? "" : "; see the check.log of each mutant not killed");
        out.flush();
        return outcomes;
    }

    private Outcome runOne(Mutant m, String original) throws IOException {
        Path dir = outRoot.resolve(m.name());
        Trees.deleteRecursively(dir);
        Path copy = Files.createDirectories(dir.resolve("spec"));
        try (Stream<Path> files = Files.list(specDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Files.writeString(copy.resolve("Mailbox.tla"), m.applyTo(original), StandardCharsets.UTF_8);
        Path log = dir.resolve("check.log");
        Instant start = Instant.now();
        Optional<Verdict> found;
        String detail;
        try (PrintWriter logOut = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            Path manifestFile = copy.resolve("manifest.json");
            Manifest manifest = new ManifestReader().read(manifestFile, display.of(manifestFile));
            ModelConfiguration c = manifest.find(m.config()).orElseThrow();
            CheckRunner runner = new CheckRunner(manifest, dir.resolve("check"), display, logOut,
                    OptionalInt.empty(), Duration.ofSeconds(30));
            ConfigurationOutcome outcome = runner.check(c, List.of(m.killedBy()));
            found = outcome.verdicts().stream().filter(v -> v.name().equals(m.killedBy())).findFirst()
                    .flatMap(PropertyVerdict::found);
            detail = outcome.problems().isEmpty() ? "" : String.join("; ", outcome.problems());
        } catch (InputError e) {
            found = Optional.empty();
            detail = "the mutated spec did not load: " + e.getMessage();
        }
        Duration took = Duration.between(start, Instant.now());
        Result r = found.isEmpty() ? Result.UNDECIDED
                : found.get() == Verdict.VIOLATED ? Result.KILLED : Result.SURVIVED;
        String text = r == Result.KILLED ? "" : (detail.isEmpty() ? "" : detail + "; ") + "log " + display.of(log);
        return new Outcome(m, m.lineIn(original), r, text, took, log);
    }
}
