package org.hfmailbox.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hfmailbox.review.InputError;
import org.hfmailbox.review.PathDisplay;
import org.hfmailbox.review.RepoRoot;
import org.hfmailbox.review.mutation.Mutant;
import org.hfmailbox.review.mutation.MutantList;
import org.hfmailbox.review.mutation.MutationSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./mailbox mutate}: the mutation suite of spec/mutants.json. */
@Command(name = "mutate", mixinStandardHelpOptions = true,
        description = {"Run the mutation suite of spec/mutants.json: each mutant is a one-line defect of"
            + " spec/Mailbox.tla; a copy of spec/ with it is checked by TLC for the property that must catch it"
            + " (./mailbox check --config C --property P). Prints one line per mutant and the kill rate; each"
            + " mutant's counterexample is in target/mutation/<mutant>/check.log.",
            "Run it after changing the spec: a property that stops killing its mutants has lost its teeth."},
        footer = {"", "Exit status: 0 every mutant run was killed; 1 a mutant survived or was not decided;"
            + " 2 bad usage or input (malformed spec/mutants.json, a mutant that no longer applies)."})
public final class MutateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--mutant", paramLabel = "NAME", description = "run only this mutant (repeatable)")
    private List<String> only = new ArrayList<>();

    @Option(names = "--list", description = "list the mutants (name, line, configuration, property, defect) and"
            + " check that each applies, without running TLC")
    private boolean list;

    @Option(names = "--spec-dir", paramLabel = "DIR", description = "folder with Mailbox.tla, mutants.json, the"
            + " manifest and cfgs (default: spec/)")
    private Path specDir;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "where mutated copies and logs go (default:"
            + " target/mutation/)")
    private Path outDir;

    @Override
    public Integer call() throws IOException {
        Path root = RepoRoot.locate();
        PathDisplay display = new PathDisplay(root);
        Path dir = specDir != null ? specDir : root.resolve("spec");
        Path file = dir.resolve("mutants.json");
        List<Mutant> mutants = choose(MutantList.read(file, display.of(file)));
        PrintWriter out = spec.commandLine().getOut();
        MutationSuite suite = new MutationSuite(dir, outDir != null ? outDir : root.resolve("target").resolve("mutation"),
                display, out);
        if (list) {
            suite.validate(mutants);
            String text = java.nio.file.Files.readString(dir.resolve("Mailbox.tla"));
            for (Mutant m : mutants) {
                out.printf("%-30s line %4d  %-18s %-28s %s%n", m.name(), m.lineIn(text), m.config(), m.killedBy(),
                        m.defect());
            }
            out.printf("%d mutants, each applies%n", mutants.size());
            out.flush();
            return ExitCode.OK;
        }
        List<MutationSuite.Outcome> outcomes = suite.run(mutants);
        return outcomes.stream().allMatch(o -> o.result() == MutationSuite.Result.KILLED)
                ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    private List<Mutant> choose(List<Mutant> all) {
        if (only.isEmpty()) {
            return all;
        }
        List<Mutant> chosen = new ArrayList<>();
        for (String name : only) {
            chosen.add(all.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() -> new InputError(
                    "no mutant named '" + name + "' in spec/mutants.json (./mailbox mutate --list lists them)")));
        }
        return chosen;
    }
}
