package io.github.llmtest.examples;

import dev.langchain4j.model.ollama.OllamaChatModel;
import io.github.llmtest.LlmServer;
import io.github.llmtest.LlmTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static io.github.llmtest.assertj.LlmAssertions.assertThatText;
import static io.github.llmtest.assertj.LlmAssertions.within;

/**
 * An application's own LLM calls under test: {@link MathTutor} (a LangChain4j AI Service) talks to phi4 through
 * {@link LlmServer}, which replays its recorded answers offline and records them against a real Ollama with
 * {@code -Dllmtest.mode=record}. The assertions are on what the application returns, and on the calls it made.
 */
@LlmTest
class MathTutorTest {

    static MathTutor tutor(LlmServer server) {
        return MathTutor.using(OllamaChatModel.builder().baseUrl(server.ollamaUrl()).modelName("phi4")
                .temperature(0.0).seed(42).timeout(Duration.ofMinutes(5)).build());
    }

    @Test
    void boxesTheTwentiethFibonacciNumber(LlmServer server) {
        String reply = tutor(server).solve(SeedPrompts.FIBONACCI);

        assertThatText(reply).boxedAnswer().isEqualTo("6765");
        assertThat(server.calls()).singleElement().satisfies(call -> {
            assertThat(call).respondedWithin(Duration.ofSeconds(20));
            assertThat(call.prompt()).isEqualTo(SeedPrompts.FIBONACCI);
        });
    }

    @Test
    void boxesTheCompoundInterestToTheDollar(LlmServer server) {
        String reply = tutor(server).solve(SeedPrompts.COMPOUND_INTEREST);

        assertThatText(reply).boxedNumber().isCloseTo(new BigDecimal("1638616.44"), within(BigDecimal.ONE));
    }
}
