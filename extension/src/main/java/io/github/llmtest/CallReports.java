package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.llmtest.internal.Durations;
import io.github.llmtest.internal.Instants;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.Texts;
import io.github.llmtest.internal.call.Purpose;
import io.github.llmtest.internal.report.CallEntry;
import io.github.llmtest.internal.report.Extraction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Publishes one JUnit report entry per LLM call ({@link CallEntry}), and after the test what assertions extracted
 * ({@link Extraction}), so the figures reach Surefire's XML and llmtest's run report.
 */
final class CallReports {

    private static final int MAX_PROMPT = 300;
    private static final int MAX_ANSWER = 20_000;

    private CallReports() {
    }

    static void publish(TestSession session, LlmCall call) {
        session.publish(CallEntry.KEY, entry(session, call).publish());
    }

    static CallEntry entry(TestSession session, LlmCall call) {
        LlmAnswer a = call.answer();
        Latency l = a.latency();
        CallEntry.Figures figures = new CallEntry.Figures(Durations.millis(l.total()),
                l.firstToken().map(Durations::millis).orElse(null), l.load().map(Durations::millis).orElse(null),
                l.promptEval().map(Durations::millis).orElse(null), l.eval().map(Durations::millis).orElse(null),
                l.promptTokens().isPresent() ? l.promptTokens().getAsInt() : null,
                l.outputTokens().isPresent() ? l.outputTokens().getAsInt() : null,
                l.tokensPerSecond().isPresent() ? Math.round(l.tokensPerSecond().getAsDouble() * 10) / 10.0 : null,
                l.interToken().map(i -> Durations.millis(i.mean())).orElse(null),
                l.interToken().map(i -> Durations.millis(i.p95())).orElse(null),
                l.interToken().map(i -> Durations.millis(i.max())).orElse(null));
        return new CallEntry(session.testId(), call.index(), call.sample(), call.provider(), a.model(),
                session.mode().name().toLowerCase(Locale.ROOT), a.replayed(),
                a.recordedAt().map(Instants::format).orElse(null), call.key(), Texts.head(a.prompt(), MAX_PROMPT),
                Texts.clip(a.text(), MAX_ANSWER), a.doneReason().orElse(null), figures,
                session.context().getTestMethod().map(CompareModelsExtension::isComparison).orElse(false),
                clipped(call.request()), call.previous() == null ? null : new CallEntry.Previous(
                        Texts.clip(call.previous().answer(), MAX_ANSWER), call.previous().recordedAt(),
                        call.previous().origin(), call.previous().requestChanged()),
                Texts.clip(a.thinking(), MAX_ANSWER), toolCalls(a), call.answeredBy(),
                a.cost().map(c -> new CallEntry.Spend(c.totalUsd(), c.reasoningUsd(), c.cachedPromptTokens(),
                        c.reasoningTokens(), c.model())).orElse(null),
                call.purpose() != Purpose.ANSWER);
    }

    private static JsonNode toolCalls(LlmAnswer answer) {
        if (answer.toolCalls().isEmpty()) {
            return null;
        }
        ArrayNode calls = Jsons.array();
        for (ToolCall c : answer.toolCalls()) {
            ObjectNode call = calls.addObject();
            if (c.id() != null) {
                call.put("id", c.id());
            }
            call.put("name", c.name()).set("arguments", c.arguments());
        }
        return calls;
    }

    /** The request with every long text clipped, so that a report stays readable with long prompts. */
    private static JsonNode clipped(JsonNode request) {
        if (request == null || !hasLongText(request)) {
            return request;
        }
        if (request.isTextual()) {
            return request.asText().length() > MAX_ANSWER ? TextNode.valueOf(Texts.clip(request.asText(), MAX_ANSWER))
                    : request;
        }
        if (request.isObject()) {
            ObjectNode copy = Jsons.object();
            request.properties().forEach(e -> copy.set(e.getKey(), clipped(e.getValue())));
            return copy;
        }
        if (request.isArray()) {
            ArrayNode copy = Jsons.array();
            request.forEach(item -> copy.add(clipped(item)));
            return copy;
        }
        return request;
    }

    private static boolean hasLongText(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().length() > MAX_ANSWER;
        }
        for (JsonNode child : node) {
            if (hasLongText(child)) {
                return true;
            }
        }
        return false;
    }

    static void publishExtractions(TestSession session) {
        List<Extraction> all = new ArrayList<>();
        for (LlmCall call : session.calls()) {
            for (TestSession.Extracted e : session.extractions(call.answer())) {
                all.add(new Extraction(call.index(), e.what(), e.value()));
            }
        }
        if (!all.isEmpty()) {
            session.publish(Extraction.KEY, Jsons.compact(Extraction.toJson(all)));
        }
    }
}
