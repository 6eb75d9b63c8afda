package io.github.llmtest.examples;

import io.github.llmtest.LatencyBudget;
import io.github.llmtest.Llm;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.LlmRequest;
import io.github.llmtest.LlmTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.stream.Stream;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static io.github.llmtest.assertj.LlmAssertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Prompt behaviour tested like code: under {@link BoxedAnswerPrompt}'s system prompt, every seed question must
 * come back with a boxed answer equal to the right value. If a new model, a new prompt wording or new options
 * break that contract, this test says which question broke it and how the answer ended.
 */
@LlmTest
@LatencyBudget(total = "30s", firstToken = "2s")
class BoxedAnswerPromptTest {

    static Stream<Arguments> seedQuestions() {
        return Stream.of(
                arguments("fibonacci", SeedPrompts.FIBONACCI, new BigDecimal("6765"), BigDecimal.ZERO),
                arguments("compound interest", SeedPrompts.COMPOUND_INTEREST, new BigDecimal("1638616.44"),
                        new BigDecimal("1")),
                arguments("prism", SeedPrompts.PRISM, new BigDecimal("5"), BigDecimal.ZERO));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedQuestions")
    void boxesTheRightValue(String name, String question, BigDecimal expected, BigDecimal tolerance, Llm llm) {
        BoxedAnswerPrompt.Messages prompt = BoxedAnswerPrompt.forQuestion(question);
        LlmAnswer answer = llm.chat(LlmRequest.builder().system(prompt.system()).user(prompt.user()).build());

        assertThat(answer).boxedNumber().isCloseTo(expected, within(tolerance));
    }
}
