package org.hfmailbox.review.simulate;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hfmailbox.review.InputError;
import org.hfmailbox.review.PathDisplay;
import org.hfmailbox.review.check.CfgFile;
import org.hfmailbox.review.check.Durations;
import org.hfmailbox.review.check.StepTable;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ModelConfiguration;
import org.hfmailbox.review.manifest.Verdict;
import org.hfmailbox.review.tlc.TlcReport;

/**
 * {@code ./mailbox check --simulate}: TLC's simulation mode on a configuration of the manifest, for shapes no
 * exhaustive run can finish. The checks expected to hold are simulated together; each expected violation is
 * simulated alone, so the time to find each defect is measured. A simulation can find a violation but never show
 * that a check holds: "no violation in N traces" is all it says.
 */
public final class SimulationChecker {
    private final Manifest manifest;
    private final Path outRoot;
    private final PathDisplay display;
    private final PrintWriter out;

    public SimulationChecker(Manifest manifest, Path outRoot, PathDisplay display, PrintWriter out) {
        this.manifest = manifest;
        this.outRoot = outRoot;
        this.display = display;
        this.out = out;
    }

    /** Simulates {@code c} (only the checks in {@code only} when not empty); true when every verdict matches. */
    public boolean check(ModelConfiguration c, List<String> only, SimulationBudget budget) throws IOException {
        Path cfgPath = manifest.specDir().resolve(c.cfg());
        CfgFile cfg = readCfg(cfgPath);
        if (cfg.checksLiveness()) {
            throw new InputError("configuration " + c.name() + " checks liveness (" + display.of(cfgPath)
                    + ", SPECIFICATION " + cfg.specification() + "): --simulate checks invariants and action"
                    + " properties only; choose a safety configuration");
        }
        List<String> checks = new ArrayList<>(only.isEmpty() ? c.verdicts().keySet() : only);
        for (String name : checks) {
            if (!c.verdicts().containsKey(name)) {
                throw new InputError("configuration " + c.name() + " does not check " + name + " (it checks "
                        + String.join(", ", c.verdicts().keySet()) + ")");
            }
        }
        Path dir = outRoot.resolve(c.name());
        Files.createDirectories(dir);
        out.printf("== simulate %s: %s semantics, shape %s, %s ==%n", c.name(), c.semantics(), c.shape().display(),
                budget.display());
        out.flush();
        SimulationCampaign campaign = new SimulationCampaign(new SimulationBatch(manifest.specDir(), manifest.spec()),
                out);
        List<String> holding = checks.stream().filter(n -> c.expected(n) == Verdict.HOLDS).toList();
        List<String> lines = new ArrayList<>();
        long traces = 0;
        long millis = 0;
        boolean passed = true;
        List<List<String>> groups = new ArrayList<>();
        if (!holding.isEmpty()) {
            groups.add(holding);
        }
        checks.stream().filter(n -> c.expected(n) == Verdict.VIOLATED).forEach(n -> groups.add(List.of(n)));
        for (List<String> group : groups) {
            String label = group.size() == 1 ? group.get(0) : "holding";
            Path generated = dir.resolve(label + ".cfg");
            Files.writeString(generated, cfg.onlyChecking(group), StandardCharsets.UTF_8);
            out.printf("-- %s/%s: TLC simulation of %s%n", c.name(), label, String.join(", ", group));
            out.flush();
            SimulationCampaign.Outcome o = campaign.run(label, generated, budget, dir);
            traces += o.traces();
            millis += o.wall().toMillis();
            passed &= judge(c, cfg, group, o, lines);
        }
        out.printf("== simulation summary of %s ==%n", c.name());
        out.printf("  behaviours       %,d traces of %d steps in %s = %.1f traces/s (TLC started once per batch)%n",
                traces, budget.depth(), Durations.seconds(java.time.Duration.ofMillis(millis)),
                millis == 0 ? 0 : traces * 1000.0 / millis);
        lines.forEach(out::println);
        out.printf("  result: %s%n", passed ? "PASS (every expected violation found, no other; simulation proves no"
                + " invariant)" : "FAIL (see the MISMATCH and NOT FOUND lines above)");
        out.flush();
        return passed;
    }

    private boolean judge(ModelConfiguration c, CfgFile cfg, List<String> group, SimulationCampaign.Outcome o,
            List<String> lines) {
        int width = c.verdicts().keySet().stream().mapToInt(String::length).max().orElse(4);
        String format = "  %-9s  %-" + width + "s  %-44s  expected %-8s  %s";
        boolean passed = true;
        if (o.violation().isPresent()) {
            TlcReport r = o.violation().get().resolvingLocations(manifest.specDir());
            String named = r.violatedInvariant().or(r::violatedProperty).orElse(group.size() == 1 && r.trace().size() > 0
                    ? group.get(0) : "");
            if (named.isEmpty() || !c.verdicts().containsKey(named)) {
                lines.add("  problem: " + String.join(", ", group) + ": TLC stopped with exit status " + r.exitStatus()
                        + (r.errors().isEmpty() ? "" : ": " + r.errors().get(0)));
                return false;
            }
            printCounterexample(c, named, r, o);
            for (String n : group) {
                boolean hit = n.equals(named);
                String found = hit ? String.format("VIOLATED after %s (%s)", Durations.seconds(o.foundAfter()),
                        o.foundInBatch()) : "not decided (the run stopped at " + named + ")";
                boolean ok = hit ? c.expected(n) == Verdict.VIOLATED : false;
                passed &= ok;
                lines.add(String.format(format, kind(cfg, n), n, found, c.expected(n).display(),
                        ok ? "ok" : hit ? "MISMATCH" : "UNDECIDED"));
            }
            return passed;
        }
        for (String n : group) {
            boolean ok = c.expected(n) == Verdict.HOLDS;
            passed &= ok;
            lines.add(String.format(format, kind(cfg, n), n, String.format("no violation in %,d traces", o.traces()),
                    c.expected(n).display(), ok ? "ok" : "NOT FOUND"));
        }
        return passed;
    }

    private void printCounterexample(ModelConfiguration c, String named, TlcReport r, SimulationCampaign.Outcome o) {
        out.printf("   counterexample for %s/%s: %s (%d states), found after %s in %s%n", c.name(), named,
                r.violationText(List.of()), r.trace().size(), Durations.seconds(o.foundAfter()), o.foundInBatch());
        for (String line : StepTable.render(r.trace(), r.loopBackTo(),
                r.loopAction(), r.stuttering())) {
            out.println("   " + line);
        }
        out.flush();
    }

    private static String kind(CfgFile cfg, String name) {
        return cfg.invariants().contains(name) ? "invariant" : "property";
    }

    private CfgFile readCfg(Path cfgPath) {
        return CfgFile.read(cfgPath, display.of(cfgPath), "");
    }
}
