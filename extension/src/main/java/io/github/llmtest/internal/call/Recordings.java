package io.github.llmtest.internal.call;

import io.github.llmtest.Latency;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.internal.answer.ThinkSplit;
import io.github.llmtest.internal.cost.Prices;
import io.github.llmtest.internal.fixture.Interaction;
import io.github.llmtest.internal.provider.ProviderType;
import io.github.llmtest.internal.provider.ServerMetrics;
import io.github.llmtest.internal.provider.TokenGaps;
import io.github.llmtest.internal.provider.ToolWire;

import java.time.Duration;

/** Turns a recording (or a live answer just recorded) into the {@link LlmAnswer} a test sees. */
final class Recordings {

    private Recordings() {
    }

    /** The model as a test names it: {@code phi4} for the default provider, {@code openai:gpt-4o} for others. */
    static String written(ProviderType type, String model) {
        return type.isDefault() ? model : type.id() + ":" + model;
    }

    /** The answer a test sees: model load taken out of every figure, never going below zero. */
    static LlmAnswer answer(ProviderType type, Interaction i, String prompt, boolean replayed, Prices prices) {
        ServerMetrics m = i.metrics();
        Duration load = m.load().orElse(null);
        Duration wall = i.wallTime() != null ? i.wallTime() : m.total().orElse(Duration.ZERO);
        ThinkSplit split = ThinkSplit.of(i.text());
        String thinking = join(i.thinking(), split.thinking());
        Latency latency = Latency.builder(minus(wall, load))
                .firstToken(i.firstToken() == null ? null : minus(i.firstToken(), load))
                .load(load).promptEval(m.promptEval().orElse(null)).eval(m.eval().orElse(null))
                .promptTokens(m.promptTokens()).outputTokens(m.outputTokens()).interToken(interToken(i.interToken()))
                .thinkingTokens(m.reasoningTokens() != null ? Integer.valueOf(m.reasoningTokens().intValue())
                        : i.thinkingPieces())
                .thinkingTime(thinkingTime(i)).build();
        LlmAnswer.Builder answer = LlmAnswer.builder(split.answer()).model(written(type, i.model())).prompt(prompt)
                .latency(latency).doneReason(i.doneReason()).thinking(thinking)
                .toolCalls(ToolWire.read(i.toolCalls()))
                .cost(prices.cost(written(type, i.model()), m.promptEvalCount(), m.cachedPromptTokens(),
                        m.cacheWriteTokens(), m.evalCount(), m.reasoningTokens()).orElse(null));
        if (replayed) {
            answer.replayed(i.recordedAt(), i.handWritten());
        }
        return answer.build();
    }

    private static String join(String a, String b) {
        String first = a == null ? "" : a.strip();
        return first.isEmpty() ? b : b.isEmpty() ? first : first + "\n\n" + b;
    }

    /** From the first token to the first token of the answer, when the model reasoned first. */
    private static Duration thinkingTime(Interaction i) {
        if (i.firstToken() == null || i.firstAnswerToken() == null
                || i.firstAnswerToken().compareTo(i.firstToken()) <= 0) {
            return null;
        }
        return i.firstAnswerToken().minus(i.firstToken());
    }

    private static Latency.InterToken interToken(TokenGaps gaps) {
        return gaps == null ? null : new Latency.InterToken(gaps.gaps(), Duration.ofNanos(gaps.meanNanos()),
                Duration.ofNanos(gaps.p50Nanos()), Duration.ofNanos(gaps.p95Nanos()),
                Duration.ofNanos(gaps.maxNanos()));
    }

    private static Duration minus(Duration value, Duration load) {
        if (load == null) {
            return value;
        }
        Duration result = value.minus(load);
        return result.isNegative() ? Duration.ZERO : result;
    }
}
