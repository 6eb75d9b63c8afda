package io.github.llmtest;

import io.github.llmtest.internal.Texts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One answer of the model: its text, where it came from (a live call or a recording) and its {@link Latency}.
 * Check it with {@code io.github.llmtest.assertj.LlmAssertions.assertThat(answer)}.
 *
 * <p>Tests get answers from an {@link Llm}. To unit-test your own assertion helpers without a model, build one:
 *
 * <pre>{@code
 * LlmAnswer answer = LlmAnswer.of("... so the 20th value is \\boxed{6765}.");
 * LlmAnswer slow = LlmAnswer.builder("42")
 *         .model("phi4")
 *         .latency(Latency.builder(Duration.ofSeconds(12)).firstToken(Duration.ofSeconds(3)).build())
 *         .build();
 * }</pre>
 */
public final class LlmAnswer {

    private final String text;
    private final String model;
    private final String prompt;
    private final Instant recordedAt;
    private final boolean replayed;
    private final boolean handWritten;
    private final Latency latency;
    private final String doneReason;
    private final String thinking;
    private final List<ToolCall> toolCalls;
    private final Cost cost;

    private LlmAnswer(Builder b) {
        text = b.text;
        model = b.model;
        prompt = b.prompt;
        replayed = b.replayed;
        recordedAt = b.recordedAt;
        handWritten = b.handWritten;
        latency = b.latency;
        doneReason = b.doneReason;
        thinking = b.thinking;
        toolCalls = List.copyOf(b.toolCalls);
        cost = b.cost;
    }

    /**
     * An answer with this text and nothing else known: model {@code unknown}, a zero latency, not replayed.
     *
     * @param text the answer text
     * @return the answer
     */
    public static LlmAnswer of(String text) {
        return builder(text).build();
    }

    /**
     * Starts an answer with this text.
     *
     * @param text the answer text
     * @return a builder
     */
    public static Builder builder(String text) {
        return new Builder(text);
    }

    /**
     * The answer, without the model's reasoning: a {@code <think>…</think>} block at its start is in
     * {@link #thinking()}, so extraction never reads a number from the reasoning.
     *
     * @return the answer text; empty when the model only reasoned (an unclosed {@code <think>}, cut by the token
     *         limit) or only called tools
     */
    public String text() {
        return text;
    }

    /**
     * The model's reasoning, wherever the server put it: Ollama's {@code thinking} field (with {@code think} set),
     * OpenAI-compatible servers' {@code reasoning_content} or {@code reasoning}, or a {@code <think>…</think>} block
     * at the start of the answer.
     *
     * @return the reasoning, empty when there was none
     */
    public String thinking() {
        return thinking;
    }

    /** @return the tools the model asked to call, in order; empty when it called none */
    public List<ToolCall> toolCalls() {
        return toolCalls;
    }

    /** @return the model that answered, as named in the request */
    public String model() {
        return model;
    }

    /** @return the last user message of the request, for messages and reports */
    public String prompt() {
        return prompt;
    }

    /** @return true if the answer came from a fixture file rather than a live call */
    public boolean replayed() {
        return replayed;
    }

    /** @return when the replayed answer was recorded; empty for live answers */
    public Optional<Instant> recordedAt() {
        return Optional.ofNullable(recordedAt);
    }

    /** @return true if the replayed answer was written by hand rather than recorded from a model */
    public boolean handWritten() {
        return handWritten;
    }

    /** @return the latency: measured for live answers, as recorded for replayed ones */
    public Latency latency() {
        return latency;
    }

    /**
     * What the call cost, priced from the run's price table ({@link LlmTest#PRICES_PARAMETER}) and the tokens the
     * server reported; for a replayed answer, what it cost when it was recorded.
     *
     * @return the cost; empty when the table has no price for the model or the server reported no tokens
     */
    public Optional<Cost> cost() {
        return Optional.ofNullable(cost);
    }

    /** @return why generation stopped: {@code stop}, or {@code length} when {@code num_predict} cut it short */
    public Optional<String> doneReason() {
        return Optional.ofNullable(doneReason);
    }

    /**
     * Where the answer and its figures come from, in words, for failure messages: "live call to phi4" or
     * "replayed: recorded 2025-01-14T09:20:03Z against phi4 (hand-written fixture)".
     *
     * @return one short phrase
     */
    public String provenance() {
        if (!replayed) {
            return "live call to " + model;
        }
        return "replayed: recorded " + (recordedAt == null ? "at an unknown time" : recordedAt.toString())
                + " against " + model + (handWritten ? " (hand-written fixture)" : "");
    }

    @Override
    public String toString() {
        return "LlmAnswer{" + provenance() + ", " + latency + ", text=" + Texts.tail(text, 120) + "}";
    }

    /** Collects the parts of an answer; only the text is required. */
    public static final class Builder {
        private final String text;
        private String model = "unknown";
        private String prompt = "";
        private boolean replayed;
        private Instant recordedAt;
        private boolean handWritten;
        private Latency latency = Latency.builder(Duration.ZERO).build();
        private String doneReason;
        private String thinking = "";
        private List<ToolCall> toolCalls = List.of();
        private Cost cost;

        private Builder(String text) {
            this.text = Objects.requireNonNull(text, "text");
        }

        /**
         * @param value the model that answered
         * @return this builder
         */
        public Builder model(String value) {
            model = Objects.requireNonNull(value, "model");
            return this;
        }

        /**
         * @param value the question the answer is to
         * @return this builder
         */
        public Builder prompt(String value) {
            prompt = Objects.requireNonNull(value, "prompt");
            return this;
        }

        /**
         * @param value what the call cost, or null when unknown
         * @return this builder
         */
        public Builder cost(Cost value) {
            cost = value;
            return this;
        }

        /**
         * @param value where the time went
         * @return this builder
         */
        public Builder latency(Latency value) {
            latency = Objects.requireNonNull(value, "latency");
            return this;
        }

        /**
         * @param value {@code stop}, or {@code length} when the token limit cut the answer
         * @return this builder
         */
        public Builder doneReason(String value) {
            doneReason = value;
            return this;
        }

        /**
         * @param value the model's reasoning, apart from the answer
         * @return this builder
         */
        public Builder thinking(String value) {
            thinking = Objects.requireNonNull(value, "thinking");
            return this;
        }

        /**
         * @param value the tools the model asked to call
         * @return this builder
         */
        public Builder toolCalls(List<ToolCall> value) {
            toolCalls = List.copyOf(Objects.requireNonNull(value, "toolCalls"));
            return this;
        }

        /**
         * Marks the answer as replayed from a recording.
         *
         * @param when        when it was recorded, or null if unknown
         * @param byHand      true if the recording was written by hand
         * @return this builder
         */
        public Builder replayed(Instant when, boolean byHand) {
            replayed = true;
            recordedAt = when;
            handWritten = byHand;
            return this;
        }

        /** @return the answer */
        public LlmAnswer build() {
            return new LlmAnswer(this);
        }
    }
}
