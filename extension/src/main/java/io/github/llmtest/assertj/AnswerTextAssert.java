package io.github.llmtest.assertj;

/**
 * The answer assertions on a plain string, such as the reply an application built from a model's answer: the
 * boxed answer, the final answer or number, the chosen letter, and math equivalence of what was extracted.
 *
 * <pre>{@code
 * String reply = tutor.solve("Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ...");
 * assertThatText(reply).boxedAnswer().isEqualTo("6765");
 * assertThatText(reply).finalNumber().isCloseTo(new BigDecimal("1638616.44"), within(BigDecimal.ONE));
 * }</pre>
 *
 * Latency and completeness are properties of a model's answer, not of a string: assert them on
 * {@link io.github.llmtest.LlmServer#calls()}.
 */
public final class AnswerTextAssert extends AbstractAnswerAssert<AnswerTextAssert, String> {

    AnswerTextAssert(String actual) {
        super(actual, AnswerTextAssert.class);
    }

    @Override
    String answerText() {
        return actual;
    }

    @Override
    String noun() {
        return "text";
    }

    @Override
    String describedAs() {
        return "the text";
    }

    @Override
    java.util.Optional<String> question() {
        return java.util.Optional.empty();
    }

    @Override
    void note(String what, String value) {
        // a plain string belongs to no call of the run report
    }
}
