package org.hfmailbox.review.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hfmailbox.review.tlc.ToolMessage;
import org.hfmailbox.review.tlc.ToolOutput;

/** Turns SANY's and TLC's parse reports into one line naming the file and, where SANY gives it, the line. */
final class ParseErrorText {
    private static final Pattern PARSING = Pattern.compile("^Parsing file (.*)$");
    private static final Pattern SEMANTIC = Pattern.compile("^Semantic processing of module (\\S+)");
    private static final Pattern MODULE_OF = Pattern.compile("of module (\\S+)");

    private ParseErrorText() {
    }

    /** The module file SANY was reading when it failed (a path as SANY printed it), if any. */
    static Optional<String> failingFile(ToolOutput out, String specDir) {
        String file = null;
        for (String line : out.plainLines()) {
            Matcher p = PARSING.matcher(line.strip());
            Matcher s = SEMANTIC.matcher(line.strip());
            if (p.matches()) {
                file = p.group(1);
            } else if (s.find()) {
                file = specDir + "/" + s.group(1) + ".tla";
            }
            if (isErrorStart(line)) {
                break;
            }
        }
        String detail = String.join(" ", detailLines(out));
        Matcher m = MODULE_OF.matcher(detail);
        if (m.find()) {
            file = specDir + "/" + m.group(1) + ".tla";
        }
        return Optional.ofNullable(file);
    }

    /** SANY's error text on one line. */
    static String detail(ToolOutput out) {
        List<String> lines = detailLines(out);
        if (lines.isEmpty()) {
            for (ToolMessage m : out.messages()) {
                if (m.isError()) {
                    lines.add(m.body().strip());
                }
            }
        }
        return oneLine(String.join(" ", lines));
    }

    private static List<String> detailLines(ToolOutput out) {
        List<String> lines = new ArrayList<>();
        boolean in = false;
        for (String line : out.plainLines()) {
            String t = line.strip();
            if (!in && isErrorStart(t)) {
                in = true;
            }
            if (in) {
                if (t.startsWith("Residual stack trace") || t.startsWith("Fatal errors") || t.startsWith("SANY finished")
                        || t.startsWith("tla2sany.semantic.AbortException")) {
                    break;
                }
                if (!t.isEmpty() && !t.startsWith("***Parse Error***") && !t.startsWith("*** Errors:")
                        && !t.equals("Semantic errors:")) {
                    lines.add(t);
                }
            }
        }
        return lines;
    }

    private static boolean isErrorStart(String line) {
        String l = line.strip().toLowerCase(Locale.ROOT);
        return l.startsWith("***parse error***") || l.startsWith("semantic errors") || l.startsWith("*** errors")
                || l.startsWith("lexical error") || l.startsWith("could not parse") || l.startsWith("cannot find source file");
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
