package io.github.llmtest.internal.report;

import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.Texts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page, written as a stream and at most {@link #MAX_BYTES} bytes however many calls the run
 * made: the summary; the run at a glance (per test and model, the pass rate and box plots of total, first token and
 * tokens/s, recorded figures apart); failures and drift; the slowest calls drawn as bars; then one collapsed
 * section per test with a row per call, as many as the page has room for (failing calls first), answers and
 * requests cut with the cut marked. report.json keeps everything. No scripts, fonts or stylesheets from elsewhere.
 * Written as well-formed XML so that tools can parse it.
 */
final class HtmlReport {

    /** The page's size limit, in bytes. */
    static final long MAX_BYTES = 2_000_000;
    /** Room kept for what follows the call sections. */
    private static final long RESERVE = 8_000;
    static final int SLOWEST = 20;
    static final int FAILURES = 30;
    static final int FAILURE_CHARS = 3_000;
    static final int DRIFTS = 50;
    static final int DRIFT_CHARS = 600;
    static final int COMPARED = 100;
    static final int JUDGED = 100;
    static final int SECTIONS = 300;
    static final int ANSWER_CHARS = 400;
    static final int REQUEST_CHARS = 400;
    static final int THINKING_CHARS = 300;
    /** A run with at most this many calls shows its call sections open. */
    static final int OPEN_UP_TO = 50;
    /** Below this many bytes of room per call, the call sections show a short row per call ({@link DenseRows}). */
    static final int RICH_ROW_BYTES = 1_600;
    /** A short row shows this many characters of the answer's end. */
    static final int DENSE_ANSWER_CHARS = 60;

    private final ReportFile file;
    /** The page's bytes handed to the file so far. */
    long written;
    /** What is being built: the page's next part, or one call's row while it is measured. */
    StringBuilder out = new StringBuilder(32 * 1024);

    private HtmlReport(ReportFile file) {
        this.file = file;
    }

    static void render(List<ReportedTest> tests, Reports.Digest digest, ReportFile file) throws IOException {
        new HtmlReport(file).page(tests, digest);
    }

    private void page(List<ReportedTest> tests, Reports.Digest digest) throws IOException {
        Summary counts = digest.summary();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>llmtest report</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:1.5em 2em;color:#1f2328}\n")
                .append("h1{margin:0 0 .4em}\n")
                .append("#summary{background:#ddf4ff;border:1px solid #54aeff;border-radius:6px;padding:.6em 1em}\n")
                .append("table{border-collapse:collapse;font-size:13px;margin-top:.6em}\n")
                .append("th,td{border:1px solid #d0d7de;padding:4px 8px;vertical-align:top;text-align:left}\n")
                .append("td.num{text-align:right;white-space:nowrap}\n")
                .append("tr.failed td{background:#ffebe9}\n")
                .append(".recorded{color:#6e5400;background:#fff8c5;padding:0 4px;border-radius:3px}\n")
                .append(".live{color:#116329;background:#dafbe1;padding:0 4px;border-radius:3px}\n")
                .append("details pre{white-space:pre-wrap;max-width:60em;font-size:12px}\n")
                .append(".scroll{overflow-x:auto;max-width:100%}\n")
                .append("td{max-width:32em;overflow-wrap:anywhere}\n")
                .append(".changed{color:#82071e;background:#ffebe9;padding:0 4px;border-radius:3px}\n")
                .append(".cut{color:#57606a;background:#f6f8fa;font-style:italic}\n")
                .append(".note{color:#57606a;font-size:13px}\n")
                .append("svg.box{display:block}\n")
                .append("section.calls>summary{cursor:pointer;padding:4px 0}\n")
                .append("table.dense td{padding:1px 6px;max-width:40em}\ntr.r td{background:#fffbe6}\n")
                .append("tr.f td{background:#ffebe9}\ntr.j td{font-style:italic}\n")
                .append("table.dense td{text-align:right}\ntable.dense th{text-align:left;font-weight:normal}\n")
                .append("table.dense td:last-child,table.dense td:nth-last-child(5){text-align:left}\n")
                .append("</style>\n</head>\n<body>\n<h1>llmtest report</h1>\n");
        summary(tests, counts, digest.spent());
        glance(digest.glance());
        failures(tests);
        drift(digest.drifts());
        HtmlCharts.slowest(digest.slowest(), counts.calls(), out);
        comparison(digest.comparison());
        Pairwise.html(tests, out);
        if (digest.since() != null) {
            digest.since().html(out);
        }
        samplesAndBudgets(tests);
        CostTotals.html(tests, digest.spent(), out);
        emit();
        calls(tests, counts);
        out.append("<p id=\"end\" class=\"note\">Every call, whole, is in report.json beside this page.</p>\n")
                .append("</body>\n</html>\n");
        emit();
    }

    /** Hands what was built to the file. */
    void emit() throws IOException {
        send(out);
        out.setLength(0);
    }

    void send(StringBuilder text) throws IOException {
        file.append(text);
        written += utf8(text);
    }

    private void summary(List<ReportedTest> tests, Summary counts, Spending spent) {
        long passed = tests.stream().filter(ReportedTest::passed).count();
        out.append(String.format(Locale.ROOT, "<section id=\"summary\"><p>%d LLM call(s) in %d test(s): "
                + "<span class=\"live\">%d live</span>, <span class=\"recorded\">%d replayed</span> (their figures "
                + "are as recorded, not measured in this run). %d test(s) failed.%s</p>%n", counts.calls(),
                counts.tests(), counts.live(), counts.replayed(), counts.failedTests(), counts.rerecorded() == 0 ? ""
                        : " " + counts.rerecorded() + " recording(s) replaced an earlier answer; the extracted answer "
                        + "changed in " + counts.drifted() + "."));
        out.append(String.format(Locale.ROOT, "<p><strong>%d of %d test(s) passed</strong> (%.0f%%).", passed,
                tests.size(), tests.isEmpty() ? 0.0 : 100.0 * passed / tests.size()));
        if (counts.failedTests() > 0) {
            out.append(" <a href=\"#failures\">Failures</a>.");
        }
        out.append(" <a href=\"#glance\">At a glance</a> · <a href=\"#slowest\">slowest calls</a> · "
                + "<a href=\"#calls\">every call</a>.</p>");
        if (spent.any()) {
            out.append("<p>");
            escape(spent.sentence(), out);
            out.append(" <a href=\"#cost\">Cost per model and dataset</a>.</p>");
        }
        out.append("</section>\n");
    }

    private void glance(Glance glance) {
        if (glance.isEmpty()) {
            return;
        }
        HtmlCharts.boxDefinitions(out);
        out.append("<h2 id=\"glance\">At a glance</h2>\n<p class=\"note\">Per test and model. Each plot: whiskers "
                + "from p5 to p95, the box from p25 to p75, the median as a bar, the worst call as a dot; "
                + "<span class=\"live\">measured in this run</span> above, <span class=\"recorded\">recorded</span> "
                + "(hatched) below. Hover for the figures.</p>\n<div class=\"scroll\"><table id=\"glance-table\">\n"
                + "<thead><tr><th>test</th><th>model</th><th>passed</th>");
        for (Glance.Figure figure : Glance.Figure.values()) {
            out.append("<th>").append(figure.label).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        int shown = Math.min(Glance.HTML_ROWS, glance.rows.size());
        double[] axes = new double[Glance.Figure.values().length];
        for (Glance.Figure figure : Glance.Figure.values()) {
            axes[figure.ordinal()] = glance.axis(figure, shown);
        }
        for (Glance.Row row : glance.rows.subList(0, shown)) {
            out.append("<tr").append(row.allPassed() ? "" : " class=\"failed\"").append("><td>");
            escape(row.test(), out);
            out.append("</td><td>");
            escape(row.model(), out);
            out.append("</td><td>").append(row.passRate()).append("</td>");
            for (Glance.Figure figure : Glance.Figure.values()) {
                Glance.Spread measured = row.measured().get(figure);
                Glance.Spread recorded = row.recorded().get(figure);
                out.append("<td>");
                if (measured != null || recorded != null) {
                    HtmlCharts.box(measured, recorded, figure, axes[figure.ordinal()], out);
                }
                out.append("<small>");
                escape(Glance.brief(row, figure), out);
                out.append("</small></td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table></div>\n");
        if (glance.rows.size() > shown) {
            out.append("<p class=\"note\">… and ").append(glance.rows.size() - shown)
                    .append(" more test and model pair(s); report.json has every call.</p>\n");
        }
    }

    private void comparison(ModelComparison comparison) {
        if (comparison.isEmpty()) {
            return;
        }
        out.append("<h2>Models side by side</h2>\n");
        int rows = 0;
        int hidden = 0;
        for (ModelComparison.Table table : comparison.tables) {
            if (rows >= COMPARED) {
                hidden += table.rows().size();
                continue;
            }
            out.append("<div class=\"scroll\"><table>\n<thead><tr><th>test</th>");
            table.models().forEach(m -> out.append("<th>").append(escape(m)).append("</th>"));
            out.append("</tr></thead>\n<tbody>\n");
            for (var row : table.rows().entrySet()) {
                if (rows++ >= COMPARED) {
                    hidden++;
                    continue;
                }
                out.append("<tr><td>").append(escape(row.getKey())).append("</td>");
                for (String m : table.models()) {
                    ModelComparison.Cell cell = row.getValue().get(m);
                    boolean failed = ReportedTest.FAILED.equals(cell.status());
                    out.append(failed ? "<td style=\"background:#ffebe9\">" : "<td>")
                            .append(escape(ModelComparison.summary(cell, table.priced()))).append("</td>");
                }
                out.append("</tr>\n");
            }
            out.append("</tbody>\n</table></div>\n");
        }
        more(hidden, "compared test(s)");
    }

    private void failures(List<ReportedTest> tests) {
        List<ReportedTest> failed = tests.stream().filter(t -> t.failure != null && !t.passed()).toList();
        if (failed.isEmpty()) {
            return;
        }
        out.append("<section id=\"failures\">\n<h2>Failures</h2>\n");
        for (ReportedTest t : failed.subList(0, Math.min(FAILURES, failed.size()))) {
            out.append("<details><summary><strong>").append(escape(t.name())).append("</strong>: ")
                    .append(escape(Texts.head(t.failureHeadline(), 200))).append(transcriptLink(t))
                    .append("</summary><pre>");
            cut(t.failure, FAILURE_CHARS);
            out.append("</pre></details>\n");
        }
        more(failed.size() - FAILURES, "failed test(s)");
        out.append("</section>\n");
    }

    private void drift(List<Drift> drifts) {
        if (drifts.isEmpty()) {
            return;
        }
        out.append("<h2>Answer drift</h2>\n<p>Recordings made in this run next to the answers they replaced, with "
                + "what the assertions extracted from each.</p>\n<div class=\"scroll\"><table>\n<thead><tr>"
                + "<th></th><th>test</th><th>call</th><th>extracted: before → after</th><th>before</th><th>after</th>"
                + "<th>request changed</th></tr></thead>\n<tbody>\n");
        for (Drift d : drifts.subList(0, Math.min(DRIFTS, drifts.size()))) {
            CallEntry.Previous previous = d.call().entry.previous();
            out.append("<tr><td>").append(d.changed() ? "<span class=\"changed\">changed</span>" : "same")
                    .append("</td><td>").append(escape(LlmReportListener.shortTest(d.call().test())))
                    .append("</td><td>").append(escape(d.call().label())).append("</td><td>")
                    .append(escape(d.summary())).append("</td><td>");
            collapsed(previous.answer(), "recorded " + (previous.recordedAt() == null ? "earlier"
                    : previous.recordedAt()) + " (" + previous.origin() + ")", DRIFT_CHARS);
            out.append("</td><td>");
            collapsed(d.call().entry.answer(), "this run", DRIFT_CHARS);
            out.append("</td><td>").append(escape(previous.requestChanged().isEmpty() ? "same request"
                    : String.join(", ", previous.requestChanged()))).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table></div>\n");
        more(drifts.size() - DRIFTS, "drifted call(s)");
    }

    private void samplesAndBudgets(List<ReportedTest> tests) {
        List<ReportedTest> judged = tests.stream().filter(t -> t.samples != null || t.budget != null).toList();
        if (judged.isEmpty()) {
            return;
        }
        out.append("<h2>Samples and latency budgets</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>test</th>"
                + "<th>verdict</th><th>samples</th><th>latency over the calls</th><th>budget</th></tr></thead>\n"
                + "<tbody>\n");
        for (ReportedTest t : judged.subList(0, Math.min(JUDGED, judged.size()))) {
            out.append("<tr").append(t.passed() ? "" : " class=\"failed\"").append("><td>").append(escape(t.name()))
                    .append("</td><td>").append(escape(t.verdict() == null ? (t.passed() ? "passed" : "failed")
                            : t.verdict())).append("</td><td>")
                    .append(escape(t.samples == null ? "–" : t.samples.summary())).append("</td><td>")
                    .append(escape(Reports.latency(t))).append("</td><td>")
                    .append(escape(t.budget == null ? "–" : Reports.budget(t.budget))).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table></div>\n");
        more(judged.size() - JUDGED, "sampled or budgeted test(s)");
    }

    private void more(int hidden, String what) {
        if (hidden > 0) {
            out.append("<p class=\"note\">… and ").append(hidden).append(" more ").append(what)
                    .append(" not shown here; report.json has them.</p>\n");
        }
    }

    // ------------------------------------------------------------------------------------------- calls

    /**
     * One collapsed section per test method, rows for its calls (failing first, then in the order they ran) as
     * long as the page's size allows, each section getting an even share of the room left.
     */
    private void calls(List<ReportedTest> tests, Summary counts) throws IOException {
        Map<String, List<ReportedTest>> byTest = new LinkedHashMap<>();
        for (ReportedTest t : tests) {
            if (!t.calls.isEmpty()) {
                byTest.computeIfAbsent(t.calls.get(0).test(), k -> new ArrayList<>()).add(t);
            }
        }
        out.append("<h2 id=\"calls\">Calls</h2>\n<p class=\"note\">One section per test; open one to see its calls. "
                + "Long requests and answers are cut here (marked), and a large run shows as many calls as this "
                + "page has room for, failing calls first: report.json has every call whole.</p>\n");
        emit();
        boolean open = counts.calls() <= OPEN_UP_TO;
        boolean dense = counts.calls() > 0 && (MAX_BYTES - RESERVE - written) / counts.calls() < RICH_ROW_BYTES;
        if (dense) {
            out.append("<p class=\"note\">This run has too many calls for a whole row each: a call is one short "
                    + "line here (its total time in milliseconds, output tokens, cost, and the end of its answer cut "
                    + "at " + DENSE_ANSWER_CHARS + " characters, the cut marked …). Failing calls are red, "
                    + "<span class=\"recorded\">replayed</span> ones yellow with their recorded figures and cost, "
                    + "judges' calls in italics. report.json has every call whole.</p>\n");
        }
        int left = byTest.size();
        int callsLeft = counts.calls();
        int sections = 0;
        StringBuilder row = new StringBuilder(4096);
        for (Map.Entry<String, List<ReportedTest>> section : byTest.entrySet()) {
            if (sections++ == SECTIONS) {
                out.append("<p class=\"note\">… and ").append(left).append(" more test(s) with calls; report.json "
                        + "has them.</p>\n");
                break;
            }
            // each section's share of the room left is in proportion to its calls, and enough for a few rows
            long room = MAX_BYTES - RESERVE - written;
            int sectionCalls = section.getValue().stream().mapToInt(t -> t.calls.size()).sum();
            long share = Math.max(room * sectionCalls / Math.max(1, callsLeft), Math.min(room / left, 8_000));
            left--;
            callsLeft -= sectionCalls;
            if (dense) {
                DenseRows.section(this, section.getKey(), section.getValue(), share, row);
            } else {
                section(section.getKey(), section.getValue(), open, share, row);
            }
            emit();
        }
    }

    private void section(String test, List<ReportedTest> tests, boolean open, long share, StringBuilder row)
            throws IOException {
        long start = written;
        int calls = 0;
        int failed = 0;
        for (ReportedTest t : tests) {
            for (ReportedCall c : t.calls) {
                calls++;
                failed += failing(t, c) ? 1 : 0;
            }
        }
        out.append("<details class=\"calls\"").append(open ? " open=\"open\"" : "").append("><summary><strong>")
                .append(escape(LlmReportListener.shortTest(test))).append("</strong>: ").append(calls)
                .append(" call(s)").append(tests.size() > 1 ? " in " + tests.size() + " runs" : "")
                .append(failed > 0 ? ", " + failed + " in failing tests or samples" : "");
        costOf(tests);
        out.append("</summary>\n")
                .append("<div class=\"scroll\"><table>\n<thead><tr><th>result</th><th>test</th><th>call</th>"
                        + "<th>model</th><th>source</th><th>request</th><th>extracted</th><th>answer</th>"
                        + "<th>total</th><th>first token</th><th>inter-token</th><th>tokens</th><th>tokens/s</th>"
                        + "<th>cost</th></tr></thead>\n<tbody>\n");
        emit();
        int shown = 0;
        boolean full = false;
        for (boolean failing : new boolean[] {true, false}) {
            for (ReportedTest t : tests) {
                for (ReportedCall c : t.calls) {
                    if (full || failing(t, c) != failing) {
                        continue;
                    }
                    row.setLength(0);
                    row(t, c, row);
                    if (written - start + utf8(row) > share) {
                        full = true;
                        continue;
                    }
                    send(row);
                    shown++;
                }
            }
        }
        out.append("</tbody>\n</table></div>\n");
        if (shown < calls) {
            out.append("<p class=\"note\">Showing ").append(shown).append(" of ").append(calls)
                    .append(" calls (failing first) to keep this page small; report.json has all ").append(calls)
                    .append(".</p>\n");
        }
        out.append("</details>\n");
    }

    static boolean failing(ReportedTest t, ReportedCall c) {
        String result = t.result(c);
        return ReportedTest.FAILED.equals(result) || ReportedTest.SAMPLE_FAILED.equals(result);
    }

    private void row(ReportedTest t, ReportedCall c, StringBuilder row) {
        StringBuilder page = out;
        out = row;
        String result = t.result(c);
        boolean first = c == t.calls.get(0);
        out.append("<tr").append(result.contains(ReportedTest.FAILED) ? " class=\"failed\"" : "").append("><td>")
                .append(escape(result.toLowerCase(Locale.ROOT).replace('_', ' ')))
                .append(t.samples == null || !first ? "" : "<br/><small>test: "
                        + escape(t.status.toLowerCase(Locale.ROOT)) + ", " + escape(t.samples.summary()) + "</small>")
                .append(t.failure == null || !first ? "" : "<br/><small>" + escape(Texts.head(t.failureHeadline(),
                        200)) + "</small>").append("</td><td>");
        escape(Texts.head(t.name(), 120), out);
        out.append(first ? transcriptLink(t) : "");
        out.append("</td><td class=\"num\">").append(c.index()).append(c.entry.sample() == null ? ""
                : "<br/><small>" + SamplesEntry.label(c.entry.sample()) + "</small>").append("</td><td>");
        escape(c.model(), out);
        out.append("</td><td><span class=\"").append(c.replayed() ? "recorded" : "live").append("\">");
        escape(c.source(), out);
        out.append("</span></td><td>");
        request(c);
        out.append("</td><td>");
        escape(Texts.clip(c.extracted(), 200), out);
        out.append("</td><td>");
        if (!c.entry.thinking().isEmpty()) {
            collapsed(c.entry.thinking(), "thinking", THINKING_CHARS);
        }
        out.append("<details><summary>");
        escape(c.answerLine(50), out);
        out.append("</summary><pre>");
        cut(c.entry.answer(), ANSWER_CHARS);
        if (c.entry.toolCalls() != null) {
            out.append("\n\n");
            cut("tool calls: " + c.entry.toolCalls(), ANSWER_CHARS);
        }
        out.append("</pre></details></td>");
        CallEntry.Figures f = c.figures();
        for (Double millis : new Double[] {f.totalMs(), f.firstTokenMs(), f.interTokenMs()}) {
            out.append("<td class=\"num\">").append(Reports.duration(millis)).append("</td>");
        }
        out.append("<td class=\"num\">").append(Reports.integer(f.outputTokens())).append("</td>")
                .append("<td class=\"num\">").append(Reports.decimal(f.tokensPerSecond())).append("</td>");
        callCost(c, out);
        out.append("</tr>\n");
        out = page;
    }

    /** ", cost: $0.3500 live, $0.1000 recorded" in a section's summary line, when any of its calls had a price. */
    void costOf(List<ReportedTest> tests) {
        Spending spent = Spending.sum(tests);
        if (spent.any()) {
            out.append(", cost: ");
            escape(CostTotals.cell(spent), out);
        }
    }

    /** A call's cost cell: its price, marked recorded for a replayed call and judge for a judge's. */
    static void callCost(ReportedCall c, StringBuilder out) {
        CallEntry.Spend cost = c.entry.cost();
        if (cost == null) {
            out.append("<td class=\"num\">–</td>");
            return;
        }
        out.append("<td class=\"num\">").append(CostTotals.usd(cost.usd()));
        if (c.replayed()) {
            out.append(" <span class=\"recorded\">recorded</span>");
        }
        if (c.entry.judge()) {
            out.append(" (judge)");
        }
        out.append("</td>");
    }

    /** Every message of the request, then its other fields, cut at {@link #REQUEST_CHARS}. */
    private void request(ReportedCall c) {
        com.fasterxml.jackson.databind.JsonNode request = c.entry.request();
        if (request == null) {
            escape(Texts.head(c.entry.prompt(), 80), out);
            return;
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
        out.append("<details><summary>");
        escape(Texts.head(c.entry.prompt(), 80), out);
        out.append("</summary><pre>");
        cut(text.toString().strip(), REQUEST_CHARS);
        out.append("</pre></details>");
    }

    /** " · transcript", linking the test's transcript, or empty when it has none. */
    private static String transcriptLink(ReportedTest t) {
        return t.transcript == null ? "" : " · <a href=\"" + escape(t.transcript) + "\">transcript</a>";
    }

    /** A text shown by its last line, its start when opened. */
    private void collapsed(String text, String label, int max) {
        out.append("<details><summary>");
        escape(label + ": " + Texts.tailLine(text, 50), out);
        out.append("</summary><pre>");
        cut(text, max);
        out.append("</pre></details>");
    }

    /** The start of a text, and where it was cut a marked note of how much is left out. */
    private void cut(String text, int max) {
        if (text.length() <= max) {
            escape(text, out);
            return;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        escape(text.substring(0, end), out);
        out.append("<span class=\"cut\">… [cut: ").append(String.format(Locale.ROOT, "%,d", text.length() - end))
                .append(" more characters; report.json has the whole text]</span>");
    }

    static long utf8(CharSequence text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            n += ReportFile.utf8Length(ch);
        }
        return n;
    }

    /** Escapes text for HTML and XML, dropping characters XML 1.0 cannot carry. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        escape(text, out);
        return out.toString();
    }

    static void escape(String text, StringBuilder out) {
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
    }
}
