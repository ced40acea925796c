package org.hfmailbox.refinement.cover;

/**
 * How far one walk got at one level: the number of its steps that level took (a prefix), and why it stopped when it
 * stopped early (null when it took every step).
 */
public record LevelOutcome(int steps, String reason) {
    public static LevelOutcome all(int steps) {
        return new LevelOutcome(steps, null);
    }
}
