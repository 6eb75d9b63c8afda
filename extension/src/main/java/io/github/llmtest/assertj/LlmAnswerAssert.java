package io.github.llmtest.assertj;

import io.github.llmtest.Cost;
import io.github.llmtest.Latency;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.ToolCall;
import io.github.llmtest.internal.Durations;
import io.github.llmtest.internal.call.Extractions;
import org.assertj.core.api.AbstractObjectAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;
import org.assertj.core.api.AbstractStringAssert;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Assertions on one {@link LlmAnswer}: what it answers (the methods of {@link AbstractAnswerAssert}), whether it
 * is complete, and its latency. Extraction methods ({@link #boxedAnswer()}, {@link #finalAnswer()},
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
public final class LlmAnswerAssert extends AbstractAnswerAssert<LlmAnswerAssert, LlmAnswer> {

    LlmAnswerAssert(LlmAnswer actual) {
        super(actual, LlmAnswerAssert.class);
    }

    @Override
    String answerText() {
        return actual.text();
    }

    @Override
    String noun() {
        return "answer";
    }

    @Override
    String describedAs() {
        return "the answer (" + actual.provenance() + ")";
    }

    @Override
    Optional<String> question() {
        return Optional.ofNullable(actual.prompt()).filter(p -> !p.isBlank());
    }

    @Override
    String whyEmpty() {
        if (!actual.text().isBlank()) {
            return "";
        }
        if (!actual.thinking().isBlank()) {
            boolean cut = actual.doneReason().filter("length"::equals).isPresent();
            return "The answer has no text after its reasoning" + (cut ? ": generation stopped at the token limit "
                    + "(done_reason \"length\") inside an unclosed <think> block; raise num_predict" : "")
                    + ". Its reasoning is in thinking().";
        }
        if (!actual.toolCalls().isEmpty()) {
            return "The answer is tool calls, not text: " + actual.toolCalls().stream().map(ToolCall::name).toList()
                    + ". Assert them with toolCalls() or calledTool(...).";
        }
        return "";
    }

    /**
     * Checks that the answer means about the same as a reference text: the cosine similarity of their embeddings, by
     * the test's embedding model ({@code llmtest.embedding.model}), is at least {@code threshold}. The embedding call
     * is recorded and replayed like the test's others. Scores depend on the model: calibrate the threshold on a few
     * pairs you judge similar and not (see the guide).
     *
     * <pre>{@code
     * assertThat(answer).isSemanticallySimilarTo("Refunds are paid within 14 days of the return.", 0.85);
     * }</pre>
     *
     * @param reference the text the answer should mean
     * @param threshold the least cosine similarity, from -1 to 1
     * @return this assertion
     */
    public LlmAnswerAssert isSemanticallySimilarTo(String reference, double threshold) {
        Meaning.reference("reference", reference);
        if (!(threshold >= -1 && threshold <= 1)) {
            throw new IllegalArgumentException("isSemanticallySimilarTo needs a threshold from -1 to 1 (a cosine "
                    + "similarity), but was " + threshold);
        }
        isNotNull();
        Meaning.Scores scores = Meaning.score(actual, actual.text(), java.util.List.of(reference));
        double score = scores.cosines()[0];
        Extractions.note(actual, "semantic similarity", Meaning.format(score) + " to " + Meaning.head(reference)
                + " (" + scores.model() + ")");
        if (!(score >= threshold)) {
            failWithMessage("%nExpecting the answer to be semantically similar to the reference, but its cosine "
                    + "similarity is %s, below the threshold %s.%n  model:     %s%n  answer:    %s%n  reference: %s%n"
                    + "The answer: %s", Meaning.format(score), Meaning.format(threshold), scores.model(),
                    Meaning.head(actual.text()), Meaning.head(reference), actual.provenance());
        }
        return myself;
    }

    /**
     * Starts a ranking check, which needs no threshold: the answer must be closer in meaning to this text than to
     * the one given to {@link SemanticComparison#thanTo(String)}.
     *
     * <pre>{@code
     * assertThat(answer).isSemanticallyCloserTo("Refunds take 14 days.").thanTo("Shipping takes 3 to 5 days.");
     * }</pre>
     *
     * @param closer the text the answer should be closer to
     * @return the second half of the check
     */
    public SemanticComparison isSemanticallyCloserTo(String closer) {
        return new SemanticComparison(this, Meaning.reference("text", closer));
    }

    LlmAnswerAssert closerInMeaning(String closer, String further) {
        isNotNull();
        Meaning.Scores scores = Meaning.score(actual, actual.text(), java.util.List.of(closer, further));
        double toCloser = scores.cosines()[0];
        double toFurther = scores.cosines()[1];
        Extractions.note(actual, "semantic ranking", Meaning.format(toCloser) + " to " + Meaning.head(closer) + ", "
                + Meaning.format(toFurther) + " to " + Meaning.head(further) + " (" + scores.model() + ")");
        if (!(toCloser > toFurther)) {
            failWithMessage("%nExpecting the answer to be closer in meaning to the first text than to the second, but "
                    + "its cosine similarity to the first is %s and to the second %s.%n  model:  %s%n"
                    + "  answer: %s%n  first:  %s%n  second: %s%nThe answer: %s", Meaning.format(toCloser),
                    Meaning.format(toFurther), scores.model(), Meaning.head(actual.text()), Meaning.head(closer),
                    Meaning.head(further), actual.provenance());
        }
        return myself;
    }

    /**
     * @return a string assertion on the model's reasoning, empty when there was none
     */
    public AbstractStringAssert<?> thinking() {
        isNotNull();
        return Assertions.assertThat(actual.thinking()).as("reasoning of the answer (%s)", actual.provenance());
    }

    /**
     * Checks how many output tokens went to reasoning (the server's count, or the streamed pieces of reasoning).
     *
     * @param max the most acceptable
     * @return this assertion
     */
    public LlmAnswerAssert hasThinkingTokensAtMost(int max) {
        isNotNull();
        OptionalInt tokens = actual.latency().thinkingTokens();
        if (tokens.isEmpty()) {
            failWithMessage("%nExpecting at most %d thinking tokens, but this answer has no thinking token count (the "
                    + "model did not reason, or the answer was not streamed).%n%s", max, Messages.figuresSource(actual));
        } else if (tokens.getAsInt() > max) {
            failWithMessage("%nExpecting at most %d thinking tokens, but the model reasoned for %d%s.%n%s", max,
                    tokens.getAsInt(), actual.latency().thinkingTime().map(t -> " over " + Durations.format(t))
                            .orElse(""), Messages.figuresSource(actual));
        }
        return this;
    }

    /** @return an assertion on the tool calls of the answer, in order */
    public ListAssert<ToolCall> toolCalls() {
        isNotNull();
        return Assertions.assertThat(actual.toolCalls()).as("tool calls of the answer (%s)", actual.provenance());
    }

    /**
     * Checks that the model called a tool.
     *
     * @param name the tool's name
     * @return this assertion
     */
    public LlmAnswerAssert calledTool(String name) {
        isNotNull();
        if (actual.toolCalls().stream().noneMatch(c -> c.name().equals(name))) {
            failWithMessage("%nExpecting the model to call %s, but it called %s.%n%s", name, calls(),
                    Messages.tail(actual.text()));
        }
        return this;
    }

    /**
     * Checks that the model called a tool with these arguments; JSON-equal, so key order, whitespace and number
     * spelling do not matter.
     *
     * @param name          the tool's name
     * @param argumentsJson the expected arguments, such as {@code {"currency": "EUR"}}
     * @return this assertion
     */
    public LlmAnswerAssert calledToolWith(String name, String argumentsJson) {
        calledTool(name);
        java.util.List<String> differences = new java.util.ArrayList<>();
        for (ToolCall call : actual.toolCalls()) {
            if (!call.name().equals(name)) {
                continue;
            }
            try {
                new JsonAnswerAssert(call.arguments(), "the arguments of " + name).isEqualTo(argumentsJson);
                return this;
            } catch (AssertionError e) {
                differences.add(call.arguments().toString());
            }
        }
        failWithMessage("%nExpecting the model to call %s with arguments JSON-equal to:%n  %s%nbut it called it with:"
                + "%n  %s", name, argumentsJson, String.join("\n  ", differences));
        return this;
    }

    /**
     * Checks that the model answered without calling a tool.
     *
     * @return this assertion
     */
    public LlmAnswerAssert calledNoTool() {
        isNotNull();
        if (!actual.toolCalls().isEmpty()) {
            failWithMessage("%nExpecting no tool call, but the model called %s.", calls());
        }
        return this;
    }

    private String calls() {
        return actual.toolCalls().isEmpty() ? "no tool" : String.join(", ", actual.toolCalls().stream()
                .map(c -> c.name() + c.arguments()).toList());
    }

    @Override
    void note(String what, String value) {
        Extractions.note(actual, what, value);
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
     * Checks the inter-token latency: the mean gap between the streamed pieces of the answer.
     *
     * <pre>{@code
     * assertThat(answer).interTokenWithin(Duration.ofMillis(80));
     * }</pre>
     *
     * @param budget the longest acceptable mean gap
     * @return this assertion
     */
    public LlmAnswerAssert interTokenWithin(Duration budget) {
        isNotNull();
        Objects.requireNonNull(budget, "budget");
        Optional<Latency.InterToken> gaps = actual.latency().interToken();
        if (gaps.isEmpty()) {
            failWithMessage("%nExpecting a mean inter-token latency within %s, but this answer has no inter-token "
                    + "figure (it was not streamed, came in one piece, or was recorded before llmtest kept this "
                    + "figure).%n%s", Durations.format(budget), Messages.figuresSource(actual));
        } else if (gaps.get().mean().compareTo(budget) > 0) {
            failWithMessage("%nExpecting a mean inter-token latency within %s, but it was %s (median %s, p95 %s, "
                    + "longest %s over %d gaps).%n%s%n%s", Durations.format(budget),
                    Durations.format(gaps.get().mean()), Durations.format(gaps.get().p50()),
                    Durations.format(gaps.get().p95()), Durations.format(gaps.get().max()), gaps.get().gaps(),
                    Messages.breakdown(actual.latency()), Messages.figuresSource(actual));
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

    /**
     * Checks what the call cost, priced from the run's price table ({@code llmtest-prices.json}); for a replayed
     * answer, what it cost when it was recorded. The failure message shows the reasoning tokens' share apart.
     *
     * <pre>{@code
     * assertThat(answer).costsAtMost(0.01);   // at most one cent
     * }</pre>
     *
     * @param maxUsd the most acceptable cost in US dollars
     * @return this assertion
     */
    public LlmAnswerAssert costsAtMost(double maxUsd) {
        isNotNull();
        if (!(maxUsd >= 0)) {
            throw new IllegalArgumentException("costsAtMost needs a cost of at least 0 dollars, but was " + maxUsd);
        }
        Optional<Cost> cost = actual.cost();
        if (cost.isEmpty()) {
            failWithMessage("%nExpecting a cost of at most $%s, but this answer has no cost: the price table has no "
                    + "price for %s, or the server reported no token counts. Give the model a price in "
                    + "llmtest-prices.json (or the file -Dllmtest.prices names).%n%s", usd(maxUsd), actual.model(),
                    Messages.figuresSource(actual));
        } else if (cost.get().totalUsd() > maxUsd) {
            Cost c = cost.get();
            failWithMessage("%nExpecting a cost of at most $%s, but the call cost $%s:%n"
                            + "  prompt:    %d tokens (%d cached): $%s + $%s cached%n"
                            + "  output:    %d tokens besides reasoning: $%s%n"
                            + "  reasoning: %d tokens: $%s%n"
                            + "priced as %s.%n%s", usd(maxUsd), usd(c.totalUsd()), c.promptTokens(),
                    c.cachedPromptTokens(), usd(c.inputUsd()), usd(c.cachedInputUsd()),
                    c.outputTokens() - c.reasoningTokens(), usd(c.outputUsd()), c.reasoningTokens(),
                    usd(c.reasoningUsd()), c.model(), Messages.figuresSource(actual));
        }
        return this;
    }

    /**
     * Checks the tokens of one call: the prompt's (cached ones included) and the answer's (reasoning included, as
     * providers bill them). The failure message shows the reasoning tokens apart.
     *
     * <pre>{@code
     * assertThat(answer).hasTokensAtMost(2_000, 500);
     * }</pre>
     *
     * @param prompt the most acceptable prompt tokens
     * @param answer the most acceptable output tokens
     * @return this assertion
     */
    public LlmAnswerAssert hasTokensAtMost(int prompt, int answer) {
        isNotNull();
        if (prompt < 0 || answer < 0) {
            throw new IllegalArgumentException("hasTokensAtMost needs limits of at least 0, but was prompt=" + prompt
                    + ", answer=" + answer);
        }
        OptionalInt promptTokens = actual.latency().promptTokens();
        OptionalInt outputTokens = actual.latency().outputTokens();
        if (promptTokens.isEmpty() || outputTokens.isEmpty()) {
            failWithMessage("%nExpecting at most %d prompt and %d answer tokens, but the server reported no %s token "
                    + "count.%n%s", prompt, answer, promptTokens.isEmpty() ? "prompt" : "answer",
                    Messages.figuresSource(actual));
        } else if (promptTokens.getAsInt() > prompt || outputTokens.getAsInt() > answer) {
            int reasoning = actual.cost().map(Cost::reasoningTokens)
                    .orElse(actual.latency().thinkingTokens().orElse(0));
            failWithMessage("%nExpecting at most %d prompt and %d answer tokens, but the call had %d prompt tokens and "
                    + "%d answer tokens (%d of them reasoning, %d visible).%n%s", prompt, answer,
                    promptTokens.getAsInt(), outputTokens.getAsInt(), reasoning, outputTokens.getAsInt() - reasoning,
                    Messages.figuresSource(actual));
        }
        return this;
    }

    private static String usd(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    /** @return an assertion on the latency, for checks the methods above do not cover */
    public AbstractObjectAssert<?, Latency> latency() {
        isNotNull();
        return Assertions.assertThat(actual.latency())
                .as("latency of the answer; %s", Messages.figuresSource(actual));
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
