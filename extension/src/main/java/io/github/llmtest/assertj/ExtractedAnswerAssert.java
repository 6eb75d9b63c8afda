package io.github.llmtest.assertj;

import io.github.llmtest.LlmAnswer;
import org.assertj.core.api.AbstractStringAssert;

/**
 * Assertions on an answer extracted from a model's text (the boxed answer or the final answer). All of AssertJ's
 * string assertions apply; failure messages say what was extracted, from which answer, and how the answer ends.
 */
public final class ExtractedAnswerAssert extends AbstractStringAssert<ExtractedAnswerAssert> {

    private final LlmAnswer answer;
    private final String what;

    ExtractedAnswerAssert(String extracted, LlmAnswer answer, String what) {
        super(extracted, ExtractedAnswerAssert.class);
        this.answer = answer;
        this.what = what;
        as(Messages.context(what, extracted, answer));
    }

    /** @return the extracted text */
    String extracted() {
        return actual;
    }

    /** @return the answer this text was extracted from */
    LlmAnswer answer() {
        return answer;
    }

    /** @return what was extracted, for example {@code boxed answer} */
    String what() {
        return what;
    }
}
