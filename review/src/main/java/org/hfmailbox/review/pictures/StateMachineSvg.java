package org.hfmailbox.review.pictures;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hfmailbox.review.Xml;

/**
 * Draws a {@link StateMachine} as SVG, without Graphviz: the values on a circle (initial ones with a double
 * border), each transition as a curved arrow bending to its left (so that a pair of opposite transitions stays
 * apart), its action names stacked at the curve's middle. Each edge is an SVG group with
 * {@code data-from}/{@code data-to}/{@code data-actions} attributes so that tests and readers can find it.
 */
public final class StateMachineSvg {
    private static final int WIDTH = 960;
    private static final int HEIGHT = 720;
    private static final double RADIUS = 250;
    private static final double NODE_RX = 78;
    private static final double NODE_RY = 26;
    private static final int LINE = 14;

    private StateMachineSvg() {
    }

    public static String render(StateMachine m) {
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"sans-serif\" class=\"state-machine\">\n");
        b.append("<title>").append(Xml.escape(m.projection().title())).append("</title>\n");
        b.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\""
                + " markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/>"
                + "</marker></defs>\n");
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        b.append("<text x=\"12\" y=\"22\" font-size=\"16\" font-weight=\"bold\">")
                .append(Xml.escape(m.projection().title())).append("</text>\n");
        Map<String, double[]> at = layout(m.nodes());
        for (StateMachine.Edge e : m.edges()) {
            edge(b, e, at.get(e.from()), at.get(e.to()));
        }
        for (String node : m.nodes()) {
            double[] p = at.get(node);
            b.append("<g class=\"node\" data-value=\"").append(Xml.escape(node)).append("\">");
            if (m.initial().contains(node)) {
                b.append(String.format(Locale.ROOT, "<ellipse cx=\"%.1f\" cy=\"%.1f\" rx=\"%.1f\" ry=\"%.1f\""
                        + " fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"1.5\"/>", p[0], p[1], NODE_RX + 5,
                        NODE_RY + 5));
            }
            b.append(String.format(Locale.ROOT, "<ellipse cx=\"%.1f\" cy=\"%.1f\" rx=\"%.1f\" ry=\"%.1f\""
                    + " fill=\"#dbe9f6\" stroke=\"#1f4e79\" stroke-width=\"1.5\"/>", p[0], p[1], NODE_RX, NODE_RY));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"14\" text-anchor=\"middle\">",
                    p[0], p[1] + 5)).append(Xml.escape(node)).append("</text></g>\n");
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static Map<String, double[]> layout(List<String> nodes) {
        Map<String, double[]> at = new HashMap<>();
        int n = nodes.size();
        double cx = WIDTH / 2.0;
        double cy = HEIGHT / 2.0 + 14;
        for (int i = 0; i < n; i++) {
            double angle = -Math.PI / 2 + 2 * Math.PI * i / Math.max(1, n);
            double r = n == 1 ? 0 : RADIUS;
            at.put(nodes.get(i), new double[] {cx + 1.45 * r * Math.cos(angle), cy + r * Math.sin(angle)});
        }
        return at;
    }

    private static void edge(StringBuilder b, StateMachine.Edge e, double[] from, double[] to) {
        double dx = to[0] - from[0];
        double dy = to[1] - from[1];
        double len = Math.max(1, Math.hypot(dx, dy));
        double ux = dx / len;
        double uy = dy / len;
        // control point: the chord's middle moved to the left of the direction of travel
        double bend = 0.22 * len;
        double mx = (from[0] + to[0]) / 2 + uy * bend;
        double my = (from[1] + to[1]) / 2 - ux * bend;
        double[] start = rim(from, mx, my);
        double[] end = rim(to, mx, my);
        String actions = String.join(" ", e.actions());
        b.append("<g class=\"edge\" data-from=\"").append(Xml.escape(e.from())).append("\" data-to=\"")
                .append(Xml.escape(e.to())).append("\" data-actions=\"").append(Xml.escape(actions)).append("\">");
        b.append(String.format(Locale.ROOT, "<path d=\"M%.1f,%.1f Q%.1f,%.1f %.1f,%.1f\" fill=\"none\" stroke=\"#333\""
                + " stroke-width=\"1.3\" marker-end=\"url(#arrow)\"/>", start[0], start[1], mx, my, end[0], end[1]));
        // the label sits at the curve's middle point (t = 1/2 of the quadratic Bezier)
        double lx = 0.25 * start[0] + 0.5 * mx + 0.25 * end[0];
        double ly = 0.25 * start[1] + 0.5 * my + 0.25 * end[1];
        int lines = e.actions().size();
        double top = ly - (lines - 1) * LINE / 2.0;
        int i = 0;
        for (String a : e.actions()) {
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\""
                    + " fill=\"#7a2e00\" stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\">", lx,
                    top + i * LINE + 4)).append(Xml.escape(a)).append("</text>");
            i++;
        }
        b.append("</g>\n");
    }

    /** The point where the line from the node's centre towards (x, y) leaves its ellipse. */
    private static double[] rim(double[] c, double x, double y) {
        double dx = x - c[0];
        double dy = y - c[1];
        double t = 1 / Math.sqrt((dx * dx) / (NODE_RX * NODE_RX) + (dy * dy) / (NODE_RY * NODE_RY));
        return new double[] {c[0] + dx * Math.min(1, t), c[1] + dy * Math.min(1, t)};
    }
}
