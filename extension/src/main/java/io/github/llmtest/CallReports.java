package io.github.llmtest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.Map;

/**
 * Publishes one JUnit report entry per LLM call, so the figures reach Surefire's XML and llmtest's run report.
 * Keys are {@value #CALL_KEY} (the call) and {@value #EXTRACTIONS_KEY} (what assertions extracted, after the test).
 */
final class CallReports {

    static final String CALL_KEY = "llmtest.call";
    static final String EXTRACTIONS_KEY = "llmtest.extractions";
    private static final int MAX_ANSWER = 20_000;

    private CallReports() {
    }

    static void publish(CallSite site, LlmCall call) {
        site.context.publishReportEntry(CALL_KEY, toJson(site, call).toString());
    }

    static ObjectNode toJson(CallSite site, LlmCall call) {
        LlmAnswer a = call.answer();
        Latency l = a.latency();
        ObjectNode node = Fixtures.MAPPER.createObjectNode();
        node.put("test", site.testId);
        node.put("call", call.index());
        if (site.sample() != null) {
            node.put("sample", site.sample());
        }
        node.put("model", a.model());
        node.put("mode", site.settings.mode().name().toLowerCase(java.util.Locale.ROOT));
        node.put("replayed", a.replayed());
        a.recordedAt().ifPresent(t -> node.put("recorded_at", t.toString()));
        node.put("key", call.key());
        node.put("prompt", Texts.head(a.prompt(), 300));
        node.put("answer", a.text().length() > MAX_ANSWER ? a.text().substring(0, MAX_ANSWER) + "…" : a.text());
        a.doneReason().ifPresent(r -> node.put("done_reason", r));
        node.put("total_ms", millis(l.total()));
        l.firstToken().ifPresent(d -> node.put("first_token_ms", millis(d)));
        l.load().ifPresent(d -> node.put("load_ms", millis(d)));
        l.promptEval().ifPresent(d -> node.put("prompt_eval_ms", millis(d)));
        l.eval().ifPresent(d -> node.put("eval_ms", millis(d)));
        l.promptTokens().ifPresent(n -> node.put("prompt_tokens", n));
        l.outputTokens().ifPresent(n -> node.put("output_tokens", n));
        l.tokensPerSecond().ifPresent(t -> node.put("tokens_per_second", Math.round(t * 10) / 10.0));
        return node;
    }

    static void publishExtractions(CallSite site) {
        ArrayNode all = Fixtures.MAPPER.createArrayNode();
        for (LlmCall call : site.calls()) {
            for (Map.Entry<String, String> e : call.answer().extractions()) {
                all.addObject().put("call", call.index()).put("what", e.getKey()).put("value", e.getValue());
            }
        }
        if (!all.isEmpty()) {
            site.context.publishReportEntry(EXTRACTIONS_KEY, all.toString());
        }
    }

    private static double millis(Duration d) {
        return Math.round(d.toNanos() / 1e4) / 100.0;
    }
}
