package org.hfmailbox.review.pictures;

import java.util.List;
import java.util.Map;
import org.hfmailbox.review.Xml;
import org.hfmailbox.review.check.StepDescription;
import org.hfmailbox.review.tlc.TraceState;
import org.hfmailbox.refinement.value.TlaValue;
import org.hfmailbox.refinement.value.ValueDiff;

/** A counterexample's initial state and steps as an HTML table (the columns of the check command's step table). */
public final class StepTableHtml {
    private StepTableHtml() {
    }

    public static String render(Counterexample cx) {
        StringBuilder b = new StringBuilder();
        if (cx.trace().isEmpty()) {
            return "<p>(no states)</p>\n";
        }
        TraceState init = cx.trace().get(0);
        b.append("<details class=\"initial\"><summary>initial state (state ").append(init.number())
                .append(")</summary><pre>");
        for (Map.Entry<String, TlaValue> e : init.variables().entrySet()) {
            if (!e.getKey().equals(StepDescription.STEP_VARIABLE)) {
                b.append(Xml.escape(e.getKey() + " = " + e.getValue().render())).append('\n');
            }
        }
        b.append("</pre></details>\n");
        b.append("<table class=\"steps\" data-counterexample=\"").append(Xml.escape(cx.id())).append("\">\n");
        b.append("<tr><th>step</th><th>CPU</th><th>VM/vCPU</th><th>action</th><th>arguments</th><th>returns</th>"
                + "<th>changed variables</th></tr>\n");
        List<Counterexample.Step> steps = cx.steps();
        for (Counterexample.Step s : steps) {
            StepDescription d = s.description();
            boolean loop = cx.loopBackTo().isPresent() && cx.loopBackTo().getAsInt() == s.number();
            b.append("<tr").append(loop ? " class=\"loop-target\"" : "").append("><td>").append(loop ? "&#8634; " : "")
                    .append(s.number()).append("</td><td>").append(Xml.escape(d.cpu())).append("</td><td>")
                    .append(Xml.escape(d.actor())).append("</td><td>").append(Xml.escape(d.action()))
                    .append("</td><td>").append(Xml.escape(d.args())).append("</td><td>").append(Xml.escape(d.ret()))
                    .append("</td><td><code>");
            if (s.changes().isEmpty()) {
                b.append("(none)");
            }
            boolean first = true;
            for (ValueDiff.Change c : s.changes()) {
                b.append(first ? "" : "<br>").append(Xml.escape(c.render()));
                first = false;
            }
            b.append("</code></td></tr>\n");
        }
        cx.closingChanges().ifPresent(changes -> {
            b.append("<tr class=\"loop-close\"><td>&#8634; back to ").append(cx.loopBackTo().getAsInt())
                    .append("</td><td></td><td></td><td>").append(Xml.escape(cx.loopAction().orElse("?")))
                    .append("</td><td></td><td></td><td><code>");
            b.append(changes.isEmpty() ? "(none)" : String.join("<br>", changes.stream()
                    .map(c -> Xml.escape(c.render())).toList()));
            b.append("</code></td></tr>\n");
        });
        b.append("</table>\n");
        String end = SequenceDiagramSvg.loopText(cx, steps);
        if (!end.isEmpty()) {
            b.append("<p class=\"loop\">").append(Xml.escape(end)).append("</p>\n");
        }
        return b.toString();
    }
}
