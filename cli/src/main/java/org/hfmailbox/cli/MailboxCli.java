package org.hfmailbox.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Set;
import org.hfmailbox.cli.bench.BenchCommand;
import org.hfmailbox.cli.CheckCommand;
import org.hfmailbox.review.InputError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point of the kit: {@code java -jar cli/target/mailbox-cli.jar VERB ...}, normally through the
 * {@code ./mailbox} launcher. Each verb is one command class listed in {@code subcommands}.
 */
@Command(name = "mailbox", mixinStandardHelpOptions = true, version = "mailbox 0.1.0 (Hafnium mailbox verification kit)",
        description = "The Hafnium mailbox verification kit: the TLA+ spec, the Java reference and the EL2 harness.",
        footer = {"", "Exit status: 0 ok; 1 a check failed or a verdict mismatched; 2 bad usage or input;",
            "3 an internal error of the tool."},
        subcommands = {
            ReplayCommand.class,
            CheckCommand.class,
            BenchCommand.class,
            RunCommand.class,
            ValidateCommand.class,
            FuzzCommand.class,
            ReportCommand.class,
            DiffSpecCommand.class,
            CoverCommand.class,
            MutateCommand.class,
        })
public final class MailboxCli {

    /** Every verb of the kit (docs: ./mailbox --help), whether or not its command has landed yet. */
    private static final Set<String> PLANNED_VERBS = Set.of("check", "run", "validate", "fuzz", "replay", "report",
            "diff-spec", "bench", "cover");

    private MailboxCli() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs one command line with the given streams and returns the exit status (never exits the JVM). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(MailboxCli.class);
        if (args.length > 0 && PLANNED_VERBS.contains(args[0]) && !cl.getSubcommands().containsKey(args[0])) {
            err.println("mailbox: the verb '" + args[0] + "' has not landed in this build yet (./mailbox --help lists"
                    + " the verbs)");
            err.flush();
            return ExitCode.INPUT_ERROR;
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, commandLine));
        cl.setParameterExceptionHandler((e, args1) -> {
            CommandLine c = e.getCommandLine();
            String name = c.getCommandSpec().qualifiedName(" ");
            c.getErr().println(name + ": " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, c.getErr());
            c.getErr().println("Try './" + name + " --help'.");
            c.getErr().flush();
            return ExitCode.INPUT_ERROR;
        });
        return cl.execute(args);
    }

    private static int handle(Exception e, CommandLine commandLine) {
        PrintWriter err = commandLine.getErr();
        String who = commandLine.getCommandSpec().qualifiedName(" ");
        if (e instanceof InputError) {
            err.println(who + ": " + e.getMessage());
            err.flush();
            return ExitCode.INPUT_ERROR;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            err.println(who + ": I/O error: " + e.getMessage());
            err.flush();
            return ExitCode.INPUT_ERROR;
        }
        err.println(who + ": internal error (a defect of the tool, please report it): " + e);
        e.printStackTrace(err);
        err.flush();
        return ExitCode.INTERNAL_ERROR;
    }
}
