package org.hfmailbox.review.check;

import java.nio.file.Path;
import java.util.List;

/**
 * One TLC run of a configuration.
 *
 * @param name    {@code all} for a single-mode run, else the invariant or property it checks
 * @param checks  the invariants and properties the run's cfg lists
 * @param cfg     the cfg TLC reads
 * @param workers TLC workers
 * @param why     why this worker count, when it is not the requested one
 */
public record PlannedRun(String name, List<String> checks, Path cfg, int workers, String why) {
    public PlannedRun {
        checks = List.copyOf(checks);
    }
}
