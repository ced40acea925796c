package org.hfmailbox.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One command line run through {@link MailboxCli#execute}, the launcher's code path, with its output captured. */
record CliRun(int status, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = MailboxCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(status, out.toString(), err.toString());
    }

    /** Everything printed, for assertion messages. */
    String all() {
        return "exit " + status + "\n--- out:\n" + out + "\n--- err:\n" + err;
    }
}
