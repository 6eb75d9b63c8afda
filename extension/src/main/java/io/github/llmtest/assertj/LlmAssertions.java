package io.github.llmtest.assertj;

import io.github.llmtest.LlmAnswer;

/**
 * Entry point for assertions on answers, usable beside {@code org.assertj.core.api.Assertions}.
 *
 * <pre>{@code
 * import static io.github.llmtest.assertj.LlmAssertions.assertThat;
 * import static org.assertj.core.api.Assertions.within;
 *
 * assertThat(answer).boxedAnswer().isEqualTo("6765");
 * assertThat(answer).finalNumber().isCloseTo(new BigDecimal("1638616.44"), within(new BigDecimal("1")));
 * assertThat(answer).respondedWithin(Duration.ofSeconds(20));
 * }</pre>
 */
public final class LlmAssertions {

    private LlmAssertions() {
    }

    /**
     * Starts an assertion on an answer.
     *
     * @param actual the answer
     * @return the assertion
     */
    public static LlmAnswerAssert assertThat(LlmAnswer actual) {
        return new LlmAnswerAssert(actual);
    }
}
