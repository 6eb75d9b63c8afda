package io.github.llmtest;

import java.time.Duration;
import java.time.Instant;

/** Builds answers for unit tests of code that consumes them, without a model or a fixture. */
public final class TestAnswers {

    private TestAnswers() {
    }

    /** A live answer with typical figures: 4 s total, 0.5 s to first token, 200 tokens in 4 s. */
    public static LlmAnswer live(String text) {
        return new LlmAnswer(text, "phi4", "a question", false, null, null, latency(4000, 500, 200, 4000), "stop");
    }

    /** A replayed answer recorded on 2025-01-14 with the given figures. */
    public static LlmAnswer replayed(String text, long totalMs, long firstTokenMs, int tokens, long evalMs) {
        return new LlmAnswer(text, "phi4", "a question", true, Instant.parse("2025-01-14T09:20:03Z"), "hand-written",
                latency(totalMs, firstTokenMs, tokens, evalMs), "stop");
    }

    public static LlmAnswer liveWith(String text, long totalMs, long firstTokenMs, int tokens, long evalMs,
                                     String doneReason) {
        return new LlmAnswer(text, "phi4", "a question", false, null, null,
                latency(totalMs, firstTokenMs, tokens, evalMs), doneReason);
    }

    /** A live answer with no figures at all but the total. */
    public static LlmAnswer withoutFigures(String text) {
        return new LlmAnswer(text, "phi4", "a question", false, null, null,
                new Latency(Duration.ofSeconds(1), null, null, null, null, null, null), null);
    }

    private static Latency latency(long totalMs, long firstTokenMs, int tokens, long evalMs) {
        return new Latency(Duration.ofMillis(totalMs), Duration.ofMillis(firstTokenMs), Duration.ofMillis(50),
                Duration.ofMillis(100), Duration.ofMillis(evalMs), 30, tokens);
    }
}
