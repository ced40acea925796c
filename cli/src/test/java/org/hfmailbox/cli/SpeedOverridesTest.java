package org.hfmailbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hfmailbox.review.RepoRoot;
import org.hfmailbox.review.TlaToolProcess;
import org.hfmailbox.review.manifest.ModelConfiguration;
import org.hfmailbox.review.manifest.Verdict;
import org.hfmailbox.review.mutation.Mutant;
import org.hfmailbox.review.mutation.MutantList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overrides that make {@code default} fast ({@code SafetyCpuNext} for {@code CpuNext}, {@code SafetyReturn} for
 * {@code Return}, MCMailbox.tla) change no verdict and no distinct-state count. Checked on {@code small}, whose checks
 * are default's: with default's override lines added to small.cfg, every check gets the manifest's verdict, TLC finds
 * the manifest's number of distinct states, and it generates fewer successors than without them (so the overrides
 * took effect). A defect that adds a step changing nothing but {@code step}, of the kind a step property can
 * reject, is still caught under them. And {@code SafetyCpuNext} leaves out only argument tuples that take no step
 * under {@code SafetyReturn}: TLC generates exactly as many successors with it as without it, in both semantics.
 */
class SpeedOverridesTest {
    private static final Pattern GENERATED = Pattern.compile("(\\d+) states generated, (\\d+) distinct states found");
    private static final String SAFETY_RETURN = "Return <- SafetyReturn";
    private static final List<String> OVERRIDES = List.of("CpuNext <- SafetyCpuNext", SAFETY_RETURN);

    @TempDir
    Path tmp;

    @Test
    void smallUnderDefaultsOverridesHasTheSameStatesAndVerdicts() throws IOException {
        ModelConfiguration small = ViewVerdictsTest.declared("small");
        check(small, false, null, tmp.resolve("plain"));
        check(small, true, null, tmp.resolve("fast"));
        long[] plain = generatedAndDistinct(tmp.resolve("plain"), small);
        long[] fast = generatedAndDistinct(tmp.resolve("fast"), small);
        long declared = small.expectedDistinctStates().orElseThrow();
        assertEquals(declared, plain[1], "small without the overrides");
        assertEquals(declared, fast[1], "small with default's overrides");
        assertTrue(fast[0] * 2 < plain[0],
                "the overrides left " + fast[0] + " of " + plain[0] + " generated states: did they take effect?");
    }

    @Test
    void aKeptKindOfReturnIsStillCaught() throws IOException {
        ModelConfiguration small = ViewVerdictsTest.declared("small");
        Mutant mutant = MutantList.read(RepoRoot.locate().resolve("spec/mutants.json"), "spec/mutants.json")
                .stream().filter(m -> m.name().equals("empty-receive-reports-message")).findFirst().orElseThrow();
        CliRun run = check(small, true, mutant, tmp.resolve("mutant"));
        assertEquals("VIOLATED", ToyCheckTest.summaryVerdict(run.out(), small.name(), mutant.killedBy()), run.all());
        assertEquals(ExitCode.CHECK_FAILED, run.status(), run.all());
    }

    /**
     * Under SafetyReturn, SafetyCpuNext generates the very successors CpuNext does: the argument tuples it leaves out
     * take no step. TLC's count of generated successors counts every successor of every state, so one lost step
     * (one tuple left out that could still step somewhere) would lower it. Both semantics, since corrections
     * enable or disable calls (interrupt_inject, a secondary's CPU_ON), and two shapes: one secondary with two
     * vCPUs on two CPUs, and two secondaries (sends between secondaries) on one CPU.
     */
    @Test
    void narrowedGuestCallsGenerateTheSameSuccessors() throws IOException {
        Path spec = ViewVerdictsTest.copyOfSpec(tmp.resolve("narrowed"));
        for (Shape shape : List.of(new Shape(2, "OneSecondaryTwoVcpus"), new Shape(1, "TwoSecondariesOneVcpu"))) {
            for (String semantics : List.of("Corrected", "AA039B39")) {
                String name = shape.cpus() + "-" + shape.vcpuCount() + "-" + semantics;
                long[] all = runWithoutChecks(spec, name + "-all", shape, semantics, List.of(SAFETY_RETURN));
                long[] narrowed = runWithoutChecks(spec, name + "-narrowed", shape, semantics, OVERRIDES);
                assertTrue(all[0] > all[1] && all[1] > 100, name + ": implausible counts " + all[0] + ", " + all[1]);
                assertEquals(all[0], narrowed[0], name + ": successors generated with and without SafetyCpuNext;"
                        + " fewer with it means an argument tuple SafetyGuestCall leaves out (MCMailbox.tla) takes a"
                        + " step now, e.g. after a change to an argument check: widen SafetyGuestCall");
                assertEquals(all[1], narrowed[1], name + ": distinct states with and without SafetyCpuNext");
            }
        }
    }

    /** NumCPUs and the MCMailbox.tla name of the secondaries' vCPU counts. */
    private record Shape(int cpus, String vcpuCount) {
    }

    /** TLC's final counts for {@code shape} in {@code semantics}, with these override lines and no check. */
    private static long[] runWithoutChecks(Path spec, String name, Shape shape, String semantics,
            List<String> overrides) throws IOException {
        String cfg = "CONSTANTS\n    " + String.join("\n    ", overrides) + "\n" + String.join("\n",
                "    NumCPUs = " + shape.cpus(), "    SecondaryVCPUCount <- " + shape.vcpuCount(),
                "    Sizes <- BoundarySizes", "    Corrections <- " + semantics, "SPECIFICATION Spec", "VIEW View", "");
        Files.writeString(spec.resolve(name + ".cfg"), cfg, StandardCharsets.UTF_8);
        Path out = spec.resolve(name + ".out");
        TlaToolProcess tlc = TlaToolProcess.start("tlc2.TLC", List.of(), List.of("-config", name + ".cfg", "-deadlock",
                "-workers", "1", "-metadir", spec.resolve("states-" + name).toString(), "MCMailbox"), spec, out);
        int status = tlc.waitFor(Duration.ofMinutes(5));
        assertEquals(0, status, name + ":\n" + Files.readString(out, StandardCharsets.UTF_8));
        return generatedAndDistinct(out);
    }

    /** default.cfg names both overrides (this test checks what default uses). */
    @Test
    void defaultUsesTheOverrides() throws IOException {
        String cfg = Files.readString(RepoRoot.locate().resolve("spec/default.cfg"), StandardCharsets.UTF_8);
        for (String line : OVERRIDES) {
            assertTrue(cfg.contains("\n    " + line + "\n"), "default.cfg no longer has " + line + ": update this test");
        }
    }

    /**
     * Checks {@code c} on a copy of spec/, with default's overrides added to its cfg when {@code fast}, and with
     * {@code mutant} applied (then only the property that must catch it). Without a mutant, every verdict must be the
     * manifest's.
     */
    private CliRun check(ModelConfiguration c, boolean fast, Mutant mutant, Path dir) throws IOException {
        Path spec = ViewVerdictsTest.copyOfSpec(dir.resolve("spec"));
        Path cfg = spec.resolve(c.cfg());
        if (fast) {
            String text = Files.readString(cfg, StandardCharsets.UTF_8);
            assertTrue(text.contains("\nCONSTANTS\n"), c.cfg() + " has no CONSTANTS section: update this test");
            Files.writeString(cfg, text.replace("\nCONSTANTS\n",
                    "\nCONSTANTS\n    " + String.join("\n    ", OVERRIDES) + "\n"), StandardCharsets.UTF_8);
        }
        Path out = dir.resolve("out");
        CliRun run;
        if (mutant == null) {
            run = CliRun.of("check", "--spec-dir", spec.toString(), "--out-dir", out.toString(), "--config", c.name());
            for (Map.Entry<String, Verdict> v : c.verdicts().entrySet()) {
                assertEquals(v.getValue().display(), ToyCheckTest.summaryVerdict(run.out(), c.name(), v.getKey()),
                        (fast ? "with" : "without") + " the overrides\n" + run.all());
            }
            assertEquals(ExitCode.OK, run.status(), run.all());
        } else {
            Path tla = spec.resolve("Mailbox.tla");
            Files.writeString(tla, mutant.applyTo(Files.readString(tla, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            run = CliRun.of("check", "--spec-dir", spec.toString(), "--out-dir", out.toString(), "--config", c.name(),
                    "--property", mutant.killedBy());
        }
        return run;
    }

    /** TLC's final counts, from the raw output the check keeps in {@code <out-dir>/<config>/<config>.out}. */
    private static long[] generatedAndDistinct(Path dir, ModelConfiguration c) throws IOException {
        return generatedAndDistinct(dir.resolve("out").resolve(c.name()).resolve(c.name() + ".out"));
    }

    /** TLC's final counts (successors generated, distinct states) in its output {@code raw}. */
    private static long[] generatedAndDistinct(Path raw) throws IOException {
        Matcher m = GENERATED.matcher(Files.readString(raw, StandardCharsets.UTF_8));
        assertTrue(m.find(), "no final counts in " + raw);
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }
}
