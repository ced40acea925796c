package org.hfmailbox.review.diff;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.hfmailbox.review.InputError;
import org.hfmailbox.review.PathDisplay;
import org.hfmailbox.review.Trees;
import org.hfmailbox.review.check.CheckRunner;
import org.hfmailbox.review.check.ConfigurationOutcome;
import org.hfmailbox.review.check.PropertyVerdict;
import org.hfmailbox.review.check.RunOutcome;
import org.hfmailbox.review.check.StepTable;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ManifestReader;
import org.hfmailbox.review.manifest.ModelConfiguration;
import org.hfmailbox.review.spec.SpecOutline;

/**
 * {@code ./mailbox diff-spec}: compares two spec revisions (already copied into folders) for the terminal and as
 * an HTML section of the report: the declarations SANY sees, per configuration the state counts and verdicts of
 * each revision (the check command's runner, its output in {@code check.log}), and whether each revision refines
 * the other ({@link RefinementCheck}).
 */
public final class SpecDiffRunner {
    /** One configuration's comparison. */
    public record ConfigDiff(String name, Optional<ConfigurationOutcome> old, Optional<ConfigurationOutcome> now,
            Optional<RefinementCheck.Result> newRefinesOld, Optional<RefinementCheck.Result> oldRefinesNew,
            String note, List<String> undecided) {
        public ConfigDiff {
            undecided = List.copyOf(undecided);
        }

        public boolean behaviourDiffers() {
            return newRefinesOld.map(r -> !r.refines()).orElse(false) || oldRefinesNew.map(r -> !r.refines()).orElse(false);
        }
    }

    /** The whole comparison; {@code scenarios} is the scenario cross-check when it ran. */
    public record Result(String oldName, String newName, OutlineDiff outline, List<ConfigDiff> configs,
            Optional<ScenarioCrossCheck.Result> scenarios) {
        public Result {
            configs = List.copyOf(configs);
        }

        public boolean behaviourDiffers() {
            return configs.stream().anyMatch(ConfigDiff::behaviourDiffers)
                    || scenarios.map(ScenarioCrossCheck.Result::differs).orElse(false);
        }

        /** Every difference measured, and what could not be decided. */
        public DiffConclusion conclusion() {
            return DiffConclusion.of(this);
        }

        /** A refinement run or a direction of the scenario cross-check was undecided. */
        public boolean undecided() {
            return configs.stream().anyMatch(c -> c.newRefinesOld().map(r -> !r.refines() && !r.brokenAtStep())
                    .orElse(false) || c.oldRefinesNew().map(r -> !r.refines() && !r.brokenAtStep()).orElse(false))
                    || scenarios.map(ScenarioCrossCheck.Result::undecided).orElse(false);
        }
    }

    /**
     * The scenario cross-check's settings: derive walks from {@code config}'s state graph, at most {@code walks} walks
     * of {@code steps} steps; {@code enabled} false skips it.
     */
    public record ScenarioOptions(boolean enabled, String config, int walks, int steps) {
    }

    private final PathDisplay display;
    private final PrintWriter out;

    public SpecDiffRunner(PathDisplay display, PrintWriter out) {
        this.display = display;
        this.out = out;
    }

    /**
     * @param oldDir    the old revision's spec folder
     * @param newDir    the new revision's spec folder
     * @param configs   configuration names
     * @param verdicts  whether to run the configurations' own checks (state counts and verdicts) on both revisions
     * @param mapping   expressions for variables one revision lacks (used in both directions where they apply)
     * @param scenarios the model-derived scenario cross-check ({@link ScenarioCrossCheck}), run after the
     *                  configurations when enabled
     * @param workDir   where generated modules and TLC's output go
     */
    public Result run(String oldName, Path oldDir, String newName, Path newDir, List<String> configs, boolean verdicts,
            Map<String, String> mapping, ScenarioOptions scenarios, Path workDir) throws IOException {
        SpecOutline oldOutline = SpecOutline.read(oldDir, "Mailbox");
        SpecOutline newOutline = SpecOutline.read(newDir, "Mailbox");
        OutlineDiff outline = OutlineDiff.of(oldOutline, newOutline);
        out.printf("== diff-spec: OLD = %s, NEW = %s ==%n", oldName, newName);
        outline.lines().forEach(l -> out.println("  " + l));
        out.flush();
        Optional<Manifest> oldManifest = manifest(oldDir);
        Optional<Manifest> newManifest = manifest(newDir);
        if (scenarios.enabled() && oldManifest.flatMap(m -> m.find(scenarios.config())).isEmpty()
                && newManifest.flatMap(m -> m.find(scenarios.config())).isEmpty()) {
            throw new org.hfmailbox.review.InputError("--scenario-config " + scenarios.config() + ": neither OLD's nor"
                    + " NEW's manifest.json has this configuration");
        }
        List<ConfigDiff> diffs = new ArrayList<>();
        Path logFile = workDir.resolve("check.log");
        try (Writer w = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8); PrintWriter log = new PrintWriter(w)) {
            for (String name : configs) {
                diffs.add(config(name, oldManifest, newManifest, oldName, oldDir, newName, newDir, verdicts, mapping,
                        workDir, log));
            }
        }
        Optional<ScenarioCrossCheck.Result> crossCheck = Optional.empty();
        if (scenarios.enabled()) {
            crossCheck = Optional.of(crossCheck(oldDir, oldManifest, newDir, newManifest, scenarios,
                    workDir.resolve("scenarios")));
        }
        Result result = new Result(oldName, newName, outline, diffs, crossCheck);
        for (String line : result.conclusion().lines(configs)) {
            out.println("diff-spec: " + line);
        }
        out.printf("diff-spec: the check runs' output: %s%n", display.of(logFile));
        out.flush();
        return result;
    }

    private ConfigDiff config(String name, Optional<Manifest> oldManifest, Optional<Manifest> newManifest,
            String oldName, Path oldDir, String newName, Path newDir, boolean verdicts, Map<String, String> mapping,
            Path workDir, PrintWriter log) throws IOException {
        out.printf("== configuration %s ==%n", name);
        Optional<ModelConfiguration> oc = oldManifest.flatMap(m -> m.find(name));
        Optional<ModelConfiguration> nc = newManifest.flatMap(m -> m.find(name));
        if (oc.isEmpty() || nc.isEmpty()) {
            String note = "not in " + (oc.isEmpty() ? "OLD" : "") + (oc.isEmpty() && nc.isEmpty() ? " or " : "")
                    + (nc.isEmpty() ? "NEW" : "") + "'s manifest.json: skipped";
            out.println("  " + note);
            out.flush();
            return new ConfigDiff(name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), note,
                    List.of());
        }
        Optional<ConfigurationOutcome> oldOutcome = Optional.empty();
        Optional<ConfigurationOutcome> newOutcome = Optional.empty();
        if (verdicts) {
            out.println("  checking both revisions with the configuration's own invariants and properties ...");
            out.flush();
            oldOutcome = Optional.of(new CheckRunner(oldManifest.get(), workDir.resolve("check-old"), display, log,
                    OptionalInt.empty(), Duration.ofSeconds(60)).check(oc.get()));
            newOutcome = Optional.of(new CheckRunner(newManifest.get(), workDir.resolve("check-new"), display, log,
                    OptionalInt.empty(), Duration.ofSeconds(60)).check(nc.get()));
            printVerdicts(oldOutcome.get(), newOutcome.get());
        }
        String cfg = nc.get().cfg();
        List<String> undecided = new ArrayList<>();
        Optional<RefinementCheck.Result> a = refinement("NEW", newDir, "OLD", oldDir, oldManifest.get().spec(), cfg,
                mapping, workDir.resolve("refines-" + name + "-new-old"), name, undecided);
        Optional<RefinementCheck.Result> b = refinement("OLD", oldDir, "NEW", newDir, newManifest.get().spec(), cfg,
                mapping, workDir.resolve("refines-" + name + "-old-new"), name, undecided);
        return new ConfigDiff(name, oldOutcome, newOutcome, a, b, "", undecided);
    }

    /**
     * Whether impl refines abs, decided by TLC and printed; empty (and a line in {@code undecided}) when abs has
     * variables with no counterpart in impl and no --map for them: there is no refinement mapping to check.
     */
    private Optional<RefinementCheck.Result> refinement(String implName, Path implDir, String absName, Path absDir,
            String module, String cfg, Map<String, String> mapping, Path work, String config, List<String> undecided)
            throws IOException {
        List<String> missing = RefinementCheck.unmapped(implDir, absDir, module, mapping);
        if (!missing.isEmpty()) {
            String why = absName + "'s variables " + String.join(", ", missing) + " have no counterpart in " + implName
                    + " (give each with --map VAR=EXPRESSION over " + implName + "'s variables)";
            out.println("  " + implName + " refines " + absName + ": undecided: " + why);
            out.flush();
            undecided.add(config + ": whether " + implName + " refines " + absName + ": " + why);
            return Optional.empty();
        }
        RefinementCheck.Result r = RefinementCheck.run(implName, implDir, absName, absDir, module, cfg, mapping, work);
        printRefinement(r);
        return Optional.of(r);
    }

    private ScenarioCrossCheck.Result crossCheck(Path oldDir, Optional<Manifest> oldManifest, Path newDir,
            Optional<Manifest> newManifest, ScenarioOptions options, Path work) throws IOException {
        org.hfmailbox.review.Trees.deleteRecursively(work);
        out.println(ScenarioCrossCheckText.heading(options.config(), options.walks(), options.steps()));
        out.flush();
        ScenarioCrossCheck check = new ScenarioCrossCheck(line -> {
            out.println("  " + line);
            out.flush();
        });
        Manifest none = new Manifest(oldDir.resolve("manifest.json"), "manifest.json", "MCMailbox", List.of());
        ScenarioCrossCheck.Result r = check.run("OLD", oldDir, oldManifest.orElse(none), "NEW", newDir,
                newManifest.orElse(none), options.config(), options.walks(), options.steps(), work);
        ScenarioCrossCheckText.lines(r).forEach(out::println);
        out.flush();
        return r;
    }

    private Optional<Manifest> manifest(Path dir) {
        Path f = dir.resolve("manifest.json");
        return Files.isRegularFile(f) ? Optional.of(new ManifestReader().read(f, display.of(f))) : Optional.empty();
    }

    private void printVerdicts(ConfigurationOutcome o, ConfigurationOutcome n) {
        out.printf("  %-28s  %-14s  %-14s%n", "", "OLD", "NEW");
        out.printf("  %-28s  %-14s  %-14s%n", "distinct states", distinct(o), distinct(n));
        for (String p : names(o, n)) {
            String a = verdict(o, p);
            String b = verdict(n, p);
            out.printf("  %-28s  %-14s  %-14s%s%n", p, a, b, a.equals(b) ? "" : "  <- changed");
        }
        out.flush();
    }

    static Set<String> names(ConfigurationOutcome o, ConfigurationOutcome n) {
        Set<String> names = new LinkedHashSet<>();
        o.verdicts().forEach(v -> names.add(v.name()));
        n.verdicts().forEach(v -> names.add(v.name()));
        return names;
    }

    static String verdict(ConfigurationOutcome o, String property) {
        return o.verdicts().stream().filter(v -> v.name().equals(property)).findFirst().map(PropertyVerdict::foundText)
                .orElse("-");
    }

    static String distinct(ConfigurationOutcome o) {
        List<String> counts = new ArrayList<>();
        for (RunOutcome r : o.runs()) {
            if (r.report().complete() && r.report().distinctStates().isPresent()) {
                String s = String.format("%,d", r.report().distinctStates().getAsLong());
                if (!counts.contains(s)) {
                    counts.add(s);
                }
            }
        }
        return counts.isEmpty() ? "(stopped)" : String.join(" / ", counts);
    }

    private void printRefinement(RefinementCheck.Result r) {
        String head = "  " + r.implementation() + " refines " + r.abstraction() + ": ";
        if (r.refines()) {
            out.printf("%syes (TLC explored %s distinct states of %s's model in %.1f s)%n", head,
                    r.report().distinctStates().isPresent() ? String.format("%,d", r.report().distinctStates().getAsLong())
                            : "?", r.implementation(), r.wallTime().toMillis() / 1000.0);
        } else if (r.brokenAtStep()) {
            out.printf("%sNO: a behaviour of %s that %s does not allow (%d states; the last step is the first that"
                    + " differs):%n", head, r.implementation(), r.abstraction(), r.report().trace().size());
            for (String line : StepTable.render(r.report().trace(), OptionalInt.empty(), false)) {
                out.println("    " + line);
            }
        } else {
            out.printf("%sundecided: TLC ended with exit status %d: %s%n", head, r.report().exitStatus(),
                    String.join(" ", r.report().errors()).replace('\n', ' '));
        }
        out.flush();
    }
}
