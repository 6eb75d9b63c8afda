package io.github.llmtest;

import java.time.Duration;
import java.time.Instant;

/** Builds answers for unit tests of code that consumes them, through the public builders. */
public final class TestAnswers {

    private TestAnswers() {
    }

    /** A live answer with typical figures: 4 s total, 0.5 s to first token, 200 tokens in 4 s. */
    public static LlmAnswer live(String text) {
        return liveWith(text, 4000, 500, 200, 4000, "stop");
    }

    /** A replayed answer recorded on 2025-01-14 with the given figures. */
    public static LlmAnswer replayed(String text, long totalMs, long firstTokenMs, int tokens, long evalMs) {
        return LlmAnswer.builder(text).model("phi4").prompt("a question").doneReason("stop")
                .latency(latency(totalMs, firstTokenMs, tokens, evalMs))
                .replayed(Instant.parse("2025-01-14T09:20:03Z"), true).build();
    }

    public static LlmAnswer liveWith(String text, long totalMs, long firstTokenMs, int tokens, long evalMs,
                                     String doneReason) {
        return LlmAnswer.builder(text).model("phi4").prompt("a question").doneReason(doneReason)
                .latency(latency(totalMs, firstTokenMs, tokens, evalMs)).build();
    }

    /** A live answer with no figures at all but the total. */
    public static LlmAnswer withoutFigures(String text) {
        return LlmAnswer.builder(text).model("phi4").prompt("a question")
                .latency(Latency.builder(Duration.ofSeconds(1)).build()).build();
    }

    private static Latency latency(long totalMs, long firstTokenMs, int tokens, long evalMs) {
        return Latency.builder(Duration.ofMillis(totalMs)).firstToken(Duration.ofMillis(firstTokenMs))
                .load(Duration.ofMillis(50)).promptEval(Duration.ofMillis(100)).eval(Duration.ofMillis(evalMs))
                .promptTokens(30).outputTokens(tokens).build();
    }
}
