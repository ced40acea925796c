package org.hfmailbox.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hfmailbox.review.PathDisplay;
import org.hfmailbox.review.RepoRoot;
import org.hfmailbox.review.diff.SpecDiffHtml;
import org.hfmailbox.review.diff.SpecDiffRunner;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ManifestReader;
import org.hfmailbox.review.manifest.ModelConfiguration;

import org.hfmailbox.review.spec.SpecRevision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./mailbox diff-spec OLD [NEW]}: what changed between two revisions of the spec, decided by SANY and TLC. */
@Command(name = "diff-spec", mixinStandardHelpOptions = true,
        description = {"Compare two revisions of spec/ (git revisions or paths; NEW defaults to the working tree):"
            + " variables, constants and actions added, removed or changed (SANY); per configuration the distinct"
            + " states and verdicts of each; and whether NEW refines OLD and OLD refines NEW under the identity"
            + " mapping of their shared variables (TLC checks the other revision's Spec as a PROPERTY), with the first"
            + " behaviour that breaks refinement as a step table; then walks derived from each revision's state graph"
            + " of one configuration are validated against the other revision's spec (the first rejected step as a"
            + " step table). Also writes the HTML section the report includes (target/diff-spec/section.html)."
            + " docs/review.md explains it."},
        footer = {"", "The last lines name every difference measured: verdicts, refinement, walks (behaviour),"
            + " distinct-state counts, what could not be decided, and the declarations whose text changed.",
            "Exit status: 0 no difference measured (the declarations' text may differ); 1 the behaviour or a"
            + " distinct-state count differs, or something is undecided; 2 bad usage or input."})
public final class DiffSpecCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "a git revision (HEAD~1, a commit) or a path")
    private String oldRevision;

    @Parameters(index = "1", paramLabel = "NEW", arity = "0..1", description = "as OLD (default: the working tree's spec/)")
    private String newRevision;

    @Option(names = "--config", paramLabel = "NAME",
            description = "a configuration to compare (repeatable; default: small and aa039b39)")
    private List<String> configs = new ArrayList<>();

    @Option(names = "--map", paramLabel = "VAR=EXPR",
            description = "the expression standing for a variable the other revision lacks (repeatable)")
    private List<String> maps = new ArrayList<>();

    @Option(names = "--no-verdicts", description = "skip the configurations' own checks (counts and verdicts)")
    private boolean noVerdicts;

    @Option(names = "--scenario-config", paramLabel = "NAME", defaultValue = "small",
            description = "the configuration whose state graph gives each revision's model-derived walks, validated"
                + " against the other revision's spec (default: ${DEFAULT-VALUE})")
    private String scenarioConfig;

    @Option(names = "--walks", paramLabel = "N", defaultValue = "24",
            description = "at most N walks per revision (default: ${DEFAULT-VALUE})")
    private int walks;

    @Option(names = "--walk-steps", paramLabel = "M", defaultValue = "60",
            description = "at most M steps per walk (default: ${DEFAULT-VALUE})")
    private int walkSteps;

    @Option(names = "--no-scenarios", description = "skip the model-derived scenario cross-check")
    private boolean noScenarios;

    @Option(names = "--out", paramLabel = "DIR", description = "work folder and HTML section (default: target/diff-spec/)")
    private Path out;

    @Override
    public Integer call() throws IOException {
        Path root = RepoRoot.locate();
        PathDisplay display = new PathDisplay(root);
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String m : maps) {
            int eq = m.indexOf('=');
            if (eq <= 0 || eq == m.length() - 1) {
                throw new ParameterException(spec.commandLine(), "--map wants VAR=EXPRESSION, got '" + m + "'");
            }
            mapping.put(m.substring(0, eq).strip(), m.substring(eq + 1).strip());
        }
        if (walks < 1 || walkSteps < 1) {
            throw new ParameterException(spec.commandLine(), "--walks and --walk-steps must be at least 1");
        }
        Path work = (out != null ? out : root.resolve("target").resolve("diff-spec")).toAbsolutePath().normalize();
        Files.createDirectories(work);
        Path oldDir = work.resolve("old");
        Path newDir = work.resolve("new");
        String oldName = SpecRevision.materialize(root, oldRevision, oldDir);
        String newName = SpecRevision.materialize(root, newRevision != null ? newRevision : root.resolve("spec").toString(),
                newDir);
        List<String> chosen = configs.isEmpty() ? List.of("small", "aa039b39") : configs;
        PrintWriter terminal = spec.commandLine().getOut();
        SpecDiffRunner.Result result = new SpecDiffRunner(display, terminal).run(oldName, oldDir, newName, newDir,
                chosen, !noVerdicts, mapping, new SpecDiffRunner.ScenarioOptions(!noScenarios, scenarioConfig, walks,
                        walkSteps), work);
        Path manifestFile = newDir.resolve("manifest.json");
        Optional<Manifest> manifest = Files.isRegularFile(manifestFile)
                ? Optional.of(new ManifestReader().read(manifestFile, display.of(manifestFile))) : Optional.empty();
        Path section = work.resolve("section.html");
        Files.writeString(section, SpecDiffHtml.render(result, name -> manifest.flatMap(m -> m.find(name))
                .map(ModelConfiguration::shape)), StandardCharsets.UTF_8);
        terminal.printf("diff-spec: HTML section %s (./mailbox report includes it)%n", display.of(section));
        terminal.flush();
        return result.conclusion().anyDifference() ? ExitCode.CHECK_FAILED : ExitCode.OK;
    }
}
