package io.github.llmtest.answer;

import io.github.llmtest.internal.answer.AnswerFinder;
import io.github.llmtest.internal.answer.NumberScanner;
import io.github.llmtest.internal.math.Equivalence;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds what an answer commits to. Pure functions, thread-safe, linear in the length of the text.
 *
 * <pre>{@code
 * Answers.boxed("... so F(20) = \\boxed{6765}.")                 // Optional[6765]
 * Answers.finalAnswer("The final answer is $1,638,616.44.")       // Optional[$1,638,616.44]
 * Answers.finalNumber("... approximately **$1,638,620**")         // Optional[1638620]
 * Answers.parseNumber("14{,}916")                                 // Optional[14916]
 * }</pre>
 *
 * <p>The final answer is looked for by anchor, in this order: "final answer is X" (or "final answer: X"), the
 * {@code \boxed{}} answer, "answer: X", "the answer is X", GSM8K's "#### X", a bold {@code **X**} at the end, and
 * last the rightmost LaTeX block or number. The anchors are also read in French, German, Spanish, Portuguese,
 * Italian, Russian, Chinese, Japanese and Korean ("Réponse :", "Antwort:", "答案：", "정답:" …). Within a tier the
 * rightmost match wins; a candidate that cannot be read (empty, or without a number when a number is wanted) gives
 * way to the next one. Prose around an anchored answer is trimmed ("The smallest $k$ is 12." gives 12, "Réponse : il
 * lui restera 220 $ à payer." gives {@code 220 $}), and only what follows a reasoning model's
 * {@code <think>…</think>} counts. One text has one answer: the boxes {@link #boxed(String)} joins are the final
 * answer too, and a closing run of assignments ("so x = 7 and y = 6") is one answer.
 */
public final class Answers {

    private Answers() {
    }

    /**
     * The last {@code \boxed{...}} or {@code \fbox{...}} answer, braces matched by counting, also
     * {@code \boxed 5}. Several boxes in a row joined by commas, "and", "or", or a few words or labels
     * ({@code \boxed{1} apples and \boxed{2} pears}) form one answer {@code 1, 2}; a later box after a sentence end
     * or a correction ("but", "wait") wins alone.
     *
     * @param text the answer text
     * @return the content of the last box, or empty when there is none
     */
    public static Optional<String> boxed(String text) {
        return AnswerFinder.boxed(Objects.requireNonNull(text, "text"));
    }

    /**
     * The answer the text commits to, by anchor priority (see the class description).
     *
     * @param text the answer text
     * @return the answer as written, trimmed of markup around it; empty when nothing answer-like is there
     */
    public static Optional<String> finalAnswer(String text) {
        return AnswerFinder.finalAnswer(Objects.requireNonNull(text, "text"));
    }

    /**
     * The number of the final answer: the first number of the highest-priority anchored candidate that has one,
     * else the last number of the text. A closed form is read as its value ({@code 3\sqrt{13}},
     * {@code \frac{5\pi}{6}}, {@code 2^{10}}); of several boxes, the last.
     *
     * @param text the answer text
     * @return the value as written ({@code 28%} gives 28), or empty
     */
    public static Optional<BigDecimal> finalNumber(String text) {
        return finalNumericAnswer(text).map(NumericAnswer::value);
    }

    /**
     * Like {@link #finalNumber(String)}, with the percent flag, the raw span and the unit.
     *
     * @param text the answer text
     * @return the number, or empty
     */
    public static Optional<NumericAnswer> finalNumericAnswer(String text) {
        return AnswerFinder.finalNumber(Objects.requireNonNull(text, "text"), Equivalence::constant)
                .map(Answers::numeric);
    }

    /**
     * Reads the number written in a short text such as {@code $1,638,616.44}, {@code \frac{3}{4}},
     * {@code 1.5 \times 10^{3}}, {@code 2 million}, {@code 28%} or {@code **5 cm**}; when there are several, the last.
     *
     * @param text a short text
     * @return the value as written, or empty if there is no number
     */
    public static Optional<BigDecimal> parseNumber(String text) {
        return numericAnswer(text).map(NumericAnswer::value);
    }

    /**
     * Like {@link #parseNumber(String)}, with the percent flag, the raw span and the unit.
     *
     * @param text a short text
     * @return the number, or empty
     */
    public static Optional<NumericAnswer> numericAnswer(String text) {
        return AnswerFinder.lastNumber(Objects.requireNonNull(text, "text")).map(Answers::numeric);
    }

    /**
     * The letter a multiple-choice answer chose, among A to E. Finds the chosen letter, not a mentioned one: "The
     * answer is (C)", "C. because …", "Answer: B, since neither A nor D …" and "It is not A … therefore B" give C,
     * C, B and B.
     *
     * @param text the answer text
     * @return the letter, upper case, or empty when no choice is made
     */
    public static Optional<String> choice(String text) {
        return choice(text, "ABCDE");
    }

    /**
     * Like {@link #choice(String)}, for another set of letters, such as {@code "ABCD"} or {@code "ABCDEFGHIJ"}.
     *
     * @param text    the answer text
     * @param letters the letters that are choices
     * @return the letter, upper case, or empty
     */
    public static Optional<String> choice(String text, String letters) {
        Objects.requireNonNull(letters, "letters");
        String upper = letters.toUpperCase(java.util.Locale.ROOT);
        if (upper.isEmpty() || !upper.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new IllegalArgumentException("choice letters must be letters A to Z, such as \"ABCD\", but were \""
                    + letters + "\"");
        }
        return AnswerFinder.choice(Objects.requireNonNull(text, "text"), upper);
    }

    private static NumericAnswer numeric(NumberScanner.Found found) {
        return new NumericAnswer(found.value(), found.percent(), found.raw(), found.unit());
    }
}
