package org.hfmailbox.refinement.perprocess;

import java.util.OptionalLong;

/**
 * The verdict of one TLC process on one trace (spec/TraceMailbox.tla): accepted, or rejected at event
 * {@code rejectedSeq} (0 = the header's initial state); {@code exitCode} is TLC's.
 */
public record ProcessVerdict(String source, boolean accepted, OptionalLong rejectedSeq, int exitCode,
                             long millis, String output) {
}
