package org.hfmailbox.review.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hfmailbox.review.InputError;

/**
 * A TLC model configuration (.cfg) as text: which invariants and temporal properties it checks, and the same cfg
 * with those replaced by a single one (for per-property runs). Comments ({@code \*} and nested {@code (* *)}) are
 * understood; everything else is kept verbatim.
 */
public final class CfgFile {
    private static final Set<String> KEYWORDS = Set.of("CONSTANT", "CONSTANTS", "INIT", "NEXT", "SPECIFICATION",
            "INVARIANT", "INVARIANTS", "PROPERTY", "PROPERTIES", "SYMMETRY", "VIEW", "CONSTRAINT", "CONSTRAINTS",
            "ACTION_CONSTRAINT", "ACTION_CONSTRAINTS", "CHECK_DEADLOCK", "POSTCONDITION", "ALIAS");

    /** A keyword and the text it governs, up to the next keyword. */
    private record Section(String keyword, int start, int end, List<String> words) {
        boolean isInvariant() {
            return keyword.startsWith("INVARIANT");
        }

        boolean isProperty() {
            return keyword.startsWith("PROPERT");
        }
    }

    private final String text;
    private final List<Section> sections;

    private CfgFile(String text, List<Section> sections) {
        this.text = text;
        this.sections = List.copyOf(sections);
    }

    /**
     * Reads and parses a cfg file; a missing, unreadable or malformed file is an input error naming it
     * ({@code shown}: the path as the user sees it; {@code missingPrefix}: what refers to it, e.g. a manifest field).
     */
    public static CfgFile read(Path cfgPath, String shown, String missingPrefix) {
        if (!Files.isRegularFile(cfgPath)) {
            throw new InputError(missingPrefix + shown + " not found");
        }
        try {
            return parse(Files.readString(cfgPath, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputError(shown + ": cannot read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InputError(shown + ": " + e.getMessage());
        }
    }

    /** Parses the cfg text; throws IllegalArgumentException (with a line number) on an unterminated comment. */
    public static CfgFile parse(String text) {
        List<Section> sections = new ArrayList<>();
        String keyword = null;
        int start = 0;
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char ch = text.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (text.startsWith("\\*", i)) {
                int nl = text.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (text.startsWith("(*", i)) {
                i = skipBlockComment(text, i);
            } else if (isIdentChar(ch)) {
                int j = i;
                while (j < n && isIdentChar(text.charAt(j))) {
                    j++;
                }
                String word = text.substring(i, j);
                if (KEYWORDS.contains(word)) {
                    if (keyword != null) {
                        sections.add(new Section(keyword, start, i, List.copyOf(words)));
                    }
                    keyword = word;
                    start = i;
                    words.clear();
                } else {
                    words.add(word);
                }
                i = j;
            } else {
                words.add(String.valueOf(ch));
                i++;
            }
        }
        if (keyword != null) {
            sections.add(new Section(keyword, start, n, List.copyOf(words)));
        }
        return new CfgFile(text, sections);
    }

    private static int skipBlockComment(String text, int from) {
        int depth = 0;
        int i = from;
        while (i < text.length()) {
            if (text.startsWith("(*", i)) {
                depth++;
                i += 2;
            } else if (text.startsWith("*)", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        int line = (int) text.substring(0, from).chars().filter(c -> c == '\n').count() + 1;
        throw new IllegalArgumentException("line " + line + ": comment (* is never closed");
    }

    private static boolean isIdentChar(char ch) {
        return Character.isLetterOrDigit(ch) || ch == '_';
    }

    /** The behaviour specification the SPECIFICATION section names, or "" when there is none. */
    public String specification() {
        return firstNameIn("SPECIFICATION");
    }

    /** The view the VIEW section names, or "" when there is none. */
    public String view() {
        return firstNameIn("VIEW");
    }

    private String firstNameIn(String keyword) {
        for (Section s : sections) {
            if (s.keyword().equals(keyword) && !s.words().isEmpty()) {
                return s.words().get(0);
            }
        }
        return "";
    }

    /** Whether an ACTION_CONSTRAINT(S) section names a constraint (steps it rejects are not explored). */
    public boolean constrainsActions() {
        return sections.stream().anyMatch(s -> s.keyword().startsWith("ACTION_CONSTRAINT") && !s.words().isEmpty());
    }

    /**
     * Whether this cfg checks liveness: its specification has fairness (the spec's convention: a name starting with
     * "Fair", as FairSpec). Such runs use one TLC worker and check liveness at the end only (CheckRunner).
     */
    public boolean checksLiveness() {
        return specification().startsWith("Fair") && !properties().isEmpty();
    }

    /** The invariants named by INVARIANT(S) sections, in order. */
    public List<String> invariants() {
        return names(true);
    }

    /** The temporal properties named by PROPERTY/PROPERTIES sections, in order. */
    public List<String> properties() {
        return names(false);
    }

    private List<String> names(boolean invariants) {
        List<String> out = new ArrayList<>();
        for (Section s : sections) {
            if (invariants ? s.isInvariant() : s.isProperty()) {
                out.addAll(s.words());
            }
        }
        return out;
    }

    /**
     * The same cfg with its SPECIFICATION section naming {@code specification} instead (the cfg must have one).
     */
    public String withSpecification(String specification) {
        for (Section s : sections) {
            if (s.keyword().equals("SPECIFICATION") && !s.words().isEmpty()) {
                return text.substring(0, s.start()) + "SPECIFICATION " + specification + "\n" + text.substring(s.end());
            }
        }
        throw new IllegalArgumentException("the cfg has no SPECIFICATION section");
    }

    /**
     * The same cfg checking only {@code name}: every INVARIANT(S) and PROPERTY(IES) section is removed and one line
     * {@code INVARIANT name} (if it is one of the invariants) or {@code PROPERTY name} is appended.
     */
    public String onlyChecking(String name) {
        return onlyChecking(List.of(name));
    }

    /**
     * The same cfg checking only {@code names} (each an invariant or a property of this cfg): every INVARIANT(S) and
     * PROPERTY(IES) section is removed and one line per name appended.
     */
    public String onlyChecking(List<String> names) {
        for (String name : names) {
            if (!invariants().contains(name) && !properties().contains(name)) {
                throw new IllegalArgumentException(name + " is neither an invariant nor a property of this cfg");
            }
        }
        StringBuilder b = new StringBuilder();
        int copied = 0;
        for (Section s : sections) {
            if (s.isInvariant() || s.isProperty()) {
                b.append(text, copied, s.start());
                copied = s.end();
            }
        }
        b.append(text.substring(copied));
        if (b.length() > 0 && b.charAt(b.length() - 1) != '\n') {
            b.append('\n');
        }
        b.append("\\* generated by ./mailbox check: this run checks ").append(String.join(", ", names))
                .append(names.size() == 1 ? " only\n" : "\n");
        for (String name : names) {
            b.append(invariants().contains(name) ? "INVARIANT " : "PROPERTY ").append(name).append('\n');
        }
        return b.toString();
    }
}
