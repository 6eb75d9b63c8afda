package io.github.llmtest;

import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The assertions inside real @LlmTest tests, live against the fake server and then replayed. */
class AssertionsInAnLlmTestTest {

    @TempDir
    Path fixtures;

    @LlmTest
    @LatencyBudget(total = "10s")
    static class Fibonacci {
        @org.junit.jupiter.api.Test
        void boxed(Llm llm) {
            LlmAnswer answer = llm.ask("Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ...");
            assertThat(answer).boxedAnswer().isEqualTo("6765");
            assertThat(answer).finalNumber().isCloseTo(new BigDecimal("6765"), within(BigDecimal.ZERO));
            assertThat(answer).respondedWithin(Duration.ofSeconds(10));
        }
    }

    @Test
    void passLiveThenReplayed() {
        try (FakeOllama server = FakeOllama.start().answerWith(r -> "F(20) = 6765, so \\boxed{6765}.")) {
            Kit.run(Kit.config(server.url(), fixtures, "record"), Fibonacci.class)
                    .testEvents().assertStatistics(s -> s.succeeded(1));
        }
        Kit.run(Kit.config("http://127.0.0.1:1", fixtures, "replay"), Fibonacci.class)
                .testEvents().assertStatistics(s -> s.succeeded(1));
    }

    @Test
    void failLiveWithTheExtractedValueInTheMessage() {
        try (FakeOllama server = FakeOllama.start().answerWith(r -> "I believe it is \\boxed{4181}.")) {
            EngineExecutionResults results = Kit.run(Kit.config(server.url(), fixtures, "live"), Fibonacci.class);

            results.testEvents().assertStatistics(s -> s.failed(1));
            org.assertj.core.api.Assertions.assertThat(Kit.failureMessage(results))
                    .contains("boxed answer \"4181\" extracted from the answer (live call to phi4)")
                    .contains("expected: \"6765\"");
        }
    }
}
