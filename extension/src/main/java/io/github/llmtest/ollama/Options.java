package io.github.llmtest.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Sampling and runner options sent inside a request's {@code options} object. Immutable; an option that was never
 * set is not sent, so the model's own default applies. A value that is set is always sent, including
 * {@code temperature 0} and {@code seed 0}.
 *
 * <pre>{@code
 * Options options = Options.builder().temperature(0).seed(42).numCtx(4096).build();
 * Options warmer = options.with(Options.builder().temperature(0.7).build());
 * }</pre>
 */
public final class Options {

    private static final Options NONE = builder().build();

    private final Double temperature;
    private final Integer seed;
    private final Integer numCtx;
    private final Integer numPredict;
    private final Integer topK;
    private final Double topP;
    private final Double minP;
    private final Double repeatPenalty;
    private final Integer repeatLastN;
    private final Double presencePenalty;
    private final Double frequencyPenalty;
    private final List<String> stop;

    private Options(Builder b) {
        temperature = b.temperature;
        seed = b.seed;
        numCtx = b.numCtx;
        numPredict = b.numPredict;
        topK = b.topK;
        topP = b.topP;
        minP = b.minP;
        repeatPenalty = b.repeatPenalty;
        repeatLastN = b.repeatLastN;
        presencePenalty = b.presencePenalty;
        frequencyPenalty = b.frequencyPenalty;
        stop = b.stop;
    }

    /**
     * Options with nothing set: every value comes from the model.
     *
     * @return the empty options
     */
    public static Options none() {
        return NONE;
    }

    /**
     * Starts a new set of options.
     *
     * @return a builder with nothing set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from these options.
     *
     * @return a builder holding every value set here
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.temperature = temperature;
        b.seed = seed;
        b.numCtx = numCtx;
        b.numPredict = numPredict;
        b.topK = topK;
        b.topP = topP;
        b.minP = minP;
        b.repeatPenalty = repeatPenalty;
        b.repeatLastN = repeatLastN;
        b.presencePenalty = presencePenalty;
        b.frequencyPenalty = frequencyPenalty;
        b.stop = stop;
        return b;
    }

    /**
     * These options overridden by every value set in {@code overrides}.
     *
     * @param overrides the values that win
     * @return the merged options
     */
    public Options with(Options overrides) {
        Objects.requireNonNull(overrides, "overrides");
        Builder b = toBuilder();
        b.temperature = pick(overrides.temperature, temperature);
        b.seed = pick(overrides.seed, seed);
        b.numCtx = pick(overrides.numCtx, numCtx);
        b.numPredict = pick(overrides.numPredict, numPredict);
        b.topK = pick(overrides.topK, topK);
        b.topP = pick(overrides.topP, topP);
        b.minP = pick(overrides.minP, minP);
        b.repeatPenalty = pick(overrides.repeatPenalty, repeatPenalty);
        b.repeatLastN = pick(overrides.repeatLastN, repeatLastN);
        b.presencePenalty = pick(overrides.presencePenalty, presencePenalty);
        b.frequencyPenalty = pick(overrides.frequencyPenalty, frequencyPenalty);
        b.stop = pick(overrides.stop, stop);
        return new Options(b);
    }

    private static <T> T pick(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    /** @return the sampling temperature, if set */
    public OptionalDouble temperature() {
        return temperature == null ? OptionalDouble.empty() : OptionalDouble.of(temperature);
    }

    /** @return the random seed, if set */
    public OptionalInt seed() {
        return seed == null ? OptionalInt.empty() : OptionalInt.of(seed);
    }

    /** @return the context window in tokens, if set */
    public OptionalInt numCtx() {
        return numCtx == null ? OptionalInt.empty() : OptionalInt.of(numCtx);
    }

    /** @return the maximum number of tokens to generate, if set */
    public OptionalInt numPredict() {
        return numPredict == null ? OptionalInt.empty() : OptionalInt.of(numPredict);
    }

    /** @return the stop sequences, if set */
    public Optional<List<String>> stop() {
        return Optional.ofNullable(stop);
    }

    /**
     * The {@code options} object as Ollama expects it.
     *
     * @return a new JSON object holding exactly the values that are set
     */
    JsonNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        putIfSet(node, "temperature", temperature);
        putIfSet(node, "seed", seed);
        putIfSet(node, "num_ctx", numCtx);
        putIfSet(node, "num_predict", numPredict);
        putIfSet(node, "top_k", topK);
        putIfSet(node, "top_p", topP);
        putIfSet(node, "min_p", minP);
        putIfSet(node, "repeat_penalty", repeatPenalty);
        putIfSet(node, "repeat_last_n", repeatLastN);
        putIfSet(node, "presence_penalty", presencePenalty);
        putIfSet(node, "frequency_penalty", frequencyPenalty);
        if (stop != null) {
            stop.forEach(node.putArray("stop")::add);
        }
        return node;
    }

    private static void putIfSet(ObjectNode node, String name, Number value) {
        if (value instanceof Double d) {
            node.put(name, d);
        } else if (value instanceof Integer i) {
            node.put(name, i);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Options that && toJson().equals(that.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }

    /** Collects option values; every setter returns the builder. */
    public static final class Builder {
        private Double temperature;
        private Integer seed;
        private Integer numCtx;
        private Integer numPredict;
        private Integer topK;
        private Double topP;
        private Double minP;
        private Double repeatPenalty;
        private Integer repeatLastN;
        private Double presencePenalty;
        private Double frequencyPenalty;
        private List<String> stop;

        private Builder() {
        }

        /**
         * @param value sampling temperature; 0 means greedy decoding
         * @return this builder
         */
        public Builder temperature(double value) {
            temperature = requireFinite("temperature", value);
            return this;
        }

        /**
         * @param value the random seed; the same seed and prompt give the same answer on the same hardware
         * @return this builder
         */
        public Builder seed(int value) {
            seed = value;
            return this;
        }

        /**
         * @param value the context window in tokens; pin it in tests because the server default changes
         * @return this builder
         */
        public Builder numCtx(int value) {
            numCtx = requirePositive("num_ctx", value);
            return this;
        }

        /**
         * @param value the maximum number of tokens to generate; -1 for no limit
         * @return this builder
         */
        public Builder numPredict(int value) {
            numPredict = value;
            return this;
        }

        /**
         * @param value sample only from the k most likely tokens
         * @return this builder
         */
        public Builder topK(int value) {
            topK = value;
            return this;
        }

        /**
         * @param value nucleus sampling threshold
         * @return this builder
         */
        public Builder topP(double value) {
            topP = requireFinite("top_p", value);
            return this;
        }

        /**
         * @param value minimum probability relative to the most likely token
         * @return this builder
         */
        public Builder minP(double value) {
            minP = requireFinite("min_p", value);
            return this;
        }

        /**
         * @param value penalty for repeated tokens
         * @return this builder
         */
        public Builder repeatPenalty(double value) {
            repeatPenalty = requireFinite("repeat_penalty", value);
            return this;
        }

        /**
         * @param value how many recent tokens the repeat penalty looks at
         * @return this builder
         */
        public Builder repeatLastN(int value) {
            repeatLastN = value;
            return this;
        }

        /**
         * @param value penalty for tokens that already appeared
         * @return this builder
         */
        public Builder presencePenalty(double value) {
            presencePenalty = requireFinite("presence_penalty", value);
            return this;
        }

        /**
         * @param value penalty growing with how often a token appeared
         * @return this builder
         */
        public Builder frequencyPenalty(double value) {
            frequencyPenalty = requireFinite("frequency_penalty", value);
            return this;
        }

        /**
         * @param sequences generation stops at any of these
         * @return this builder
         */
        public Builder stop(List<String> sequences) {
            stop = List.copyOf(sequences);
            return this;
        }

        /**
         * @param sequences generation stops at any of these
         * @return this builder
         */
        public Builder stop(String... sequences) {
            return stop(List.of(sequences));
        }

        /** @return the immutable options */
        public Options build() {
            return new Options(this);
        }

        private static double requireFinite(String name, double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("Option " + name + " must be a finite number, but was " + value);
            }
            return value;
        }

        private static int requirePositive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException("Option " + name + " must be at least 1, but was " + value);
            }
            return value;
        }
    }
}
