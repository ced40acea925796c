package org.hfmailbox.review.spec;

import java.util.Set;
import org.hfmailbox.refinement.model.DotDump;

/** Line-based edits of a TLC model configuration whose keywords start their lines (as every cfg of spec/ does). */
public final class CfgText {
    private static final Set<String> KEYWORDS = Set.of("CONSTANT", "CONSTANTS", "INIT", "NEXT", "SPECIFICATION",
            "INVARIANT", "INVARIANTS", "PROPERTY", "PROPERTIES", "SYMMETRY", "VIEW", "CONSTRAINT", "CONSTRAINTS",
            "ACTION_CONSTRAINT", "ACTION_CONSTRAINTS", "CHECK_DEADLOCK", "POSTCONDITION", "ALIAS");
    private static final Set<String> CHECKS = Set.of("INVARIANT", "INVARIANTS", "PROPERTY", "PROPERTIES");

    private CfgText() {
    }

    /** The cfg without its INVARIANT(S) and PROPERTY(IES) sections. */
    public static String withoutChecks(String cfg) {
        StringBuilder b = new StringBuilder();
        boolean skipping = false;
        for (String line : cfg.split("\n", -1)) {
            String first = firstWord(line);
            if (KEYWORDS.contains(first)) {
                skipping = CHECKS.contains(first);
            }
            if (!skipping) {
                b.append(line).append('\n');
            }
        }
        return b.toString().stripTrailing() + "\n";
    }

    /** The cfg for dumping its state graph: the one {@code cover} dumps with ({@link DotDump#graphConfig}). */
    public static String forStateGraph(String cfg) {
        return String.join("\n", DotDump.graphConfig(cfg.lines().toList())) + "\n";
    }

    /** The cfg checking only the given property (its own checks removed). */
    public static String checkingProperty(String cfg, String property) {
        return withoutChecks(cfg) + "PROPERTY " + property + "\n";
    }

    private static String firstWord(String line) {
        String t = line.strip();
        int i = 0;
        while (i < t.length() && (Character.isLetterOrDigit(t.charAt(i)) || t.charAt(i) == '_')) {
            i++;
        }
        return t.substring(0, i);
    }
}
