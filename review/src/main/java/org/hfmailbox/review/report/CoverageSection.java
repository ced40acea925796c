package org.hfmailbox.review.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.hfmailbox.review.Xml;

/**
 * The action and table-row coverage of the refinement runs (refinement-tests/target/coverage.json, format
 * {@code hafnium-mailbox-coverage} of docs/refinement.md) as HTML; "not available" when the file is absent.
 */
public final class CoverageSection {
    private CoverageSection() {
    }

    /** The section body; an unreadable file is named in the text (the report is still written). */
    public static String render(Path file, String displayName) {
        if (!Files.isRegularFile(file)) {
            return "<p class=\"unavailable\">Coverage: not available (" + Xml.escape(displayName)
                    + " does not exist; the refinement tests write it: mvn -pl refinement-tests verify).</p>\n";
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            return "<p class=\"unavailable\">Coverage: not available (" + Xml.escape(displayName)
                    + " cannot be read: " + Xml.escape(String.valueOf(e.getMessage())) + ").</p>\n";
        }
        if (!"hafnium-mailbox-coverage".equals(root.path("format").asText())) {
            return "<p class=\"unavailable\">Coverage: not available (" + Xml.escape(displayName)
                    + ": field format is not \"hafnium-mailbox-coverage\").</p>\n";
        }
        StringBuilder b = new StringBuilder();
        b.append("<p>From <code>").append(Xml.escape(displayName)).append("</code>: ")
                .append(root.path("traces").asLong()).append(" traces (")
                .append(root.path("traces_rejected").asLong()).append(" rejected), ")
                .append(root.path("steps").asLong()).append(" steps.</p>\n");
        b.append("<div class=\"coverage\">");
        table(b, "action", root.path("actions"));
        table(b, "row", root.path("rows"));
        b.append("</div>\n");
        notExercised(b, "actions", root.path("actions_not_exercised"));
        notExercised(b, "table rows", root.path("rows_not_exercised"));
        return b.toString();
    }

    private static void table(StringBuilder b, String what, JsonNode counts) {
        b.append("<table class=\"coverage-").append(what).append("\"><tr><th>").append(what)
                .append("</th><th>steps</th></tr>\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = counts.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            long n = e.getValue().asLong();
            b.append("<tr").append(n == 0 ? " class=\"bad\"" : "").append("><td>").append(Xml.escape(e.getKey()))
                    .append("</td><td>").append(n).append("</td></tr>\n");
        }
        b.append("</table>");
    }

    private static void notExercised(StringBuilder b, String what, JsonNode list) {
        if (list.isArray() && list.size() > 0) {
            b.append("<p class=\"bad\">Not exercised ").append(what).append(": ");
            for (int i = 0; i < list.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(Xml.escape(list.get(i).asText()));
            }
            b.append("</p>\n");
        } else if (list.isArray()) {
            b.append("<p>Every ").append(what.replace("actions", "action").replace("table rows", "table row"))
                    .append(" was exercised.</p>\n");
        }
    }
}
