package io.github.llmtest;

import io.github.llmtest.internal.Durations;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Where the time of one call went. {@link #total()} is the client's wall time with any model load taken out, so a
 * latency budget measures answering, not loading. The other figures are the server's own, and may be absent.
 *
 * <p>For a replayed answer these are the figures recorded with it, not a measurement of this run.
 *
 * <pre>{@code
 * Latency latency = Latency.builder(Duration.ofSeconds(4)).firstToken(Duration.ofMillis(300))
 *         .eval(Duration.ofSeconds(3)).outputTokens(120).build();
 * latency.tokensPerSecond();   // 40.0
 * }</pre>
 */
public final class Latency {

    /**
     * Inter-token latency: the gaps between the streamed pieces of one answer (a piece is usually one token).
     *
     * @param gaps how many gaps there were (pieces minus one)
     * @param mean the mean gap, the figure {@code @LatencyBudget(interToken = ...)} and
     *             {@code interTokenWithin(...)} check
     * @param p50  the median gap
     * @param p95  the 95th percentile gap
     * @param max  the longest gap, the worst stall the reader saw
     */
    public record InterToken(int gaps, Duration mean, Duration p50, Duration p95, Duration max) {

        /**
         * Checks the figures.
         *
         * @param gaps at least 1
         * @param mean not negative
         * @param p50  not negative
         * @param p95  not negative
         * @param max  not negative
         */
        public InterToken {
            if (gaps < 1) {
                throw new IllegalArgumentException("an inter-token figure needs at least one gap, but gaps was " + gaps);
            }
            for (Duration d : new Duration[] {mean, p50, p95, max}) {
                if (Objects.requireNonNull(d, "inter-token figure").isNegative()) {
                    throw new IllegalArgumentException("inter-token figures must not be negative, but one was " + d);
                }
            }
        }
    }

    private final Duration total;
    private final Duration firstToken;
    private final Duration load;
    private final Duration promptEval;
    private final Duration eval;
    private final Integer promptTokens;
    private final Integer outputTokens;
    private final InterToken interToken;
    private final Integer thinkingTokens;
    private final Duration thinkingTime;

    private Latency(Builder b) {
        total = b.total;
        firstToken = b.firstToken;
        load = b.load;
        promptEval = b.promptEval;
        eval = b.eval;
        promptTokens = b.promptTokens;
        outputTokens = b.outputTokens;
        interToken = b.interToken;
        thinkingTokens = b.thinkingTokens;
        thinkingTime = b.thinkingTime;
    }

    /**
     * Starts a latency with its total; every other figure is optional.
     *
     * @param total the wall time of the call, model load excluded
     * @return a builder
     */
    public static Builder builder(Duration total) {
        return new Builder(total);
    }

    /** @return the wall time of the call, model load excluded */
    public Duration total() {
        return total;
    }

    /** @return the time until the first piece of the answer arrived, model load excluded (streamed calls) */
    public Optional<Duration> firstToken() {
        return Optional.ofNullable(firstToken);
    }

    /** @return the time the server spent loading the model for this call */
    public Optional<Duration> load() {
        return Optional.ofNullable(load);
    }

    /** @return the time the server spent reading the prompt */
    public Optional<Duration> promptEval() {
        return Optional.ofNullable(promptEval);
    }

    /** @return the time the server spent generating the answer */
    public Optional<Duration> eval() {
        return Optional.ofNullable(eval);
    }

    /** @return the number of prompt tokens */
    public OptionalInt promptTokens() {
        return promptTokens == null ? OptionalInt.empty() : OptionalInt.of(promptTokens);
    }

    /** @return the number of generated tokens */
    public OptionalInt outputTokens() {
        return outputTokens == null ? OptionalInt.empty() : OptionalInt.of(outputTokens);
    }

    /** @return the gaps between the streamed pieces of the answer (streamed calls with two pieces or more) */
    public Optional<InterToken> interToken() {
        return Optional.ofNullable(interToken);
    }

    /**
     * @return how many output tokens went to reasoning: the server's count where it gives one (OpenAI's
     *         {@code reasoning_tokens}), else the streamed pieces of reasoning counted by the client
     */
    public OptionalInt thinkingTokens() {
        return thinkingTokens == null ? OptionalInt.empty() : OptionalInt.of(thinkingTokens);
    }

    /**
     * @return how long the model reasoned before its answer began: from the first token to the first token of the
     *         answer itself (streamed calls that reasoned)
     */
    public Optional<Duration> thinkingTime() {
        return Optional.ofNullable(thinkingTime);
    }

    /** @return generated tokens per second of generation time */
    public OptionalDouble tokensPerSecond() {
        if (outputTokens == null || eval == null || eval.isZero()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(outputTokens * 1e9 / eval.toNanos());
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("total ").append(Durations.format(total));
        firstToken().ifPresent(d -> out.append(", first token ").append(Durations.format(d)));
        thinkingTime().ifPresent(d -> out.append(", thinking ").append(Durations.format(d)));
        thinkingTokens().ifPresent(n -> out.append(", ").append(n).append(" thinking tokens"));
        interToken().ifPresent(i -> out.append(", inter-token mean ").append(Durations.format(i.mean()))
                .append(" (p95 ").append(Durations.format(i.p95())).append(", max ")
                .append(Durations.format(i.max())).append(')'));
        load().ifPresent(d -> out.append(", load ").append(Durations.format(d)));
        promptEval().ifPresent(d -> out.append(", prompt eval ").append(Durations.format(d)));
        eval().ifPresent(d -> out.append(", generation ").append(Durations.format(d)));
        outputTokens().ifPresent(n -> out.append(", ").append(n).append(" tokens"));
        tokensPerSecond().ifPresent(t -> out.append(String.format(Locale.ROOT, ", %.1f tokens/s", t)));
        return out.toString();
    }

    /** Collects the figures of a latency; {@code null} leaves a figure unknown. */
    public static final class Builder {
        private final Duration total;
        private Duration firstToken;
        private Duration load;
        private Duration promptEval;
        private Duration eval;
        private Integer promptTokens;
        private Integer outputTokens;
        private InterToken interToken;
        private Integer thinkingTokens;
        private Duration thinkingTime;

        private Builder(Duration total) {
            this.total = requireNotNegative(Objects.requireNonNull(total, "total"), "total");
        }

        /**
         * @param value time to the first token, model load excluded
         * @return this builder
         */
        public Builder firstToken(Duration value) {
            firstToken = requireNotNegative(value, "firstToken");
            return this;
        }

        /**
         * @param value the time the server spent loading the model
         * @return this builder
         */
        public Builder load(Duration value) {
            load = requireNotNegative(value, "load");
            return this;
        }

        /**
         * @param value the time the server spent reading the prompt
         * @return this builder
         */
        public Builder promptEval(Duration value) {
            promptEval = requireNotNegative(value, "promptEval");
            return this;
        }

        /**
         * @param value the time the server spent generating
         * @return this builder
         */
        public Builder eval(Duration value) {
            eval = requireNotNegative(value, "eval");
            return this;
        }

        /**
         * @param value the number of prompt tokens
         * @return this builder
         */
        public Builder promptTokens(Integer value) {
            promptTokens = value;
            return this;
        }

        /**
         * @param value the number of generated tokens
         * @return this builder
         */
        public Builder outputTokens(Integer value) {
            outputTokens = value;
            return this;
        }

        /**
         * @param value the gaps between streamed pieces, or null
         * @return this builder
         */
        public Builder interToken(InterToken value) {
            interToken = value;
            return this;
        }

        /**
         * @param value how many output tokens went to reasoning, or null
         * @return this builder
         */
        public Builder thinkingTokens(Integer value) {
            if (value != null && value < 0) {
                throw new IllegalArgumentException("thinkingTokens must not be negative, but was " + value);
            }
            thinkingTokens = value;
            return this;
        }

        /**
         * @param value how long the model reasoned before its answer began, or null
         * @return this builder
         */
        public Builder thinkingTime(Duration value) {
            thinkingTime = requireNotNegative(value, "thinkingTime");
            return this;
        }

        /** @return the latency */
        public Latency build() {
            return new Latency(this);
        }

        private static Duration requireNotNegative(Duration value, String name) {
            if (value != null && value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, but was " + value);
            }
            return value;
        }
    }
}
