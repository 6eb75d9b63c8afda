package io.github.llmtest.assertj;

import io.github.llmtest.answer.Answers;
import io.github.llmtest.answer.NumericAnswer;
import io.github.llmtest.internal.answer.JsonText;
import io.github.llmtest.internal.answer.Refusals;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractBigDecimalAssert;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The assertions on what a text answers, shared by {@link LlmAnswerAssert} (an answer from a model) and
 * {@link AnswerTextAssert} (a string, such as what an application returned). Extraction methods
 * ({@link #boxedAnswer()}, {@link #finalAnswer()}, {@link #finalNumber()}, {@link #choice()}) fail at once when
 * nothing could be extracted, showing how the text ends; otherwise they return AssertJ assertions on the
 * extracted value, described with where it came from.
 *
 * @param <SELF>   the assertion's own type
 * @param <ACTUAL> what it is about
 */
public abstract class AbstractAnswerAssert<SELF extends AbstractAnswerAssert<SELF, ACTUAL>, ACTUAL>
        extends AbstractAssert<SELF, ACTUAL> {

    AbstractAnswerAssert(ACTUAL actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /** @return the text the answer is read from */
    abstract String answerText();

    /** @return "answer" or "text", for "Expecting the answer to contain ..." */
    abstract String noun();

    /** @return what the text is, for messages: "the answer (live call to phi4)" */
    abstract String describedAs();

    /** Notes what was extracted, for the run report. */
    abstract void note(String what, String value);

    /** @return the question the text answers, when it is known, for a judge */
    abstract Optional<String> question();

    /** @return why the text is empty when that has a reason worth saying (only reasoning, only tool calls), or "" */
    String whyEmpty() {
        return "";
    }

    /**
     * The JSON in the text: the whole text, else the first fenced {@code ```json} block, else the first balanced
     * JSON object or array in it (the first of these that is valid JSON; the description says which).
     *
     * <pre>{@code
     * assertThat(answer).json().matchesSchema(format);
     * assertThat(answer).json().node("/final_amount").asNumber().isEqualByComparingTo("1638616.44");
     * }</pre>
     *
     * @return an assertion on the JSON
     * @throws AssertionError if no valid JSON is in the text, with each parse error, its position and the text
     *                        around it
     */
    public JsonAnswerAssert json() {
        isNotNull();
        JsonText.Result read = JsonText.read(answerText());
        note("json", read.found() ? read.where() : "(none)");
        if (!read.found()) {
            failWithMessage("%nExpecting the %s to hold JSON, but none could be read: %s.%n%s ends with:%n%s", noun(),
                    read.problem(), Messages.capitalized(describedAs()),
                    Messages.tail(answerText()));
        }
        return new JsonAnswerAssert(read.json(), noun().equals("text") ? read.where()
                : read.where() + " of " + describedAs());
    }

    /**
     * Checks that the text does not open with a refusal ("I'm sorry, but I can't help with that", "As an AI
     * language model, I cannot…"); the phrasings are listed in the guide (docs/guide/03-assertions.md). Only the first
     * 300 characters are read, after a closed {@code <think>} trace.
     *
     * @return this assertion
     */
    public SELF isNotRefusal() {
        isNotNull();
        Optional<String> refusal = Refusals.find(answerText());
        if (refusal.isPresent()) {
            failWithMessage("%nExpecting the %s not to be a refusal, but it opens with %s.%n%s ends with:%n%s", noun(),
                    Messages.quote(refusal.get()), Messages.capitalized(describedAs()),
                    Messages.tail(answerText()));
        }
        return myself;
    }

    /**
     * Asks a judge model whether the text meets a rubric; the judge's calls are recorded and replayed like the
     * test's own. See {@link LlmJudge} for what a judge can be trusted with.
     *
     * <pre>{@code
     * assertThat(answer).satisfiesRubric(llm.withModel("phi4"), "States the final amount in dollars");
     * }</pre>
     *
     * @param judge  the model that judges, with {@link LlmJudge#DEFAULT_INSTRUCTIONS}
     * @param rubric what the text must do, in a sentence or a short list
     * @return this assertion
     */
    public SELF satisfiesRubric(io.github.llmtest.Llm judge, String rubric) {
        return satisfiesRubric(LlmJudge.using(judge), rubric);
    }

    /**
     * Like {@link #satisfiesRubric(io.github.llmtest.Llm, String)}, with a configured judge (instructions, votes).
     *
     * @param judge  the judge
     * @param rubric what the text must do
     * @return this assertion
     */
    public SELF satisfiesRubric(LlmJudge judge, String rubric) {
        Objects.requireNonNull(judge, "judge");
        if (Objects.requireNonNull(rubric, "rubric").isBlank()) {
            throw new IllegalArgumentException("satisfiesRubric needs a rubric: what the text must do");
        }
        isNotNull();
        LlmJudge.Verdict verdict = judge.judge(question().orElse(null), answerText(), rubric);
        note("judged", (verdict.pass() ? "pass" : "fail") + " — " + rubric);
        if (!verdict.pass()) {
            String votes = verdict.votesCast() == 1 ? "" : String.format(Locale.ROOT, " (%d of %d votes for pass)",
                    verdict.votesFor(), verdict.votesCast());
            failWithMessage("%nExpecting the %s to satisfy the rubric:%n  %s%nbut the judge (%s) said it does not%s:%n"
                    + "  %s%n%s ends with:%n%s", noun(), rubric, verdict.provenance(), votes, verdict.reason(),
                    Messages.capitalized(describedAs()), Messages.tail(answerText()));
        }
        return myself;
    }

    /**
     * Asks a judge whether the text is grounded in the contexts it was written from (the documents a
     * retrieval-augmented application retrieved): the judge splits it into claims and says of each whether the
     * contexts support it; the assertion fails listing the unsupported claims. Recorded and replayed like
     * {@link #satisfiesRubric(LlmJudge, String)}. It cannot catch a wrong context, a claim the judge misses or
     * merges, or an answer that leaves out what the contexts say (see the guide).
     *
     * <pre>{@code
     * assertThat(answer).isGroundedIn(LlmJudge.using(llm), retrievedTexts);
     * }</pre>
     *
     * @param judge    the judge; its instructions are replaced by {@code isGroundedIn}'s own
     * @param contexts the texts the answer may draw on, at least one
     * @return this assertion
     */
    public SELF isGroundedIn(LlmJudge judge, java.util.List<String> contexts) {
        Objects.requireNonNull(judge, "judge");
        if (Objects.requireNonNull(contexts, "contexts").isEmpty()
                || contexts.stream().anyMatch(c -> c == null || c.isBlank())) {
            throw new IllegalArgumentException("isGroundedIn needs at least one context, and none blank: the texts "
                    + "the answer may draw on");
        }
        isNotNull();
        Grounding.Verdict verdict = Grounding.check(judge, question().orElse(null), answerText(), contexts);
        java.util.List<Grounding.Claim> unsupported = verdict.unsupported();
        note("grounded", unsupported.isEmpty() ? "yes, " + verdict.claims().size() + " claims"
                : "no, " + unsupported.size() + " of " + verdict.claims().size() + " claims unsupported");
        if (!unsupported.isEmpty()) {
            StringBuilder claims = new StringBuilder();
            unsupported.forEach(c -> claims.append("  - ").append(c.text()).append('\n'));
            failWithMessage("%nExpecting the %s to be grounded in the %d contexts given, but the judge (%s) found "
                    + "%d of its %d claims unsupported:%n%s%s ends with:%n%s", noun(), contexts.size(),
                    verdict.provenance(), unsupported.size(), verdict.claims().size(), claims,
                    Messages.capitalized(describedAs()), Messages.tail(answerText()));
        }
        return myself;
    }

    /**
     * Like {@link #isGroundedIn(LlmJudge, java.util.List)}, with a judge of default settings.
     *
     * @param judge    the model that judges
     * @param contexts the texts the answer may draw on
     * @return this assertion
     */
    public SELF isGroundedIn(io.github.llmtest.Llm judge, java.util.List<String> contexts) {
        return isGroundedIn(LlmJudge.using(judge), contexts);
    }

    /**
     * Asks a judge whether the text answers the question that was asked (its relevance, not its correctness): a
     * rubric the judge grades as {@link #satisfiesRubric(LlmJudge, String)} does, recorded and replayed alike.
     *
     * <pre>{@code
     * assertThat(answer).answersTheQuestion(LlmJudge.using(llm));
     * }</pre>
     *
     * @param judge the judge
     * @return this assertion
     * @throws IllegalStateException when the question is not known (a text rather than an answer): use
     *                               {@link #answersTheQuestion(LlmJudge, String)}
     */
    public SELF answersTheQuestion(LlmJudge judge) {
        isNotNull();
        String question = question().orElseThrow(() -> new IllegalStateException("answersTheQuestion needs the "
                + "question, which " + describedAs() + " does not carry: use answersTheQuestion(judge, question)"));
        return answersTheQuestion(judge, question);
    }

    /**
     * Like {@link #answersTheQuestion(LlmJudge)}, for a question the text does not carry.
     *
     * @param judge    the judge
     * @param question the question the text should answer
     * @return this assertion
     */
    public SELF answersTheQuestion(LlmJudge judge, String question) {
        Objects.requireNonNull(judge, "judge");
        if (Objects.requireNonNull(question, "question").isBlank()) {
            throw new IllegalArgumentException("answersTheQuestion needs the question the text should answer");
        }
        isNotNull();
        LlmJudge.Verdict verdict = judge.judge(question, answerText(), LlmJudge.RELEVANCE_RUBRIC);
        note("answers the question", verdict.pass() ? "yes" : "no — " + verdict.reason());
        if (!verdict.pass()) {
            failWithMessage("%nExpecting the %s to answer the question:%n  %s%nbut the judge (%s) said it does not:"
                    + "%n  %s%n%s ends with:%n%s", noun(), question, verdict.provenance(), verdict.reason(),
                    Messages.capitalized(describedAs()), Messages.tail(answerText()));
        }
        return myself;
    }

    /** @return a string assertion on the whole text */
    public AbstractStringAssert<?> text() {
        isNotNull();
        return Assertions.assertThat(answerText()).as("text of %s", describedAs());
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
        note("boxed number", number.map(NumericAnswer::raw).orElse("(none)"));
        if (number.isEmpty()) {
            failWithMessage("%nExpecting the boxed answer %s to be a number, but no number could be read from it.%n"
                    + "%s ends with:%n%s", Messages.quote(boxed), Messages.capitalized(describedAs()),
                    Messages.tail(answerText()));
        }
        return Assertions.assertThat(number.get().value())
                .as(Messages.context("boxed number (read from " + Messages.quote(boxed) + ")",
                        number.get().value().toPlainString(), describedAs(), answerText()));
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
        Optional<String> found = finder.apply(answerText());
        note(what, found.orElse("(none)"));
        if (found.isEmpty()) {
            failWithMessage(nothing(description));
        }
        return new ExtractedAnswerAssert(found.get(), describedAs(), answerText(), what);
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
                        number.value().toPlainString(), describedAs(), answerText()));
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
                    + "%s ends with:%n%s", Messages.quote(number.raw()), Messages.capitalized(describedAs()),
                    Messages.tail(answerText()));
        }
        return Assertions.assertThat(number.unit())
                .as(Messages.context("unit of the final number " + Messages.quote(number.raw()), number.unit(),
                        describedAs(), answerText()));
    }

    /**
     * Checks the final number against an absolute tolerance.
     *
     * @param expected the right value
     * @param offset   the largest difference allowed, for example {@code within(1.0)}
     * @return this assertion
     */
    public SELF hasFinalNumberCloseTo(double expected, Offset<Double> offset) {
        Objects.requireNonNull(offset, "offset");
        finalNumber().isCloseTo(BigDecimal.valueOf(expected), Offset.offset(BigDecimal.valueOf(offset.value)));
        return myself;
    }

    /**
     * Checks the final number against a relative tolerance.
     *
     * @param expected   the right value
     * @param percentage the largest difference allowed, for example {@code withinPercentage(0.001)}
     * @return this assertion
     */
    public SELF hasFinalNumberCloseTo(double expected, Percentage percentage) {
        Objects.requireNonNull(percentage, "percentage");
        finalNumber().isCloseTo(BigDecimal.valueOf(expected), percentage);
        return myself;
    }

    private NumericAnswer requireFinalNumber() {
        isNotNull();
        Optional<NumericAnswer> number = Answers.finalNumericAnswer(answerText());
        note("final number", number.map(NumericAnswer::raw).orElse("(none)"));
        if (number.isEmpty()) {
            failWithMessage(nothing("a final number"));
        }
        return number.get();
    }

    private String nothing(String what) {
        String why = whyEmpty();
        return String.format(Locale.ROOT, "%nExpecting the %s to contain %s, but none could be extracted.%n%s"
                + "%s ends with:%n%s", noun(), what, why.isEmpty() ? "" : why + "\n", Messages.capitalized(describedAs()),
                Messages.tail(answerText())).replace("%", "%%");
    }

}
