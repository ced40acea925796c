package org.hfmailbox.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A textual mutation of spec/Mailbox.tla, applied where the lead marked it with a comment
 * {@code \* MUTATION: <name>: <instruction>}. Two instructions are understood, each acting on the line after the
 * comment: {@code replace "A" by "B"} (the first A on that line becomes B) and {@code replace the next line by X}
 * (the line keeps its indentation and its {@code /\} or {@code \/} bullet; the rest becomes X).
 */
final class SpecMutation {
    private static final Pattern MARK = Pattern.compile("\\\\\\* MUTATION: ([a-z0-9-]+): (.*)$");
    private static final Pattern REPLACE = Pattern.compile("replace \"(.*)\" by \"(.*)\"\\s*$");
    private static final Pattern REPLACE_LINE = Pattern.compile("replace the next line by (.*?)\\s*$");
    private static final Pattern BULLET = Pattern.compile("^(\\s*(?:/\\\\|\\\\/)?\\s*)");

    private SpecMutation() {
    }

    /** The spec text with mutation {@code name} applied; throws if the marker or its target is missing. */
    static String apply(String spec, String name) {
        List<String> lines = new ArrayList<>(List.of(spec.split("\n", -1)));
        for (int i = 0; i < lines.size() - 1; i++) {
            Matcher m = MARK.matcher(lines.get(i));
            if (!m.find() || !m.group(1).equals(name)) {
                continue;
            }
            String instruction = m.group(2).strip();
            String target = lines.get(i + 1);
            Matcher r = REPLACE.matcher(instruction);
            Matcher l = REPLACE_LINE.matcher(instruction);
            String mutated;
            if (r.find()) {
                int at = target.indexOf(r.group(1));
                if (at < 0) {
                    throw new IllegalStateException("mutation " + name + ": \"" + r.group(1) + "\" not on line "
                            + (i + 2) + ": " + target);
                }
                mutated = target.substring(0, at) + r.group(2) + target.substring(at + r.group(1).length());
            } else if (l.find()) {
                Matcher b = BULLET.matcher(target);
                b.find();
                mutated = b.group(1) + l.group(1);
            } else {
                throw new IllegalStateException("mutation " + name + ": instruction not understood: " + instruction);
            }
            lines.set(i + 1, mutated);
            return String.join("\n", lines);
        }
        throw new IllegalStateException("no line marked \\* MUTATION: " + name + " in the spec");
    }
}
