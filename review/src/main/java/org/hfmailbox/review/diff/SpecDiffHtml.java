package org.hfmailbox.review.diff;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.hfmailbox.review.Xml;
import org.hfmailbox.review.manifest.Shape;
import org.hfmailbox.review.pictures.Counterexample;
import org.hfmailbox.review.pictures.SequenceDiagramSvg;
import org.hfmailbox.review.pictures.StepTableHtml;

/** The spec diff as an HTML section of the report (written by diff-spec, included by report). */
public final class SpecDiffHtml {
    private SpecDiffHtml() {
    }

    /** @param shapes the shape of each configuration (for the sequence diagrams), by name */
    public static String render(SpecDiffRunner.Result r, java.util.function.Function<String, Optional<Shape>> shapes) {
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"spec-diff\"><p>Written by <code>./mailbox diff-spec</code> at ")
                .append(Xml.escape(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)))
                .append(": OLD = <code>").append(Xml.escape(r.oldName())).append("</code>, NEW = <code>")
                .append(Xml.escape(r.newName())).append("</code>. Behaviour: <b class=\"")
                .append(r.behaviourDiffers() ? "bad\">differs" : r.conclusion().anyDifference()
                        ? "bad\">no behavioural difference found, but see below" : "ok\">no difference found")
                .append("</b>.</p>\n");
        DiffConclusion conclusion = r.conclusion();
        if (conclusion.anyDifference()) {
            b.append("<ul class=\"conclusion\">");
            conclusion.behaviour().forEach(d -> b.append("<li>behaviour: ").append(Xml.escape(d)).append("</li>"));
            conclusion.counts().forEach(d -> b.append("<li>count: ").append(Xml.escape(d)).append("</li>"));
            conclusion.undecided().forEach(d -> b.append("<li>undecided: ").append(Xml.escape(d)).append("</li>"));
            b.append("</ul>\n");
        }
        b.append("<h3>Declarations (SANY)</h3>\n<ul class=\"outline\">");
        for (String line : r.outline().lines()) {
            b.append("<li>").append(Xml.escape(line)).append("</li>");
        }
        b.append("</ul>\n");
        for (SpecDiffRunner.ConfigDiff c : r.configs()) {
            b.append("<h3>Configuration ").append(Xml.escape(c.name())).append("</h3>\n");
            if (!c.note().isEmpty()) {
                b.append("<p>").append(Xml.escape(c.note())).append("</p>\n");
                continue;
            }
            if (c.old().isPresent() && c.now().isPresent()) {
                b.append("<table class=\"diff-verdicts\"><tr><th></th><th>OLD</th><th>NEW</th></tr>\n");
                b.append("<tr><td>distinct states</td><td>").append(Xml.escape(SpecDiffRunner.distinct(c.old().get())))
                        .append("</td><td>").append(Xml.escape(SpecDiffRunner.distinct(c.now().get())))
                        .append("</td></tr>\n");
                for (String p : SpecDiffRunner.names(c.old().get(), c.now().get())) {
                    String a = SpecDiffRunner.verdict(c.old().get(), p);
                    String n = SpecDiffRunner.verdict(c.now().get(), p);
                    b.append("<tr").append(a.equals(n) ? "" : " class=\"bad\"").append("><td>").append(Xml.escape(p))
                            .append("</td><td>").append(Xml.escape(a)).append("</td><td>").append(Xml.escape(n))
                            .append("</td></tr>\n");
                }
                b.append("</table>\n");
            }
            Optional<Shape> shape = shapes.apply(c.name());
            for (Optional<RefinementCheck.Result> o : java.util.List.of(c.newRefinesOld(), c.oldRefinesNew())) {
                o.ifPresent(rr -> refinement(b, c.name(), rr, shape));
            }
            for (String u : c.undecided()) {
                b.append("<p>Undecided: ").append(Xml.escape(u)).append("</p>\n");
            }
        }
        r.scenarios().ifPresent(sc -> b.append(scenarios(sc, shapes.apply(sc.config()))));
        b.append("</div>\n");
        return b.toString();
    }

    /**
     * The scenario cross-check: per direction the walks' figures, the other revision's verdict and, for the first
     * rejected step, the walk up to it as a sequence diagram (when the shape is known) and a step table.
     */
    public static String scenarios(ScenarioCrossCheck.Result r, Optional<Shape> shape) {
        StringBuilder b = new StringBuilder();
        b.append("<h3>Model-derived scenarios (configuration ").append(Xml.escape(r.config())).append(")</h3>\n");
        b.append("<p>Walks of each revision's state graph (at most ").append(r.walkCap()).append(" walks of ")
                .append(r.stepCap()).append(" steps; every state is the revision's own), each validated as a trace by"
                        + " TLC against the other revision's spec.</p>\n");
        for (WalkCheck c : java.util.List.of(r.oldOnNew(), r.newOnOld())) {
            b.append("<p class=\"walks\">").append(Xml.escape(ScenarioCrossCheckText.walksSummary(c))).append("<br><b class=\"")
                    .append(c.allAccepted() ? "ok" : "bad").append("\">")
                    .append(Xml.escape(ScenarioCrossCheckText.verdict(c))).append("</b></p>\n");
            c.first().ifPresent(f -> {
                b.append("<p class=\"rejection\">").append(Xml.escape(ScenarioCrossCheckText.rejection(c, f)))
                        .append(" (trace file <code>").append(Xml.escape(f.traceFile())).append("</code>)</p>\n");
                String id = ("walk-" + r.config() + "-" + c.walksOf() + "-on-" + c.checkedBy())
                        .replaceAll("[^A-Za-z0-9_-]", "_");
                Counterexample cx = new Counterexample(id, r.config() + ": " + f.walk() + " of " + c.walksOf()
                        + ", rejected by " + c.checkedBy() + " at step " + f.step(),
                        shape.orElse(new Shape(1, java.util.List.of(1))), f.prefix(), java.util.OptionalInt.empty(),
                        false);
                if (shape.isPresent()) {
                    b.append("<div class=\"inline-picture\">").append(SequenceDiagramSvg.render(cx))
                            .append("</div>\n");
                }
                b.append(StepTableHtml.render(cx));
            });
        }
        return b.toString();
    }

    private static void refinement(StringBuilder b, String config, RefinementCheck.Result r, Optional<Shape> shape) {
        b.append("<p class=\"refinement\"><b>").append(Xml.escape(r.implementation())).append(" refines ")
                .append(Xml.escape(r.abstraction())).append(":</b> ");
        if (r.refines()) {
            b.append("<span class=\"ok\">yes</span> (TLC explored ")
                    .append(r.report().distinctStates().isPresent()
                            ? String.format("%,d", r.report().distinctStates().getAsLong()) : "?")
                    .append(" distinct states).</p>\n");
        } else if (r.brokenAtStep()) {
            b.append("<span class=\"bad\">no</span>: the first behaviour of ").append(Xml.escape(r.implementation()))
                    .append(" that ").append(Xml.escape(r.abstraction()))
                    .append(" does not allow; its last step is the first that differs.</p>\n");
            String id = "diff-" + config + "-" + r.implementation() + "-refines-" + r.abstraction();
            Counterexample cx = new Counterexample(id.replaceAll("[^A-Za-z0-9_-]", "_"), config + ": "
                    + r.implementation() + " does not refine " + r.abstraction(),
                    shape.orElse(new Shape(1, java.util.List.of(1))), r.report().trace(), java.util.OptionalInt.empty(),
                    false);
            if (shape.isPresent()) {
                b.append("<div class=\"inline-picture\">").append(SequenceDiagramSvg.render(cx)).append("</div>\n");
            }
            b.append(StepTableHtml.render(cx));
        } else {
            b.append("<span class=\"bad\">undecided</span>: TLC exit status ").append(r.report().exitStatus())
                    .append(": ").append(Xml.escape(String.join(" ", r.report().errors()))).append("</p>\n");
        }
    }
}
