package org.hfmailbox.refinement.cover;

import java.util.List;

/**
 * The EL2 level of a covering run: replays a batch of reference traces and says, per trace, how many of its steps
 * agreed. Supplied by the caller (the CLI wires the aarch64 harness), so that this module does not depend on it.
 */
@FunctionalInterface
public interface Replay {
    List<LevelOutcome> replay(List<WalkTrace> traces) throws Exception;
}
