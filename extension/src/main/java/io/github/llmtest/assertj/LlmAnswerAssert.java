package io.github.llmtest.assertj;

import io.github.llmtest.Latency;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.answer.Answers;
import io.github.llmtest.internal.Durations;
import io.github.llmtest.internal.AnswerNotes;
import io.github.llmtest.answer.NumericAnswer;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractBigDecimalAssert;
import org.assertj.core.api.AbstractObjectAssert;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Assertions on one {@link LlmAnswer}. Extraction methods ({@link #boxedAnswer()}, {@link #finalAnswer()},
 * {@link #finalNumber()}) fail at once when nothing could be extracted, showing how the answer ends; otherwise
 * they return AssertJ assertions on the extracted value, described with where it came from.
 *
 * <pre>{@code
 * assertThat(answer).boxedAnswer().isEqualTo("6765");
 * assertThat(answer).finalNumber().isCloseTo(new BigDecimal("1638616.44"), within(new BigDecimal("1")));
 * assertThat(answer).hasFinalNumberCloseTo(1638616.44, withinPercentage(0.001));
 * assertThat(answer).respondedWithin(Duration.ofSeconds(20)).firstTokenWithin(Duration.ofSeconds(2));
 * }</pre>
 */
public final class LlmAnswerAssert extends AbstractAssert<LlmAnswerAssert, LlmAnswer> {

    LlmAnswerAssert(LlmAnswer actual) {
        super(actual, LlmAnswerAssert.class);
    }

    /** @return a string assertion on the whole answer text */
    public AbstractStringAssert<?> text() {
        isNotNull();
        return Assertions.assertThat(actual.text()).as("text of the answer (%s)", actual.provenance());
    }

    /**
     * The last {@code \boxed{}} answer, as {@link Answers#boxed(String)} finds it.
     *
     * @return a string assertion on it
     * @throws AssertionError if the answer has no boxed answer
     */
    public ExtractedAnswerAssert boxedAnswer() {
        return extracted("boxed answer", "a \\boxed{} answer", Answers::boxed);
    }

    /**
     * The boxed answer read as a number ({@code \boxed{\$1,638,616.44}} gives 1638616.44), for tolerances.
     *
     * @return a {@link BigDecimal} assertion
     * @throws AssertionError if there is no boxed answer, or no number in it
     */
    public AbstractBigDecimalAssert<?> boxedNumber() {
        String boxed = boxedAnswer().extracted();
        Optional<NumericAnswer> number = Answers.numericAnswer(boxed);
        AnswerNotes.note(actual, "boxed number", number.map(NumericAnswer::raw).orElse("(none)"));
        if (number.isEmpty()) {
            failWithMessage("%nExpecting the boxed answer %s to be a number, but no number could be read from it.%n"
                    + "The answer (%s) ends with:%n%s", Messages.quote(boxed), actual.provenance(),
                    Messages.tail(actual.text()));
        }
        return Assertions.assertThat(number.get().value())
                .as(Messages.context("boxed number (read from " + Messages.quote(boxed) + ")",
                        number.get().value().toPlainString(), actual));
    }

    /**
     * The answer the text commits to, as {@link Answers#finalAnswer(String)} finds it.
     *
     * @return a string assertion on it
     * @throws AssertionError if nothing answer-like is in the text
     */
    public ExtractedAnswerAssert finalAnswer() {
        return extracted("final answer", "a final answer", Answers::finalAnswer);
    }

    /**
     * The letter a multiple-choice answer chose, among A to E, as {@link Answers#choice(String)} finds it: the
     * chosen letter, not a mentioned one ("It is not A … therefore B" gives B).
     *
     * <pre>{@code
     * assertThat(answer).choice().isEqualTo("B");
     * }</pre>
     *
     * @return a string assertion on the letter
     * @throws AssertionError if the answer chooses no letter
     */
    public ExtractedAnswerAssert choice() {
        return extracted("choice", "a chosen letter among A to E", Answers::choice);
    }

    /**
     * Like {@link #choice()}, for another set of letters.
     *
     * @param letters the letters that are choices, such as {@code "ABCD"} or {@code "ABCDEFGHIJ"}
     * @return a string assertion on the letter
     * @throws AssertionError if the answer chooses none of them
     */
    public ExtractedAnswerAssert choice(String letters) {
        Answers.choice("", letters); // checks the letters before the answer is read
        return extracted("choice", "a chosen letter among " + letters, text -> Answers.choice(text, letters));
    }

    /** Extracts with {@code finder}, notes the result for the report, and fails when nothing was found. */
    private ExtractedAnswerAssert extracted(String what, String description,
                                            Function<String, Optional<String>> finder) {
        isNotNull();
        Optional<String> found = finder.apply(actual.text());
        AnswerNotes.note(actual, what, found.orElse("(none)"));
        if (found.isEmpty()) {
            failWithMessage(nothing(description));
        }
        return new ExtractedAnswerAssert(found.get(), actual, what);
    }

    /**
     * The number of the final answer, as written ({@code 28%} gives 28). Use AssertJ's tolerances on it:
     * {@code isCloseTo(expected, within(offset))}, {@code isCloseTo(expected, withinPercentage(p))},
     * {@code isEqualByComparingTo("5")}.
     *
     * @return a {@link BigDecimal} assertion
     * @throws AssertionError if the answer has no number
     */
    public AbstractBigDecimalAssert<?> finalNumber() {
        NumericAnswer number = requireFinalNumber();
        return Assertions.assertThat(number.value())
                .as(Messages.context("final number (read from " + Messages.quote(number.raw()) + ")",
                        number.value().toPlainString(), actual));
    }

    /**
     * The unit written after the final number, for example {@code cm} in "5 cm".
     *
     * @return a string assertion on the unit
     * @throws AssertionError if there is no final number or no unit after it
     */
    public AbstractStringAssert<?> finalNumberUnit() {
        NumericAnswer number = requireFinalNumber();
        if (number.unitIfAny().isEmpty()) {
            failWithMessage("%nExpecting a unit after the final number %s, but none was written.%n"
                    + "The answer (%s) ends with:%n%s", Messages.quote(number.raw()), actual.provenance(),
                    Messages.tail(actual.text()));
        }
        return Assertions.assertThat(number.unit())
                .as(Messages.context("unit of the final number " + Messages.quote(number.raw()), number.unit(), actual));
    }

    /**
     * Checks the final number against an absolute tolerance.
     *
     * @param expected the right value
     * @param offset   the largest difference allowed, for example {@code within(1.0)}
     * @return this assertion
     */
    public LlmAnswerAssert hasFinalNumberCloseTo(double expected, Offset<Double> offset) {
        Objects.requireNonNull(offset, "offset");
        finalNumber().isCloseTo(BigDecimal.valueOf(expected), Offset.offset(BigDecimal.valueOf(offset.value)));
        return this;
    }

    /**
     * Checks the final number against a relative tolerance.
     *
     * @param expected   the right value
     * @param percentage the largest difference allowed, for example {@code withinPercentage(0.001)}
     * @return this assertion
     */
    public LlmAnswerAssert hasFinalNumberCloseTo(double expected, Percentage percentage) {
        Objects.requireNonNull(percentage, "percentage");
        finalNumber().isCloseTo(BigDecimal.valueOf(expected), percentage);
        return this;
    }

    /**
     * Checks that generation ended by itself rather than by hitting {@code num_predict}.
     *
     * @return this assertion
     */
    public LlmAnswerAssert isComplete() {
        isNotNull();
        if (actual.doneReason().filter("length"::equals).isPresent()) {
            failWithMessage("%nExpecting a complete answer, but generation stopped at the token limit "
                    + "(done_reason \"length\"); raise num_predict.%nThe answer (%s) ends with:%n%s",
                    actual.provenance(), Messages.tail(actual.text()));
        }
        return this;
    }

    /**
     * Checks the wall time of the call, model load excluded.
     *
     * @param budget the longest acceptable time
     * @return this assertion
     */
    public LlmAnswerAssert respondedWithin(Duration budget) {
        isNotNull();
        Duration total = actual.latency().total();
        if (total.compareTo(budget) > 0) {
            failWithMessage("%nExpecting the answer within %s (model load excluded), but it took %s.%n%s%n%s",
                    Durations.format(budget), Durations.format(total), Messages.breakdown(actual.latency()),
                    Messages.figuresSource(actual));
        }
        return this;
    }

    /**
     * Checks the time to the first token, model load excluded.
     *
     * @param budget the longest acceptable time
     * @return this assertion
     */
    public LlmAnswerAssert firstTokenWithin(Duration budget) {
        isNotNull();
        Optional<Duration> first = actual.latency().firstToken();
        if (first.isEmpty()) {
            failWithMessage("%nExpecting the first token within %s, but this answer has no time-to-first-token "
                    + "figure.%n%s", Durations.format(budget), Messages.figuresSource(actual));
        } else if (first.get().compareTo(budget) > 0) {
            failWithMessage("%nExpecting the first token within %s (model load excluded), but it came after %s.%n%s%n%s",
                    Durations.format(budget), Durations.format(first.get()), Messages.breakdown(actual.latency()),
                    Messages.figuresSource(actual));
        }
        return this;
    }

    /**
     * Checks the generation speed: output tokens per second of generation time.
     *
     * @param tokensPerSecond the lowest acceptable speed
     * @return this assertion
     */
    public LlmAnswerAssert generatesAtLeast(double tokensPerSecond) {
        isNotNull();
        var speed = actual.latency().tokensPerSecond();
        if (speed.isEmpty()) {
            failWithMessage("%nExpecting at least %s tokens/s, but this answer has no token count or generation "
                    + "time.%n%s", format(tokensPerSecond), Messages.figuresSource(actual));
        } else if (speed.getAsDouble() < tokensPerSecond) {
            failWithMessage("%nExpecting at least %s tokens/s, but the model generated %s tokens/s.%n%s%n%s",
                    format(tokensPerSecond), format(speed.getAsDouble()), Messages.breakdown(actual.latency()),
                    Messages.figuresSource(actual));
        }
        return this;
    }

    /** @return an assertion on the latency, for checks the methods above do not cover */
    public AbstractObjectAssert<?, Latency> latency() {
        isNotNull();
        return Assertions.assertThat(actual.latency())
                .as("latency of the answer; %s", Messages.figuresSource(actual));
    }

    private NumericAnswer requireFinalNumber() {
        isNotNull();
        Optional<NumericAnswer> number = Answers.finalNumericAnswer(actual.text());
        AnswerNotes.note(actual, "final number", number.map(NumericAnswer::raw).orElse("(none)"));
        if (number.isEmpty()) {
            failWithMessage(nothing("a final number"));
        }
        return number.get();
    }

    private String nothing(String what) {
        return String.format(Locale.ROOT, "%nExpecting the answer to contain %s, but none could be extracted.%n"
                + "The answer (%s) ends with:%n%s", what, actual.provenance(), Messages.tail(actual.text()))
                .replace("%", "%%");
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
