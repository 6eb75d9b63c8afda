package io.github.llmtest.assertj;

/**
 * The second half of {@link LlmAnswerAssert#isSemanticallyCloserTo(String)}: the text the answer must be further
 * from.
 *
 * <pre>{@code
 * assertThat(answer).isSemanticallyCloserTo("Refunds take 14 days.").thanTo("Shipping takes 3 to 5 days.");
 * }</pre>
 */
public final class SemanticComparison {

    private final LlmAnswerAssert answer;
    private final String closer;

    SemanticComparison(LlmAnswerAssert answer, String closer) {
        this.answer = answer;
        this.closer = closer;
    }

    /**
     * Checks that the answer's embedding is closer (by cosine similarity) to the first text than to this one.
     *
     * @param further the text the answer must be further from in meaning
     * @return the assertion on the answer, for chaining
     */
    public LlmAnswerAssert thanTo(String further) {
        return answer.closerInMeaning(closer, Meaning.reference("text", further));
    }
}
