package io.github.llmtest.assertj;

import io.github.llmtest.LlmAnswer;
import org.assertj.core.api.Assertions;

/**
 * Entry point for assertions on answers. It extends AssertJ's {@link Assertions} (AssertJ's own pattern for custom
 * entry points), so one static import brings every AssertJ assertion as well as the ones on answers; importing
 * both this and {@code org.assertj.core.api.Assertions.assertThat} works too.
 *
 * <pre>{@code
 * import static io.github.llmtest.assertj.LlmAssertions.assertThat;
 * import static io.github.llmtest.assertj.LlmAssertions.within;
 *
 * assertThat(answer).boxedAnswer().isEqualTo("6765");
 * assertThat(answer).finalNumber().isCloseTo(new BigDecimal("1638616.44"), within(new BigDecimal("1")));
 * assertThat(answer).respondedWithin(Duration.ofSeconds(20));
 * }</pre>
 */
public class LlmAssertions extends Assertions {

    /** Only static methods; subclass it to add your own assertions beside these. */
    protected LlmAssertions() {
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

    /**
     * Starts the answer assertions on a plain string, such as the reply an application built from a model's
     * answer: {@code assertThatText(reply).boxedAnswer().isEqualTo("6765")}.
     *
     * @param actual the text
     * @return the assertion
     */
    public static AnswerTextAssert assertThatText(String actual) {
        return new AnswerTextAssert(actual);
    }
}
