package org.hfmailbox.review.pictures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hfmailbox.review.Xml;
import org.hfmailbox.review.check.StepDescription;
import org.hfmailbox.review.tlc.TraceState;
import org.hfmailbox.refinement.value.TlaValue;
import org.hfmailbox.refinement.value.ValueDiff;

/**
 * Draws a counterexample as an SVG sequence diagram: one lifeline per physical CPU and one per VM/vCPU of the
 * shape; one arrow per step (a hypercall, trap or continuation goes from the vCPU that trapped to its CPU; a
 * CPU-level step such as {@code vcpu_switch} or {@code cpu_main} goes from the CPU to the vCPU it loads), labelled
 * with the action, its arguments and its return; the variables the step changed are written beside the arrow.
 */
public final class SequenceDiagramSvg {
    private static final int LANE = 120;
    private static final int LEFT = 70;
    private static final int TOP = 70;
    private static final int LINE = 14;
    private static final int CHANGES_WIDTH = 680;

    private SequenceDiagramSvg() {
    }

    public static String render(Counterexample cx) {
        Map<String, Integer> lanes = lanes(cx);
        List<Counterexample.Step> steps = cx.steps();
        int changesX = LEFT + lanes.size() * LANE;
        int width = changesX + CHANGES_WIDTH;
        List<Integer> rowY = new ArrayList<>();
        int y = TOP + 30;
        for (Counterexample.Step s : steps) {
            rowY.add(y);
            y += Math.max(2, s.changes().size()) * LINE + 18;
        }
        int height = y + 40;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" class=\"sequence-diagram\">%n", width, height,
                width, height));
        b.append("<title>").append(Xml.escape(cx.title())).append("</title>\n");
        b.append("<defs><marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
                + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#222\"/>"
                + "</marker></defs>\n");
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        b.append("<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">").append(Xml.escape(cx.title()))
                .append("</text>\n");
        for (Map.Entry<String, Integer> lane : lanes.entrySet()) {
            int x = laneX(lane.getValue());
            boolean cpu = lane.getKey().startsWith("CPU");
            b.append(String.format(Locale.ROOT, "<g class=\"lifeline\" data-name=\"%s\"><rect x=\"%d\" y=\"%d\""
                    + " width=\"%d\" height=\"24\" rx=\"4\" fill=\"%s\" stroke=\"#444\"/><text x=\"%d\" y=\"%d\""
                    + " font-size=\"12\" text-anchor=\"middle\">%s</text><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
                    + " stroke=\"#999\" stroke-dasharray=\"4 3\"/></g>%n", Xml.escape(lane.getKey()), x - 48, TOP - 30,
                    96, cpu ? "#f3e3c3" : "#dbe9f6", x, TOP - 13, Xml.escape(lifelineLabel(lane.getKey())), x, TOP - 6,
                    x, height - 20));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" font-weight=\"bold\">changed"
                + " variables</text>%n", changesX + 10, TOP - 13));
        for (int i = 0; i < steps.size(); i++) {
            step(b, steps.get(i), rowY.get(i), lanes, changesX, cx);
        }
        String end = loopText(cx, steps);
        if (!end.isEmpty()) {
            b.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" font-size=\"12\" fill=\"#a00\">%s</text>%n",
                    height - 8, Xml.escape(end)));
        }
        b.append("</svg>\n");
        return b.toString();
    }

    static String loopText(Counterexample cx, List<Counterexample.Step> steps) {
        int last = steps.isEmpty() ? 1 : steps.get(steps.size() - 1).number();
        if (cx.loopBackTo().isPresent()) {
            return "after state " + last + cx.loopAction().map(a -> " a " + a + " step").orElse(" the behaviour")
                    + " returns to state " + cx.loopBackTo().getAsInt() + " and the behaviour repeats forever";
        }
        if (cx.stuttering()) {
            return "after state " + last + " the behaviour stutters forever";
        }
        return "";
    }

    private static void step(StringBuilder b, Counterexample.Step s, int y, Map<String, Integer> lanes,
            int changesX, Counterexample cx) {
        StepDescription d = s.description();
        String cpuLane = "CPU " + d.cpu();
        String from;
        String to;
        if (d.actor().startsWith("CPU") || d.actor().isEmpty()) {
            from = cpuLane;
            to = currentAfter(s.after(), d.cpu()).orElse(cpuLane);
        } else {
            from = d.actor();
            to = cpuLane;
        }
        Integer fromLane = lanes.get(from);
        Integer toLane = lanes.get(to);
        String label = d.action() + (d.args().isEmpty() ? "" : "(" + d.args() + ")")
                + (d.ret().isEmpty() || d.ret().equals("-") ? "" : " \u2192 " + d.ret());
        boolean loopTarget = cx.loopBackTo().isPresent() && cx.loopBackTo().getAsInt() == s.number();
        b.append(String.format(Locale.ROOT, "<g class=\"step\" data-step=\"%d\" data-action=\"%s\">", s.number(),
                Xml.escape(d.action())));
        b.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"11\" fill=\"#555\">%s%d</text>", y + 4,
                loopTarget ? "\u21ba " : "", s.number()));
        if (fromLane == null || toLane == null || fromLane.equals(toLane)) {
            int x = laneX(fromLane != null ? fromLane : toLane != null ? toLane : 0);
            b.append(String.format(Locale.ROOT, "<path d=\"M%d,%d h26 v12 h-24\" fill=\"none\" stroke=\"#222\""
                    + " marker-end=\"url(#head)\"/>", x, y - 6));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>", x + 30, y,
                    Xml.escape(label)));
        } else {
            int x1 = laneX(fromLane);
            int x2 = laneX(toLane);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#222\""
                    + " stroke-width=\"1.4\" marker-end=\"url(#head)\"/>", x1, y, x2, y));
            int lx = Math.min(x1, x2) + 6;
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" stroke=\"white\""
                    + " stroke-width=\"3\" paint-order=\"stroke\">%s</text>", lx, y - 5, Xml.escape(label)));
        }
        int ty = y - 4;
        if (s.changes().isEmpty()) {
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#777\">(no change)"
                    + "</text>", changesX + 10, ty));
        }
        for (ValueDiff.Change c : s.changes()) {
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" font-family=\"monospace\">%s"
                    + "</text>", changesX + 10, ty, Xml.escape(shorten(c.render(), 100))));
            ty += LINE;
        }
        b.append("</g>\n");
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    private static Optional<String> currentAfter(TraceState after, String cpu) {
        TlaValue current = after.variables().get("current");
        if (current instanceof TlaValue.Fun f) {
            TlaValue v = f.mapping().get(new TlaValue.Atom(cpu));
            if (v instanceof TlaValue.Tuple t && t.elements().size() == 2) {
                return Optional.of(TlaValue.plain(t.elements().get(0)) + "/" + TlaValue.plain(t.elements().get(1)));
            }
        }
        return Optional.empty();
    }

    private static Map<String, Integer> lanes(Counterexample cx) {
        Map<String, Integer> lanes = new LinkedHashMap<>();
        for (int c = 0; c < cx.shape().cpus(); c++) {
            lanes.put("CPU " + c, lanes.size());
        }
        List<Integer> counts = cx.shape().vcpuCount();
        for (int k = 0; k < counts.size(); k++) {
            for (int i = 0; i < counts.get(k); i++) {
                lanes.put(k + "/" + i, lanes.size());
            }
        }
        return lanes;
    }

    private static String lifelineLabel(String lane) {
        if (lane.startsWith("CPU")) {
            return lane;
        }
        String[] p = lane.split("/");
        return (p[0].equals("0") ? "P" + p[1] : "VM " + p[0] + " vCPU " + p[1]);
    }

    private static int laneX(int lane) {
        return LEFT + lane * LANE + LANE / 2 - 40;
    }
}
