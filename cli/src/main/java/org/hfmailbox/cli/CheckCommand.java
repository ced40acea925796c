package org.hfmailbox.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.hfmailbox.review.InputError;
import org.hfmailbox.review.PathDisplay;
import org.hfmailbox.review.RepoRoot;
import org.hfmailbox.review.check.CheckRunner;
import org.hfmailbox.review.check.ManifestListing;
import org.hfmailbox.review.distributed.DistributedCheck;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ManifestReader;
import org.hfmailbox.review.manifest.ModelConfiguration;
import org.hfmailbox.review.simulate.SimulationBudget;
import org.hfmailbox.review.simulate.SimulationChecker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./mailbox check}: model-checks configurations of spec/manifest.json with TLC. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Model-check spec/Mailbox.tla with TLC for configurations of spec/manifest.json (one TLC run"
            + " per child JVM, one after the other): progress every 10 s, counterexamples as step tables, and a"
            + " summary of every verdict against the manifest. TLC's raw output stays under target/check/.",
            "Without --config or --ci it checks the configuration named 'default'."},
        footer = {"", "Exit status: 0 every verdict (and distinct-state count) matches the manifest; 1 a mismatch;"
            + " 2 bad usage or input (unknown configuration, malformed manifest, cfg or spec)."})
public final class CheckCommand implements Callable<Integer> {
    /** The configuration checked when none is named. */
    public static final String DEFAULT_CONFIGURATION = "default";
    /** Steps per simulated behaviour when --depth is not given. */
    private static final int DEFAULT_DEPTH = 100;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "NAME", description = "a configuration to check (repeatable)")
    private List<String> configs = new ArrayList<>();

    @Option(names = "--property", paramLabel = "NAME", description = "check only this invariant or property of the"
            + " chosen configurations (repeatable; one TLC run each)")
    private List<String> properties = new ArrayList<>();

    @Option(names = "--ci", description = "check every configuration the manifest marks \"ci\": true")
    private boolean ci;

    @Option(names = "--workers", paramLabel = "N", description = "TLC workers (default: the manifest's per configuration)")
    private Integer workers;

    @Option(names = "--list", description = "list the configurations and what each checks, then exit")
    private boolean list;

    @Option(names = "--spec-dir", paramLabel = "DIR", description = "folder with manifest.json, the spec and cfgs (default: spec/)")
    private Path specDir;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "where TLC's raw output goes (default: target/check/)")
    private Path outDir;

    @Option(names = "--distributed", description = "run TLC's distributed mode (TLCServer and TLCWorker processes;"
            + " safety configurations only: the distributed server does not check temporal properties)")
    private boolean distributed;

    @Option(names = "--distributed-workers", paramLabel = "N", defaultValue = "2",
            description = "with --distributed: worker processes started on this machine (0: wait for workers"
                    + " started on other hosts, see docs/review.md; default 2)")
    private int distributedWorkers;

    @Option(names = "--server-host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "with --distributed: the address workers use to reach the server (default 127.0.0.1)")
    private String serverHost;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "with --distributed: the server's RMI port (default: a free one)")
    private int port;

    @Option(names = "--simulate", description = "TLC's simulation mode instead of an exhaustive run: random"
            + " behaviours of --depth steps, checking the configuration's invariants and action properties, until"
            + " --traces behaviours or --seconds (default 60 s); the checks expected to hold together, each expected"
            + " violation alone (the time to find it is printed); safety configurations only")
    private boolean simulate;

    @Option(names = "--depth", paramLabel = "D", description = "with --simulate: steps per behaviour (default "
            + DEFAULT_DEPTH + ")")
    private Integer depth;

    @Option(names = "--traces", paramLabel = "N", description = "with --simulate: behaviours to explore per check")
    private Long traces;

    @Option(names = "--seconds", paramLabel = "S", description = "with --simulate: wall-clock seconds per check"
            + " (default 60 when --traces is not given)")
    private Long seconds;

    @Option(names = "--random-seed", paramLabel = "S", description = "with --simulate: TLC's random seed for the"
            + " first batch of behaviours (default: a random one, printed)")
    private Long randomSeed;

    @Option(names = "--progress-seconds", paramLabel = "S", defaultValue = "10", hidden = true,
            description = "seconds between progress lines")
    private int progressSeconds;

    @Override
    public Integer call() throws IOException {
        if (workers != null && workers < 1) {
            throw new ParameterException(spec.commandLine(), "--workers must be at least 1, got " + workers);
        }
        if (progressSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--progress-seconds must be at least 1");
        }
        Path root = RepoRoot.locate();
        PathDisplay display = new PathDisplay(root);
        Path dir = specDir != null ? specDir : root.resolve("spec");
        Path manifestFile = dir.resolve("manifest.json");
        Manifest manifest = new ManifestReader().read(manifestFile, display.of(manifestFile));
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            ManifestListing.print(manifest, out);
            return ExitCode.OK;
        }
        List<ModelConfiguration> chosen = choose(manifest);
        if (simulate) {
            return checkSimulated(manifest, chosen, root, display, out);
        }
        if (!simulateOnlyOptionsAbsent()) {
            throw new ParameterException(spec.commandLine(), "--depth, --traces, --seconds and --random-seed need"
                    + " --simulate");
        }
        if (distributed) {
            return checkDistributed(manifest, chosen, root, display, out);
        }
        CheckRunner runner = new CheckRunner(manifest, outDir != null ? outDir : root.resolve("target").resolve("check"),
                display, out, workers == null ? OptionalInt.empty() : OptionalInt.of(workers),
                Duration.ofSeconds(progressSeconds));
        List<String> failed = new ArrayList<>();
        for (ModelConfiguration c : chosen) {
            if (!runner.check(c, properties).passed()) {
                failed.add(c.name());
            }
        }
        out.printf("check: %d configuration%s checked, %d passed, %d failed%s%n", chosen.size(),
                chosen.size() == 1 ? "" : "s", chosen.size() - failed.size(), failed.size(),
                failed.isEmpty() ? "" : " (" + String.join(", ", failed) + ")");
        out.flush();
        return failed.isEmpty() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    private boolean simulateOnlyOptionsAbsent() {
        return traces == null && seconds == null && randomSeed == null && depth == null;
    }

    private int checkSimulated(Manifest manifest, List<ModelConfiguration> chosen, Path root, PathDisplay display,
            PrintWriter out) throws IOException {
        if (distributed) {
            throw new ParameterException(spec.commandLine(), "--simulate and --distributed exclude each other");
        }
        SimulationBudget budget;
        try {
            budget = new SimulationBudget(depth != null ? depth : DEFAULT_DEPTH, traces == null ? OptionalLong.empty() : OptionalLong.of(traces),
                    seconds == null && traces == null ? Optional.of(Duration.ofSeconds(60))
                            : Optional.ofNullable(seconds).map(Duration::ofSeconds),
                    randomSeed != null ? randomSeed : new SplittableRandom().nextLong(1, Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        SimulationChecker checker = new SimulationChecker(manifest,
                outDir != null ? outDir : root.resolve("target").resolve("simulate"), display, out);
        List<String> failed = new ArrayList<>();
        for (ModelConfiguration c : chosen) {
            if (!checker.check(c, properties, budget)) {
                failed.add(c.name());
            }
        }
        out.printf("check --simulate: %d configuration%s, %d passed, %d failed%s%n", chosen.size(),
                chosen.size() == 1 ? "" : "s", chosen.size() - failed.size(), failed.size(),
                failed.isEmpty() ? "" : " (" + String.join(", ", failed) + ")");
        out.flush();
        return failed.isEmpty() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    private int checkDistributed(Manifest manifest, List<ModelConfiguration> chosen, Path root, PathDisplay display,
            PrintWriter out) throws IOException {
        if (distributedWorkers < 0) {
            throw new ParameterException(spec.commandLine(), "--distributed-workers must be at least 0");
        }
        DistributedCheck check = new DistributedCheck(display, out);
        Path base = outDir != null ? outDir : root.resolve("target").resolve("check-distributed");
        int status = ExitCode.OK;
        for (ModelConfiguration c : chosen) {
            DistributedCheck.Options o = new DistributedCheck.Options(distributedWorkers,
                    workers != null ? workers : 1, port, serverHost, Duration.ofHours(2));
            if (!check.checkAndSummarise(manifest, c, base.resolve(c.name()), o)) {
                status = ExitCode.CHECK_FAILED;
            }
        }
        return status;
    }

    private List<ModelConfiguration> choose(Manifest manifest) {
        List<ModelConfiguration> chosen = new ArrayList<>();
        if (ci) {
            manifest.configurations().stream().filter(ModelConfiguration::ci).forEach(chosen::add);
        }
        List<String> names = configs.isEmpty() && !ci ? List.of(DEFAULT_CONFIGURATION) : configs;
        for (String name : names) {
            ModelConfiguration c = manifest.find(name).orElseThrow(() -> new InputError(
                    "no configuration named '" + name + "' in " + manifest.displayName() + " (known: "
                            + manifest.configurations().stream().map(ModelConfiguration::name)
                                    .collect(Collectors.joining(", "))
                            + "; ./mailbox check --list describes them)"));
            if (!chosen.contains(c)) {
                chosen.add(c);
            }
        }
        return chosen;
    }
}
