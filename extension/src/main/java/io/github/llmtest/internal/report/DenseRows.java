package io.github.llmtest.internal.report;

import io.github.llmtest.internal.Texts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A test's call section in report.html when the run is too large for a whole row per call: one short row per
 * call, so that 10,000 calls fit in the page's 2 MB. About 180 bytes a call: the test named once for all its calls
 * (a row header spanning them, with the model when all its calls asked one), then per call its index and sample
 * (and its model when the test asked several), its total time in whole milliseconds, output tokens, cost, and the answer's end cut at
 * {@value HtmlReport#DENSE_ANSWER_CHARS} characters with the cut marked. Failing, replayed and judges' calls are
 * told apart by a class on the row, never an inline style. A test's rows are kept together, failing tests first;
 * when even these rows do not fit the section's share of the page, the section says how many it shows.
 */
final class DenseRows {

    private DenseRows() {
    }

    static void section(HtmlReport page, String test, List<ReportedTest> tests, long share, StringBuilder row)
            throws IOException {
        StringBuilder out = page.out;
        long start = page.written;
        int calls = 0;
        int failed = 0;
        List<ReportedTest> failingFirst = new ArrayList<>();
        List<ReportedTest> passing = new ArrayList<>();
        for (ReportedTest t : tests) {
            boolean failing = false;
            for (ReportedCall c : t.calls) {
                calls++;
                boolean f = HtmlReport.failing(t, c);
                failed += f ? 1 : 0;
                failing |= f;
            }
            (failing ? failingFirst : passing).add(t);
        }
        failingFirst.addAll(passing);
        out.append("<details class=\"calls\"><summary><strong>");
        HtmlReport.escape(LlmReportListener.shortTest(test), out);
        out.append("</strong>: ").append(calls).append(" call(s)")
                .append(tests.size() > 1 ? " in " + tests.size() + " runs" : "")
                .append(failed > 0 ? ", " + failed + " in failing tests or samples" : "");
        page.costOf(tests);
        out.append("</summary>\n<div class=\"scroll\"><table class=\"dense\">\n<thead><tr><th>test</th><th>call</th>"
                + "<th>total ms</th><th>tokens</th><th>cost</th><th>answer (its end)</th></tr></thead>"
                + "\n<tbody>\n");
        page.emit();
        int shown = 0;
        for (ReportedTest t : failingFirst) {
            if (t.calls.isEmpty()) {
                continue;
            }
            row.setLength(0);
            rows(t, row);
            if (page.written - start + HtmlReport.utf8(row) > share) {
                break;
            }
            page.send(row);
            shown += t.calls.size();
        }
        out.append("</tbody>\n</table></div>\n");
        if (shown < calls) {
            out.append("<p class=\"note\">Showing ").append(shown).append(" of ").append(calls)
                    .append(" calls (failing tests first) to keep this page small; report.json has all ")
                    .append(calls).append(".</p>\n");
        }
        out.append("</details>\n");
    }

    /** A test's rows: its name once, spanning them, then a short row per call. */
    static void rows(ReportedTest t, StringBuilder out) {
        List<ReportedCall> calls;
        synchronized (t.calls) {
            calls = List.copyOf(t.calls);
        }
        String name = t.name();
        String model = calls.get(0).model();
        boolean oneModel = calls.stream().allMatch(c -> c.model().equals(model));
        boolean named = oneModel && name.contains(model);
        for (int i = 0; i < calls.size(); i++) {
            ReportedCall c = calls.get(i);
            out.append("<tr");
            boolean failing = HtmlReport.failing(t, c);
            if (failing || c.replayed() || c.entry.judge()) {
                out.append(" class=\"").append(failing ? "f" : "").append(failing && c.replayed() ? " " : "")
                        .append(c.replayed() ? "r" : "").append(c.entry.judge() ? (failing || c.replayed() ? " j"
                                : "j") : "").append('"');
            }
            out.append('>');
            if (i == 0) {
                out.append(calls.size() > 1 ? "<th rowspan=\"" + calls.size() + "\">" : "<th>");
                HtmlReport.escape(Texts.head(name, 120), out);
                if (oneModel && !named) {
                    out.append(" · ");
                    HtmlReport.escape(model, out);
                }
                out.append("</th>");
            }
            out.append("<td>").append(c.index());
            if (c.entry.sample() != null) {
                out.append(" s").append(c.entry.sample());
            }
            if (!oneModel) {
                out.append(' ');
                HtmlReport.escape(c.model(), out);
            }
            out.append("</td><td>");
            Double total = c.figures().totalMs();
            out.append(total == null ? "–" : Long.toString(Math.round(total))).append("</td><td>");
            Integer tokens = c.figures().outputTokens();
            out.append(tokens == null ? "–" : tokens.toString()).append("</td><td>");
            if (c.entry.cost() != null) {
                out.append(CostTotals.usd(c.entry.cost().usd()));
            }
            out.append("</td><td>");
            HtmlReport.escape(answerEnd(c), out);
            out.append("</td></tr>\n");
        }
    }

    /** The answer's last characters on one line, {@code …} where it was cut; the tool calls when it is only that. */
    static String answerEnd(ReportedCall c) {
        String answer = c.entry.answer();
        if (answer.isBlank() && c.entry.toolCalls() != null) {
            return Texts.head(c.answerLine(HtmlReport.DENSE_ANSWER_CHARS), HtmlReport.DENSE_ANSWER_CHARS);
        }
        // only the end is looked at, so a long answer costs no more than a short one
        int from = Math.max(0, answer.length() - 4 * HtmlReport.DENSE_ANSWER_CHARS);
        from += from > 0 && Character.isLowSurrogate(answer.charAt(from)) ? 1 : 0;
        String end = Texts.tailLine(answer.substring(from), HtmlReport.DENSE_ANSWER_CHARS);
        return from > 0 && !end.startsWith("…") ? "…" + end : end;
    }
}
