package io.github.llmtest;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Sampling and runner options of a request. Immutable; an option that was never set is not sent, so the model's
 * own default applies. A value that is set is always sent, including {@code temperature 0} and {@code seed 0}.
 *
 * <pre>{@code
 * Options options = Options.builder().temperature(0).seed(42).numCtx(4096).build();
 * Options warmer = options.with(Options.builder().temperature(0.7).build());
 * LlmAnswer answer = llm.withOptions(warmer).ask("...");
 * }</pre>
 *
 * <p>Options are named as in Ollama's API ({@code num_ctx}, {@code num_predict}, ...), which is how they appear in
 * fixture files and reports.
 */
public final class Options {

    private static final Options NONE = builder().build();

    /** Set values by their Ollama name, sorted, so that equal options print and compare alike. */
    private final Map<String, Object> values;

    private Options(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
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
        return new Builder(Map.of());
    }

    /**
     * A builder that starts from these options.
     *
     * @return a builder holding every value set here
     */
    public Builder toBuilder() {
        return new Builder(values);
    }

    /**
     * These options overridden by every value set in {@code overrides}.
     *
     * @param overrides the values that win
     * @return the merged options
     */
    public Options with(Options overrides) {
        Objects.requireNonNull(overrides, "overrides");
        Map<String, Object> merged = new TreeMap<>(values);
        merged.putAll(overrides.values);
        return new Options(merged);
    }

    /**
     * Every option that is set, by its name in Ollama's API ({@code temperature}, {@code num_ctx}, {@code stop},
     * ...): numbers as {@link Integer} or {@link Double}, {@code stop} as a {@code List<String>}.
     *
     * @return an unmodifiable, sorted map
     */
    public Map<String, Object> asMap() {
        return values;
    }

    /** @return whether no option is set */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** @return the sampling temperature, if set */
    public OptionalDouble temperature() {
        return decimal("temperature");
    }

    /** @return the random seed, if set */
    public OptionalInt seed() {
        return integer("seed");
    }

    /** @return the context window in tokens, if set */
    public OptionalInt numCtx() {
        return integer("num_ctx");
    }

    /** @return the maximum number of tokens to generate, if set */
    public OptionalInt numPredict() {
        return integer("num_predict");
    }

    /** @return the top-k cut-off, if set */
    public OptionalInt topK() {
        return integer("top_k");
    }

    /** @return the nucleus sampling threshold, if set */
    public OptionalDouble topP() {
        return decimal("top_p");
    }

    /**
     * @return whether and how hard a thinking model reasons, if set: {@code Boolean} true or false, or a level
     *         ({@code "low"}, {@code "medium"}, {@code "high"})
     */
    public Optional<Object> think() {
        return Optional.ofNullable(values.get(THINK));
    }

    /** The name of the thinking option, which Ollama takes beside the other options, not among them. */
    static final String THINK = "think";

    /** @return the stop sequences, if set */
    @SuppressWarnings("unchecked")
    public Optional<List<String>> stop() {
        return Optional.ofNullable((List<String>) values.get("stop"));
    }

    private OptionalDouble decimal(String name) {
        Object value = values.get(name);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of((Double) value);
    }

    private OptionalInt integer(String name) {
        Object value = values.get(name);
        return value == null ? OptionalInt.empty() : OptionalInt.of((Integer) value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Options that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** @return the set values, for example {@code {num_ctx=4096, seed=42, temperature=0.0}} */
    @Override
    public String toString() {
        return values.toString();
    }

    /** Collects option values; every setter returns the builder. */
    public static final class Builder {
        private final Map<String, Object> values;

        private Builder(Map<String, Object> start) {
            values = new TreeMap<>(start);
        }

        /**
         * @param value sampling temperature; 0 means greedy decoding
         * @return this builder
         */
        public Builder temperature(double value) {
            return decimal("temperature", value, 0, 2);
        }

        /**
         * @param value the random seed; the same seed and prompt give the same answer on the same hardware
         * @return this builder
         */
        public Builder seed(int value) {
            values.put("seed", value);
            return this;
        }

        /**
         * @param value the context window in tokens; pin it in tests because the server default changes
         * @return this builder
         */
        public Builder numCtx(int value) {
            return integer("num_ctx", value, 1, 1 << 21);
        }

        /**
         * @param value the maximum number of tokens to generate; -1 for no limit
         * @return this builder
         */
        public Builder numPredict(int value) {
            return integer("num_predict", value, -2, 1 << 21);
        }

        /**
         * @param value sample only from the k most likely tokens
         * @return this builder
         */
        public Builder topK(int value) {
            return integer("top_k", value, 0, 1_000_000);
        }

        /**
         * @param value nucleus sampling threshold
         * @return this builder
         */
        public Builder topP(double value) {
            return decimal("top_p", value, 0, 1);
        }

        /**
         * @param value minimum probability relative to the most likely token
         * @return this builder
         */
        public Builder minP(double value) {
            return decimal("min_p", value, 0, 1);
        }

        /**
         * @param value penalty for repeated tokens
         * @return this builder
         */
        public Builder repeatPenalty(double value) {
            return decimal("repeat_penalty", value, 0, 10);
        }

        /**
         * @param value how many recent tokens the repeat penalty looks at
         * @return this builder
         */
        public Builder repeatLastN(int value) {
            return integer("repeat_last_n", value, -1, 1 << 21);
        }

        /**
         * @param value penalty for tokens that already appeared
         * @return this builder
         */
        public Builder presencePenalty(double value) {
            return decimal("presence_penalty", value, -2, 2);
        }

        /**
         * @param value penalty growing with how often a token appeared
         * @return this builder
         */
        public Builder frequencyPenalty(double value) {
            return decimal("frequency_penalty", value, -2, 2);
        }

        /**
         * @param sequences generation stops at any of these
         * @return this builder
         */
        public Builder stop(List<String> sequences) {
            if (sequences.size() > 16 || sequences.stream().anyMatch(q -> q == null || q.isEmpty() || q.length() > 200)) {
                throw new IllegalArgumentException("Option stop takes at most 16 non-empty sequences of at most 200 "
                        + "characters, but was " + sequences);
            }
            values.put("stop", List.copyOf(sequences));
            return this;
        }

        /**
         * @param sequences generation stops at any of these
         * @return this builder
         */
        public Builder stop(String... sequences) {
            return stop(List.of(sequences));
        }

        /**
         * Turns a thinking model's reasoning on or off. Ollama sends it as {@code think}; a model without the
         * capability answers 400, which llmtest reports naming the model.
         *
         * @param enabled true to reason (the answer's {@link LlmAnswer#thinking()} holds it), false not to
         * @return this builder
         */
        public Builder think(boolean enabled) {
            values.put(THINK, enabled);
            return this;
        }

        /**
         * How hard a thinking model reasons, for models that take a level: Ollama's {@code think} level, OpenAI's
         * {@code reasoning_effort}.
         *
         * @param level {@code low}, {@code medium} or {@code high}
         * @return this builder
         */
        public Builder think(String level) {
            if (!List.of("low", "medium", "high").contains(Objects.requireNonNull(level, "level"))) {
                throw new IllegalArgumentException("A thinking level is low, medium or high, but was '" + level + "'");
            }
            values.put(THINK, level);
            return this;
        }

        /** @return the immutable options */
        public Options build() {
            return new Options(values);
        }

        private Builder decimal(String name, double value, double min, double max) {
            if (!(value >= min && value <= max)) {
                throw new IllegalArgumentException("Option " + name + " must be between " + format(min) + " and "
                        + format(max) + ", but was " + value);
            }
            values.put(name, value);
            return this;
        }

        private Builder integer(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException("Option " + name + " must be between " + min + " and " + max
                        + ", but was " + value);
            }
            values.put(name, value);
            return this;
        }

        private static String format(double bound) {
            return bound == Math.rint(bound) ? String.valueOf((long) bound) : String.valueOf(bound);
        }
    }
}
