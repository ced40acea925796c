package org.hfmailbox.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./mailbox bench}: throughput measurements; each kind is one subcommand. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput (min and median over several runs).",
        subcommands = {
            BenchCheckCommand.class,
            org.hfmailbox.cli.BenchReferenceCommand.class,
            org.hfmailbox.cli.BenchReplayCommand.class,
            org.hfmailbox.cli.BenchValidateCommand.class,
        })
public final class BenchCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name what to measure: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
