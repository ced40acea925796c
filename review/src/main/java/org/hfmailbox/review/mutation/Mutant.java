package org.hfmailbox.review.mutation;

/**
 * One mutant of spec/Mailbox.tla: a defect a hypervisor could plausibly have, made by replacing one fragment of one
 * line, and the configuration and property that must catch it.
 *
 * @param name     a short name (kebab case)
 * @param defect   the defect in words, as a reviewer would describe it
 * @param find     text that occurs exactly once in Mailbox.tla, within one line
 * @param replace  what it becomes
 * @param config   the manifest configuration that is checked (a corrected one: every property holds there)
 * @param killedBy the invariant or property of that configuration that must be violated
 */
public record Mutant(String name, String defect, String find, String replace, String config, String killedBy) {
    /**
     * The spec text with this mutant applied. Throws IllegalArgumentException when {@code find} is missing, occurs
     * more than once, spans lines, or the replacement changes nothing.
     */
    public String applyTo(String spec) {
        if (find.contains("\n") || replace.contains("\n")) {
            throw new IllegalArgumentException("mutant " + name + ": find and replace must stay within one line");
        }
        int at = spec.indexOf(find);
        if (at < 0) {
            throw new IllegalArgumentException("mutant " + name + ": \"" + find + "\" is not in Mailbox.tla any more");
        }
        if (spec.indexOf(find, at + 1) >= 0) {
            throw new IllegalArgumentException("mutant " + name + ": \"" + find + "\" occurs more than once in"
                    + " Mailbox.tla; make it unique");
        }
        if (find.equals(replace)) {
            throw new IllegalArgumentException("mutant " + name + ": the replacement changes nothing");
        }
        return spec.substring(0, at) + replace + spec.substring(at + find.length());
    }

    /** The line number (1-based) of Mailbox.tla that the mutant changes. */
    public int lineIn(String spec) {
        int at = spec.indexOf(find);
        return at < 0 ? -1 : (int) spec.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
