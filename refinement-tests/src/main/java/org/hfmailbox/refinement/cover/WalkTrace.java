package org.hfmailbox.refinement.cover;

import java.util.List;

/** The reference's full-state trace of one covering walk (NDJSON lines, header first), named after the walk. */
public record WalkTrace(String name, List<String> lines) {
    public WalkTrace {
        lines = List.copyOf(lines);
    }
}
