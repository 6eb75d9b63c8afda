package io.github.llmtest.assertj;

import io.github.llmtest.answer.MathEquivalence;
import org.assertj.core.api.AbstractStringAssert;

import java.util.Objects;

/**
 * Assertions on an answer extracted from a model's text or another text (the boxed answer or the final answer). All of AssertJ's
 * string assertions apply; failure messages say what was extracted, from which answer, and how the answer ends.
 */
public final class ExtractedAnswerAssert extends AbstractStringAssert<ExtractedAnswerAssert> {

    private final String what;

    ExtractedAnswerAssert(String extracted, String describedAs, String text, String what) {
        super(extracted, ExtractedAnswerAssert.class);
        this.what = what;
        as(Messages.context(what, extracted, describedAs, text));
    }

    /**
     * Checks that the extracted answer is the same mathematics as {@code expected}, by
     * {@link MathEquivalence#DEFAULT}: {@code 0.5}, {@code 1/2} and {@code \dfrac{2}{4}} are all equivalent to
     * {@code \frac{1}{2}}.
     *
     * <pre>{@code
     * assertThat(answer).finalAnswer().isEquivalentTo("\\frac{1}{2}");
     * assertThat(answer).boxedAnswer().isEquivalentTo("(x+1)^2");
     * }</pre>
     *
     * @param expected the right answer, in LaTeX or plain math
     * @return this assertion
     */
    public ExtractedAnswerAssert isEquivalentTo(String expected) {
        return isEquivalentTo(expected, MathEquivalence.DEFAULT);
    }

    /**
     * Like {@link #isEquivalentTo(String)}, with other settings (rounding, units).
     *
     * @param expected    the right answer
     * @param equivalence how to compare
     * @return this assertion
     */
    public ExtractedAnswerAssert isEquivalentTo(String expected, MathEquivalence equivalence) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(equivalence, "equivalence");
        isNotNull();
        MathEquivalence.Result result = equivalence.check(expected, actual);
        if (!result.equivalent()) {
            failWithMessage("%nExpecting the %s to be mathematically equivalent to:%n  %s%n"
                    + "but it was:%n  %s%nParsed as: %s  vs  %s%nWhy not: %s",
                    what, expected, actual, result.expected(), result.actual(), result.reason());
        }
        return myself;
    }

    /** @return the extracted text */
    String extracted() {
        return actual;
    }

}
