package org.hfmailbox.review.check;

import java.io.PrintWriter;
import java.util.stream.Collectors;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ModelConfiguration;

/** {@code ./mailbox check --list}: every configuration of the manifest and what it checks. */
public final class ManifestListing {
    private ManifestListing() {
    }

    public static void print(Manifest m, PrintWriter out) {
        out.printf("%d configurations in %s (spec %s):%n", m.configurations().size(), m.displayName(), m.spec());
        for (ModelConfiguration c : m.configurations()) {
            out.println();
            out.printf("%s%s%n", c.name(), c.ci() ? "  [run by CI]" : "  [not run by CI]");
            out.printf("  semantics   %s%n", c.semantics());
            out.printf("  shape       %s%n", c.shape().display());
            out.printf("  cfg         %s, mode %s, %d worker%s%n", c.cfg(), c.mode().text(), c.workers(),
                    c.workers() == 1 ? "" : "s");
            out.printf("  checks      %s%n", c.checks());
            c.boundsText().ifPresent(b -> out.printf("  bounds      %s%n", b));
            out.printf("  expects     %s%n", c.verdicts().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().display()).collect(Collectors.joining(", ")));
            if (!c.specifications().isEmpty()) {
                out.printf("  fairness    %s (fewer conditions, per property; the rest under the cfg's)%n",
                        c.specifications().entrySet().stream().map(e -> e.getKey() + " under " + e.getValue())
                                .collect(Collectors.joining(", ")));
            }
            out.printf("  distinct    %s%n", c.expectedDistinctStates().isPresent()
                    ? String.format("%,d states", c.expectedDistinctStates().getAsLong()) : "not declared");
        }
        out.flush();
    }
}
