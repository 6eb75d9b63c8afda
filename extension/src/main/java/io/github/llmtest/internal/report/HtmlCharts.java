package io.github.llmtest.internal.report;

import io.github.llmtest.internal.Durations;
import io.github.llmtest.internal.Texts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.github.llmtest.internal.report.HtmlReport.escape;

/**
 * The report's inline SVG drawings: the bars of the slowest calls, and the small box plots of the at-a-glance
 * table. No script and nothing fetched; every figure is also in a tooltip ({@code <title>}).
 */
final class HtmlCharts {

    private static final int BAR_WIDTH = 640;
    private static final int LABEL_WIDTH = 420;
    private static final int ROW = 26;
    /** Width and height of one box plot. */
    static final int BOX_WIDTH = 160;
    static final int BOX_HEIGHT = 24;

    private HtmlCharts() {
    }

    /**
     * The slowest calls of the run, each bar split into model load, prompt evaluation, generation and the rest,
     * with time to first token marked and recorded figures hatched.
     */
    static void slowest(List<ReportedCall> calls, int runCalls, StringBuilder out) {
        if (calls.isEmpty()) {
            return;
        }
        double max = 1;
        List<String> names = new ArrayList<>();
        for (ReportedCall c : calls) {
            names.add(LlmReportListener.shortTest(c.test()) + " " + c.label());
            max = Math.max(max, length(c));
        }
        int height = ROW * calls.size() + 50;
        int width = LABEL_WIDTH + BAR_WIDTH + 90;
        out.append("<h2 id=\"slowest\">Where the time went</h2>\n<p>")
                .append(calls.size() == runCalls ? "Every call of the run, slowest first."
                        : "The " + calls.size() + " slowest of the run's " + runCalls + " calls, slowest first; "
                        + "the distribution of every call is in the table above.").append("</p>\n")
                .append("<div class=\"scroll\">\n");
        out.append("<svg id=\"slowest-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" role=\"img\" aria-label=\"latency of each LLM call\">\n");
        out.append("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
                + "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"white\" fill-opacity=\"0\"/>"
                + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#ffffff\" stroke-width=\"2\" "
                + "stroke-opacity=\"0.6\"/></pattern></defs>\n");
        legend(out);
        for (int i = 0; i < calls.size(); i++) {
            ReportedCall c = calls.get(i);
            int y = 40 + i * ROW;
            CallEntry.Figures f = c.figures();
            double load = orZero(f.loadMs());
            double prompt = orZero(f.promptEvalMs());
            double eval = orZero(f.evalMs());
            double total = f.total();
            double other = Math.max(0, total - prompt - eval);
            double scale = BAR_WIDTH / max;
            out.append("<text x=\"0\" y=\"").append(y + 14).append("\" font-size=\"12\">")
                    .append(escape(Texts.head(names.get(i), 62))).append("</text>\n");
            double x = LABEL_WIDTH;
            x = bar(out, x, y, load * scale, "#8c959f", "model load " + Durations.formatMillis(load));
            x = bar(out, x, y, prompt * scale, "#54aeff", "prompt evaluation " + Durations.formatMillis(prompt));
            x = bar(out, x, y, eval * scale, "#2da44e", "generation " + Durations.formatMillis(eval));
            x = bar(out, x, y, other * scale, "#d4a72c", "other (queueing, network) " + Durations.formatMillis(other));
            if (c.replayed()) {
                out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" "
                        + "fill=\"url(#hatch)\"><title>recorded figures, not measured in this run</title></rect>%n",
                        LABEL_WIDTH, y, x - LABEL_WIDTH));
            }
            if (f.firstTokenMs() != null) {
                double ft = LABEL_WIDTH + (load + f.firstTokenMs()) * scale;
                out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                        + "stroke=\"#cf222e\" stroke-width=\"2\"><title>first token after %s</title></line>%n",
                        ft, y - 2, ft, y + 20, Durations.formatMillis(f.firstTokenMs())));
            }
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%s</text>%n",
                    x + 6, y + 14, Durations.formatMillis(total)));
        }
        out.append("</svg>\n</div>\n");
    }

    /** Load, then the longer of the wall time and the server's own evaluation figures (they need not agree). */
    private static double length(ReportedCall c) {
        CallEntry.Figures f = c.figures();
        double evaluation = orZero(f.promptEvalMs()) + orZero(f.evalMs());
        return orZero(f.loadMs()) + Math.max(f.total(), evaluation);
    }

    private static double orZero(Double millis) {
        return millis == null ? 0 : millis;
    }

    private static void legend(StringBuilder out) {
        String[][] items = {{"#8c959f", "model load"}, {"#54aeff", "prompt evaluation"}, {"#2da44e", "generation"},
                {"#d4a72c", "other"}, {"#cf222e", "first token"}};
        int x = 0;
        for (String[] item : items) {
            out.append("<rect x=\"").append(x).append("\" y=\"6\" width=\"12\" height=\"12\" fill=\"").append(item[0])
                    .append("\"/><text x=\"").append(x + 16).append("\" y=\"16\" font-size=\"12\">").append(item[1])
                    .append("</text>\n");
            x += 30 + item[1].length() * 7;
        }
        out.append("<text x=\"").append(x).append("\" y=\"16\" font-size=\"12\">hatched = recorded</text>\n");
    }

    private static double bar(StringBuilder out, double x, int y, double width, String color, String title) {
        if (width <= 0) {
            return x;
        }
        out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\">"
                + "<title>%s</title></rect>%n", x, y, width, color, escape(title)));
        return x + width;
    }

    /** The patterns the box plots share, drawn once: recorded figures are hatched amber. */
    static void boxDefinitions(StringBuilder out) {
        out.append("<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\" "
                + "xmlns=\"http://www.w3.org/2000/svg\"><defs><pattern id=\"recorded-box\" width=\"4\" height=\"4\" "
                + "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"4\" height=\"4\" "
                + "fill=\"#fff8c5\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" stroke=\"#d4a72c\" "
                + "stroke-width=\"1.5\"/></pattern></defs></svg>\n");
    }

    /**
     * One figure of one at-a-glance row: a box (p25 to p75) with its median, whiskers from p5 to p95 and a dot at
     * the worst call, the measured calls on the upper line in green and the recorded ones on the lower line
     * hatched amber. {@code axis} is the column's shared end, so rows compare at a glance.
     */
    static void box(Glance.Spread measured, Glance.Spread recorded, Glance.Figure figure, double axis,
                    StringBuilder out) {
        out.append("<svg class=\"box\" width=\"").append(BOX_WIDTH).append("\" height=\"").append(BOX_HEIGHT)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">");
        boxLine(measured, figure, axis, 2, "#dafbe1", "#1a7f37", "measured in this run", out);
        boxLine(recorded, figure, axis, 13, "url(#recorded-box)", "#9a6700", "recorded, not measured in this run",
                out);
        out.append("</svg>");
    }

    private static void boxLine(Glance.Spread s, Glance.Figure figure, double axis, int y, String fill,
                                String stroke, String source, StringBuilder out) {
        if (s == null) {
            return;
        }
        double scale = (BOX_WIDTH - 4) / axis;
        double low = x(s.p5(), scale);
        double high = x(s.p95(), scale);
        double q1 = x(s.p25(), scale);
        double q3 = x(s.p75(), scale);
        double median = x(s.p50(), scale);
        double worst = x(figure.speed ? s.min() : s.max(), scale);
        out.append("<g><title>").append(escape(figure.label + ", " + source + ": " + s.detail(figure)))
                .append("</title>")
                .append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                        + "stroke=\"%s\"/>", low, y + 4, high, y + 4, stroke))
                .append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"8\" "
                        + "fill=\"%s\" stroke=\"%s\"/>", q1, y, Math.max(1, q3 - q1), fill, stroke))
                .append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                        + "stroke=\"%s\" stroke-width=\"2\"/>", median, y - 1, median, y + 9, stroke))
                .append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"1.8\" fill=\"%s\"/>",
                        worst, y + 4, stroke))
                .append("</g>");
    }

    /** A value's position, kept inside the box's width (a worst call past the axis sits at its end). */
    private static double x(double value, double scale) {
        return Math.min(BOX_WIDTH - 2, Math.max(2, 2 + value * scale));
    }
}
