package io.github.llmtest.internal.report;

import io.github.llmtest.internal.Durations;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.Texts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One self-contained HTML page: a summary, a chart (inline SVG) of each call's latency split into model load,
 * prompt evaluation and generation with time to first token marked, and the table. No scripts, fonts or
 * stylesheets from elsewhere. Written as well-formed XML so that tools can parse it.
 */
final class HtmlReport {

    private static final int BAR_WIDTH = 640;
    private static final int LABEL_WIDTH = 420;
    private static final int ROW = 26;

    private HtmlReport() {
    }

    static String render(List<ReportedTest> tests, Summary counts) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<title>llmtest report</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2em;color:#1f2328}\n")
                .append("table{border-collapse:collapse;font-size:13px;margin-top:1em}\n")
                .append("th,td{border:1px solid #d0d7de;padding:4px 8px;vertical-align:top;text-align:left}\n")
                .append("td.num{text-align:right;white-space:nowrap}\n")
                .append("tr.failed td{background:#ffebe9}\n")
                .append(".recorded{color:#6e5400;background:#fff8c5;padding:0 4px;border-radius:3px}\n")
                .append(".live{color:#116329;background:#dafbe1;padding:0 4px;border-radius:3px}\n")
                .append("details pre{white-space:pre-wrap;max-width:60em;font-size:12px}\n")
                .append(".scroll{overflow-x:auto;max-width:100%}\n")
                .append("td{max-width:32em;overflow-wrap:anywhere}\n")
                .append(".changed{color:#82071e;background:#ffebe9;padding:0 4px;border-radius:3px}\n")
                .append("</style>\n</head>\n<body>\n<h1>llmtest report</h1>\n");
        out.append(String.format(Locale.ROOT, "<p>%d LLM call(s) in %d test(s): <span class=\"live\">%d live"
                + "</span>, <span class=\"recorded\">%d replayed</span> (their figures are as recorded, not measured "
                + "in this run). %d test(s) failed.%s</p>%n", counts.calls(), counts.tests(), counts.live(),
                counts.replayed(), counts.failedTests(), counts.rerecorded() == 0 ? "" : " " + counts.rerecorded()
                        + " recording(s) replaced an earlier answer; the extracted answer changed in "
                        + counts.drifted() + "."));
        failures(tests, out);
        drift(tests, out);
        chart(tests, out);
        comparison(ModelComparison.of(tests), out);
        samplesAndBudgets(tests, out);
        table(tests, out);
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static void chart(List<ReportedTest> tests, StringBuilder out) {
        double max = 1;
        List<ReportedCall> calls = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ReportedTest t : tests) {
            for (ReportedCall c : t.calls) {
                calls.add(c);
                names.add(LlmReportListener.shortTest(c.test()) + " " + c.label());
                max = Math.max(max, length(c));
            }
        }
        int height = ROW * calls.size() + 50;
        int width = LABEL_WIDTH + BAR_WIDTH + 90;
        out.append("<h2>Where the time went</h2>\n<div class=\"scroll\">\n");
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
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

    private static void comparison(ModelComparison comparison, StringBuilder out) {
        if (comparison.isEmpty()) {
            return;
        }
        out.append("<h2>Models side by side</h2>\n");
        for (ModelComparison.Table table : comparison.tables) {
            out.append("<div class=\"scroll\"><table>\n<thead><tr><th>test</th>");
            table.models().forEach(m -> out.append("<th>").append(escape(m)).append("</th>"));
            out.append("</tr></thead>\n<tbody>\n");
            table.rows().forEach((test, cells) -> {
                out.append("<tr><td>").append(escape(test)).append("</td>");
                table.models().forEach(m -> {
                    ModelComparison.Cell cell = cells.get(m);
                    boolean failed = ReportedTest.FAILED.equals(cell.status());
                    out.append(failed ? "<td style=\"background:#ffebe9\">" : "<td>")
                            .append(escape(ModelComparison.summary(cell))).append("</td>");
                });
                out.append("</tr>\n");
            });
            out.append("</tbody>\n</table></div>\n");
        }
    }

    private static void failures(List<ReportedTest> tests, StringBuilder out) {
        List<ReportedTest> failed = tests.stream().filter(t -> t.failure != null && !t.passed()).toList();
        if (failed.isEmpty()) {
            return;
        }
        out.append("<h2>Failures</h2>\n");
        for (ReportedTest t : failed) {
            out.append("<details><summary><strong>").append(escape(t.name())).append("</strong>: ")
                    .append(escape(Texts.head(t.failureHeadline(), 200))).append("</summary><pre>")
                    .append(escape(t.failure)).append("</pre></details>\n");
        }
    }

    private static void drift(List<ReportedTest> tests, StringBuilder out) {
        List<Drift> drifts = Reports.drifts(tests);
        if (drifts.isEmpty()) {
            return;
        }
        out.append("<h2>Answer drift</h2>\n<p>Recordings made in this run next to the answers they replaced, with "
                + "what the assertions extracted from each.</p>\n<div class=\"scroll\"><table>\n<thead><tr>"
                + "<th></th><th>test</th><th>call</th><th>extracted: before → after</th><th>before</th><th>after</th>"
                + "<th>request changed</th></tr></thead>\n<tbody>\n");
        for (Drift d : drifts) {
            CallEntry.Previous previous = d.call().entry.previous();
            out.append("<tr><td>").append(d.changed() ? "<span class=\"changed\">changed</span>" : "same")
                    .append("</td><td>").append(escape(LlmReportListener.shortTest(d.call().test())))
                    .append("</td><td>").append(escape(d.call().label())).append("</td><td>")
                    .append(escape(d.summary())).append("</td><td>")
                    .append(collapsed(previous.answer(), "recorded " + (previous.recordedAt() == null ? "earlier"
                            : previous.recordedAt()) + " (" + previous.origin() + ")"))
                    .append("</td><td>").append(collapsed(d.call().entry.answer(), "this run")).append("</td><td>")
                    .append(escape(previous.requestChanged().isEmpty() ? "same request"
                            : String.join(", ", previous.requestChanged()))).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table></div>\n");
    }

    private static void samplesAndBudgets(List<ReportedTest> tests, StringBuilder out) {
        List<ReportedTest> judged = tests.stream().filter(t -> t.samples != null || t.budget != null).toList();
        if (judged.isEmpty()) {
            return;
        }
        out.append("<h2>Samples and latency budgets</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>test</th>"
                + "<th>verdict</th><th>samples</th><th>latency over the calls</th><th>budget</th></tr></thead>\n"
                + "<tbody>\n");
        for (ReportedTest t : judged) {
            out.append("<tr").append(t.passed() ? "" : " class=\"failed\"").append("><td>").append(escape(t.name()))
                    .append("</td><td>").append(escape(t.verdict() == null ? (t.passed() ? "passed" : "failed")
                            : t.verdict())).append("</td><td>")
                    .append(escape(t.samples == null ? "–" : t.samples.summary())).append("</td><td>")
                    .append(escape(Reports.latency(t))).append("</td><td>")
                    .append(escape(t.budget == null ? "–" : Reports.budget(t.budget))).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table></div>\n");
    }

    /** A text shown by its last line, whole when opened. */
    private static String collapsed(String text, String label) {
        return "<details><summary>" + escape(label) + ": " + escape(Texts.tailLine(text, 50)) + "</summary><pre>"
                + escape(text) + "</pre></details>";
    }

    /** Every message of the request, then its other fields. */
    private static String request(ReportedCall c) {
        com.fasterxml.jackson.databind.JsonNode request = c.entry.request();
        if (request == null) {
            return escape(Texts.head(c.entry.prompt(), 80));
        }
        StringBuilder text = new StringBuilder();
        request.path("messages").forEach(m -> text.append(m.path("role").asText("?")).append(": ")
                .append(m.path("content").isTextual() ? m.path("content").asText() : Jsons.compact(m.path("content")))
                .append("\n\n"));
        if (request.has("prompt")) {
            text.append("prompt: ").append(request.path("prompt").asText()).append("\n\n");
        }
        request.properties().forEach(e -> {
            if (!e.getKey().equals("messages") && !e.getKey().equals("prompt")) {
                text.append(e.getKey()).append(": ").append(Jsons.compact(e.getValue())).append('\n');
            }
        });
        return "<details><summary>" + escape(Texts.head(c.entry.prompt(), 80)) + "</summary><pre>"
                + escape(text.toString().strip()) + "</pre></details>";
    }

    private static void table(List<ReportedTest> tests, StringBuilder out) {
        out.append("<h2>Calls</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>result</th><th>test</th>"
                + "<th>call</th><th>model</th><th>source</th><th>request</th><th>extracted</th><th>answer</th>"
                + "<th>total</th><th>first token</th><th>inter-token</th><th>load</th><th>prompt eval</th>"
                + "<th>generation</th><th>tokens</th><th>tokens/s</th></tr></thead>\n<tbody>\n");
        for (ReportedTest t : tests) {
            for (ReportedCall c : t.calls) {
                String result = t.result(c);
                boolean first = c == t.calls.get(0);
                out.append("<tr").append(result.contains(ReportedTest.FAILED) ? " class=\"failed\"" : "").append(">");
                out.append("<td>").append(escape(result.toLowerCase(Locale.ROOT).replace('_', ' ')))
                        .append(t.samples == null || !first ? "" : "<br/><small>test: "
                                + escape(t.status.toLowerCase(Locale.ROOT)) + ", "
                                + escape(t.samples.summary()) + "</small>")
                        .append(t.failure == null || !first ? "" : "<br/><small>" + escape(Texts.head(t.failureHeadline(),
                                200)) + "</small>").append("</td>");
                out.append("<td>").append(escape(t.name())).append("</td>");
                out.append("<td class=\"num\">").append(c.index()).append(c.entry.sample() == null ? ""
                        : "<br/><small>sample " + c.entry.sample() + "</small>").append("</td>");
                out.append("<td>").append(escape(c.model())).append("</td>");
                out.append("<td><span class=\"").append(c.replayed() ? "recorded" : "live").append("\">")
                        .append(escape(c.source())).append("</span></td>");
                out.append("<td>").append(request(c)).append("</td>");
                out.append("<td>").append(escape(c.extracted())).append("</td>");
                out.append("<td>");
                if (!c.entry.thinking().isEmpty()) {
                    out.append(collapsed(c.entry.thinking(), "thinking"));
                }
                out.append("<details><summary>").append(escape(c.answerLine(50))).append("</summary><pre>")
                        .append(escape(c.entry.answer())).append(c.entry.toolCalls() == null ? ""
                                : escape("\n\ntool calls: " + c.entry.toolCalls())).append("</pre></details></td>");
                CallEntry.Figures f = c.figures();
                for (Double millis : new Double[] {f.totalMs(), f.firstTokenMs(), f.interTokenMs(), f.loadMs(),
                        f.promptEvalMs(), f.evalMs()}) {
                    out.append("<td class=\"num\">").append(Reports.duration(millis)).append("</td>");
                }
                out.append("<td class=\"num\">").append(Reports.integer(f.outputTokens())).append("</td>");
                out.append("<td class=\"num\">").append(Reports.decimal(f.tokensPerSecond())).append("</td>");
                out.append("</tr>\n");
            }
        }
        out.append("</tbody>\n</table></div>\n");
    }

    /** Escapes text for HTML and XML, dropping characters XML 1.0 cannot carry. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (ch >= 0x20 || ch == '\n' || ch == '\t' || ch == '\r') {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }
}
