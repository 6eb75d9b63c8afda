package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.Texts;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static io.github.llmtest.internal.report.HtmlReport.escape;

/**
 * A {@link Transcript} as one HTML page that opens anywhere, from a CI artifact or an IDE: its style inline, no
 * script, nothing fetched. It is drawn with each long text cut at a length, and drawn again with shorter cuts (then
 * fewer calls) until it weighs at most {@link Transcript#MAX_HTML_BYTES}; every cut says how much it left out.
 */
final class TranscriptPage {

    /** The longest text shown whole at first; halved while the page is too heavy. */
    static final int FIRST_CUT = 12_000;
    /** Cuts are never shorter than this; below it, calls are left out instead. */
    static final int LAST_CUT = 400;

    private static final String STYLE = "body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:1.5em 2em;"
            + "color:#1f2328;max-width:70em}\n"
            + "h1{margin:0 0 .3em;font-size:1.5em}h2{margin:1.4em 0 .4em;font-size:1.2em}"
            + "h3{margin:.9em 0 .3em;font-size:1em}\n"
            + ".failed{color:#82071e;background:#ffebe9;padding:0 6px;border-radius:3px}\n"
            + ".passed{color:#116329;background:#dafbe1;padding:0 6px;border-radius:3px}\n"
            + ".recorded{color:#6e5400;background:#fff8c5;padding:0 4px;border-radius:3px}\n"
            + ".live{color:#116329;background:#dafbe1;padding:0 4px;border-radius:3px}\n"
            + ".meta{color:#57606a;font-size:13px}\n"
            + "pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:13px;background:#f6f8fa;padding:.6em;"
            + "border-radius:6px;margin:.2em 0}\n"
            + "section.failure pre{background:#ffebe9}\n"
            + "section.call{border-top:1px solid #d0d7de;margin-top:1.2em}\n"
            + ".role{font-weight:600;font-size:13px;margin-top:.5em}\n"
            + "table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #d0d7de;padding:3px 8px;"
            + "text-align:left;vertical-align:top}td.num{text-align:right}\n"
            + ".verdict{font-weight:600}\n"
            + ".cut{color:#57606a;font-style:italic}\n";

    private final Transcript transcript;
    private final String jsonName;
    private final int cut;
    private final int maxCalls;
    private final StringBuilder out = new StringBuilder(16 * 1024);

    private TranscriptPage(Transcript transcript, String jsonName, int cut, int maxCalls) {
        this.transcript = transcript;
        this.jsonName = jsonName;
        this.cut = cut;
        this.maxCalls = maxCalls;
    }

    /** The page, drawn with shorter cuts and then fewer calls until it weighs at most the limit. */
    static String render(Transcript transcript, String jsonName) {
        int calls = transcript.calls().size();
        int texts = 1;
        for (CallEntry call : transcript.calls()) {
            texts += 4 + (call.request() == null ? 0 : call.request().path("messages").size());
        }
        // a first guess that fits when every text is long, so that a heavy test is not drawn many times over
        int cut = Math.max(LAST_CUT, Math.min(FIRST_CUT, Transcript.MAX_HTML_BYTES / 2 / texts));
        while (true) {
            String page = new TranscriptPage(transcript, jsonName, cut, calls).page();
            if (page.getBytes(StandardCharsets.UTF_8).length <= Transcript.MAX_HTML_BYTES || calls == 0) {
                return page;
            }
            if (cut > LAST_CUT) {
                cut = Math.max(LAST_CUT, cut / 2);
            } else {
                calls = calls / 2;
            }
        }
    }

    private String page() {
        List<CallEntry> calls = transcript.calls();
        String name = LlmReportListener.shortTest(transcript.test().isEmpty() ? transcript.displayName()
                : transcript.test());
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>")
                .append(transcript.failed() ? "FAILED " : "").append(escape(name))
                .append(" · llmtest transcript</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        out.append("<h1>").append(escape(name)).append(' ').append(transcript.failed()
                ? "<span class=\"failed\">failed</span>" : "<span class=\"passed\">passed</span>").append("</h1>\n");
        out.append("<p class=\"meta\">").append(escape(transcript.displayName())).append(" · ")
                .append(calls.size()).append(" LLM call(s) · ").append(escape(transcript.test())).append("<br/>")
                .append(escape(transcript.uniqueId())).append("</p>\n");
        if (transcript.failed()) {
            out.append("<section class=\"failure\" id=\"failure\">\n<h2>Why it failed</h2>\n<pre>");
            cut(transcript.failure());
            out.append("</pre>\n</section>\n");
        }
        if (calls.isEmpty()) {
            out.append("<p>The test made no LLM call that was answered.</p>\n");
        } else {
            overview(calls);
        }
        int shown = Math.min(maxCalls, calls.size());
        for (CallEntry call : calls.subList(0, shown)) {
            call(call);
        }
        if (shown < calls.size()) {
            out.append("<p class=\"cut\">… ").append(calls.size() - shown).append(" more call(s) left out to keep "
                    + "this page under 200 KB; ").append(escape(jsonName)).append(" has every call.</p>\n");
        }
        out.append("<p class=\"meta\">Every call, with longer texts: ").append(escape(jsonName))
                .append(", next to this page.</p>\n</body>\n</html>\n");
        return out.toString();
    }

    /** One line per call: where to look first. */
    private void overview(List<CallEntry> calls) {
        out.append("<h2>Calls</h2>\n<table>\n<thead><tr><th>call</th><th>model</th><th>source</th>"
                + "<th>extracted</th><th>total</th></tr></thead>\n<tbody>\n");
        for (CallEntry c : calls) {
            out.append("<tr><td><a href=\"#call-").append(c.call()).append("\">#").append(c.call()).append("</a>")
                    .append(c.sample() == null ? "" : " " + SamplesEntry.label(c.sample()))
                    .append(c.judge() ? " judge" : "").append("</td><td>").append(escape(c.model()))
                    .append("</td><td>").append(source(c)).append("</td><td>");
            List<String> extracted = transcript.extractedFrom(c.call()).stream()
                    .map(e -> e.what() + ": " + ReportedCall.plain(e.value())).distinct().toList();
            escape(Texts.clip(String.join("; ", extracted), 300), out);
            out.append("</td><td class=\"num\">").append(Reports.duration(c.figures().totalMs()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static String source(CallEntry c) {
        return c.replayed() ? "<span class=\"recorded\">replayed</span>" : "<span class=\"live\">live</span>";
    }

    private void call(CallEntry c) {
        out.append("<section class=\"call\" id=\"call-").append(c.call()).append("\">\n<h2>Call #").append(c.call())
                .append(" · ").append(escape(c.model()))
                .append(c.sample() == null ? "" : " · " + SamplesEntry.label(c.sample()))
                .append(c.judge() ? " · a judge's call" : "").append("</h2>\n<p class=\"meta\">")
                .append(escape(c.provider())).append(" · mode ").append(escape(c.mode())).append(" · ")
                .append(source(c));
        if (c.replayed()) {
            out.append(" from a fixture").append(c.recordedAt() == null ? "" : " recorded "
                    + escape(c.recordedAt()));
        }
        if (c.answeredBy() != null) {
            out.append(" · answered by ").append(escape(c.answeredBy()));
        }
        out.append(" · key ").append(escape(c.key())).append("</p>\n");
        request(c);
        if (c.thinking() != null && !c.thinking().isEmpty()) {
            out.append("<details><summary>Thinking (").append(String.format(Locale.ROOT, "%,d",
                    c.thinking().length())).append(" characters)</summary>\n<pre>");
            cut(c.thinking());
            out.append("</pre>\n</details>\n");
        }
        out.append("<h3>Answer</h3>\n<pre>");
        cut(c.answer().isEmpty() ? "(empty)" : c.answer());
        out.append("</pre>\n");
        if (c.doneReason() != null) {
            out.append("<p class=\"meta\">done reason: ").append(escape(c.doneReason())).append("</p>\n");
        }
        if (c.toolCalls() != null) {
            out.append("<h3>Tool calls</h3>\n<pre>");
            StringBuilder calls = new StringBuilder();
            c.toolCalls().forEach(t -> calls.append(t.path("name").asText()).append(' ')
                    .append(Jsons.compact(t.path("arguments"))).append('\n'));
            cut(calls.toString().strip());
            out.append("</pre>\n");
        }
        extracted(c);
        figures(c);
        if (c.previous() != null) {
            out.append("<details><summary>The recording this call replaced (").append(escape(
                    c.previous().recordedAt() == null ? "earlier" : c.previous().recordedAt())).append(")</summary>\n<pre>");
            cut(c.previous().answer());
            out.append("</pre>\n</details>\n");
        }
        out.append("</section>\n");
    }

    /** The messages one by one (system prompt first, as sent), then the request's other fields. */
    private void request(CallEntry c) {
        out.append("<h3>Request</h3>\n");
        JsonNode request = c.request();
        if (request == null || !request.isObject()) {
            out.append("<pre>");
            cut(c.prompt());
            out.append("</pre>\n");
            return;
        }
        for (String field : new String[] {"system", "prompt"}) {
            if (request.path(field).isTextual()) {
                out.append("<div class=\"role\">").append(field).append("</div>\n<pre>");
                cut(request.path(field).asText());
                out.append("</pre>\n");
            }
        }
        for (JsonNode m : request.path("messages")) {
            out.append("<div class=\"role\">").append(escape(m.path("role").asText("?"))).append("</div>\n<pre>");
            JsonNode content = m.path("content");
            cut(content.isTextual() ? content.asText()
                    : content.isMissingNode() || content.isNull() ? "" : Jsons.pretty(content));
            StringBuilder more = new StringBuilder(); // tool calls, images, a tool result's name
            m.properties().forEach(e -> {
                if (!e.getKey().equals("role") && !e.getKey().equals("content")) {
                    more.append('\n').append(e.getKey()).append(": ").append(Jsons.compact(e.getValue()));
                }
            });
            if (!more.isEmpty()) {
                cut(more.toString());
            }
            out.append("</pre>\n");
        }
        StringBuilder rest = new StringBuilder();
        request.properties().forEach(e -> {
            if (!List.of("messages", "system", "prompt").contains(e.getKey())) {
                rest.append(e.getKey()).append(": ").append(e.getValue().isContainerNode()
                        ? Jsons.pretty(e.getValue()) : e.getValue().isTextual() ? e.getValue().asText()
                        : e.getValue().toString()).append('\n');
            }
        });
        if (!rest.isEmpty()) {
            out.append("<details><summary>Options, tools and the other request fields</summary>\n<pre>");
            cut(rest.toString().strip());
            out.append("</pre>\n</details>\n");
        }
    }

    private void extracted(CallEntry c) {
        List<Extraction> extracted = transcript.extractedFrom(c.call());
        if (extracted.isEmpty()) {
            return;
        }
        out.append("<h3>").append(c.judge() ? "Judge's verdict" : "Extracted by the assertions").append("</h3>\n<ul>\n");
        for (Extraction e : extracted) {
            boolean verdict = e.what().startsWith("judge") || e.what().equals("judged");
            out.append("<li>").append(verdict ? "<span class=\"verdict\">" : "").append(escape(e.what()))
                    .append(verdict ? "</span>" : "").append(": ");
            escape(Texts.clip(ReportedCall.plain(e.value()), Math.min(cut, 2_000)), out);
            out.append("</li>\n");
        }
        out.append("</ul>\n");
    }

    /** The figures, those replayed marked as recorded: a replayed answer's timings are the recording's. */
    private void figures(CallEntry c) {
        CallEntry.Figures f = c.figures();
        out.append("<h3>Latency</h3>\n");
        if (c.replayed()) {
            out.append("<p class=\"meta\"><span class=\"recorded\">recorded figures</span>: measured when the "
                    + "fixture was recorded").append(c.recordedAt() == null ? "" : " (" + escape(c.recordedAt()) + ")")
                    .append(", not in this run.</p>\n");
        }
        out.append("<table><tr><th>total</th><th>first token</th><th>model load</th><th>prompt eval</th>"
                + "<th>generation</th><th>prompt tokens</th><th>output tokens</th><th>tokens/s</th>"
                + "<th>inter-token mean / p95 / max</th>").append(c.cost() == null ? "" : "<th>cost</th>")
                .append("</tr>\n<tr>");
        for (Double millis : new Double[] {f.totalMs(), f.firstTokenMs(), f.loadMs(), f.promptEvalMs(), f.evalMs()}) {
            out.append("<td class=\"num\">").append(Reports.duration(millis)).append("</td>");
        }
        out.append("<td class=\"num\">").append(Reports.integer(f.promptTokens())).append("</td><td class=\"num\">")
                .append(Reports.integer(f.outputTokens())).append("</td><td class=\"num\">")
                .append(Reports.decimal(f.tokensPerSecond())).append("</td><td class=\"num\">")
                .append(Reports.duration(f.interTokenMs())).append(" / ").append(Reports.duration(f.interTokenP95Ms()))
                .append(" / ").append(Reports.duration(f.interTokenMaxMs())).append("</td>");
        if (c.cost() != null) {
            out.append("<td class=\"num\">").append(String.format(Locale.ROOT, "$%.6f", c.cost().usd()))
                    .append(c.replayed() ? " (recorded)" : "").append("</td>");
        }
        out.append("</tr></table>\n");
    }

    /** A text escaped, cut at this drawing's length with a marked note of how much is left out. */
    private void cut(String text) {
        if (text.length() <= cut) {
            escape(text, out);
            return;
        }
        int end = Character.isHighSurrogate(text.charAt(cut - 1)) ? cut - 1 : cut;
        escape(text.substring(0, end), out);
        out.append("<span class=\"cut\">… [cut here: ").append(String.format(Locale.ROOT, "%,d",
                text.length() - end)).append(" more characters in ").append(escape(jsonName)).append("]</span>");
    }
}
