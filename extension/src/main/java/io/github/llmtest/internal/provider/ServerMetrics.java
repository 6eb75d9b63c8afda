package io.github.llmtest.internal.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * The timings and token counts a server reports for one answer, in Ollama's terms; any may be absent ({@code null}):
 * Ollama omits zero values, older versions omit the prompt count when the prompt was cached, and OpenAI-compatible
 * servers report token counts only.
 *
 * <p>{@code total} is the server's wall time and includes queueing and model load; {@code load} is the time until
 * the model was ready; {@code promptEval} and {@code eval} are the time spent reading the prompt and generating.
 *
 * @param totalNanos      {@code total_duration}
 * @param loadNanos       {@code load_duration}
 * @param promptEvalCount {@code prompt_eval_count}
 * @param promptEvalNanos {@code prompt_eval_duration}
 * @param evalCount       {@code eval_count}
 * @param evalNanos       {@code eval_duration}
 * @param reasoningTokens of the generated tokens, how many went to reasoning (OpenAI's
 *                        {@code completion_tokens_details.reasoning_tokens})
 * @param cachedPromptTokens of the prompt tokens, how many the server took from its prompt cache (OpenAI's
 *                        {@code prompt_tokens_details.cached_tokens}), which providers bill at a lower price
 * @param cacheWriteTokens of the prompt tokens, how many the server wrote to its prompt cache (Anthropic's
 *                        {@code cache_creation_input_tokens}), which providers bill at a higher price
 */
public record ServerMetrics(Long totalNanos, Long loadNanos, Long promptEvalCount, Long promptEvalNanos,
                            Long evalCount, Long evalNanos, Long reasoningTokens, Long cachedPromptTokens,
                            Long cacheWriteTokens) {

    /** Metrics with no figure at all. */
    public static final ServerMetrics NONE = new ServerMetrics(null, null, null, null, null, null, null, null, null);

    /**
     * Figures without a cache write count.
     *
     * @param totalNanos         {@code total_duration}
     * @param loadNanos          {@code load_duration}
     * @param promptEvalCount    {@code prompt_eval_count}
     * @param promptEvalNanos    {@code prompt_eval_duration}
     * @param evalCount          {@code eval_count}
     * @param evalNanos          {@code eval_duration}
     * @param reasoningTokens    of the generated tokens, how many went to reasoning
     * @param cachedPromptTokens of the prompt tokens, how many came from the prompt cache
     */
    public ServerMetrics(Long totalNanos, Long loadNanos, Long promptEvalCount, Long promptEvalNanos,
                         Long evalCount, Long evalNanos, Long reasoningTokens, Long cachedPromptTokens) {
        this(totalNanos, loadNanos, promptEvalCount, promptEvalNanos, evalCount, evalNanos, reasoningTokens,
                cachedPromptTokens, null);
    }

    /**
     * Figures without a cached prompt token count.
     *
     * @param totalNanos      {@code total_duration}
     * @param loadNanos       {@code load_duration}
     * @param promptEvalCount {@code prompt_eval_count}
     * @param promptEvalNanos {@code prompt_eval_duration}
     * @param evalCount       {@code eval_count}
     * @param evalNanos       {@code eval_duration}
     * @param reasoningTokens of the generated tokens, how many went to reasoning
     */
    public ServerMetrics(Long totalNanos, Long loadNanos, Long promptEvalCount, Long promptEvalNanos,
                         Long evalCount, Long evalNanos, Long reasoningTokens) {
        this(totalNanos, loadNanos, promptEvalCount, promptEvalNanos, evalCount, evalNanos, reasoningTokens, null,
                null);
    }

    /**
     * Ollama's figures, which have no reasoning token count.
     *
     * @param totalNanos      {@code total_duration}
     * @param loadNanos       {@code load_duration}
     * @param promptEvalCount {@code prompt_eval_count}
     * @param promptEvalNanos {@code prompt_eval_duration}
     * @param evalCount       {@code eval_count}
     * @param evalNanos       {@code eval_duration}
     */
    public ServerMetrics(Long totalNanos, Long loadNanos, Long promptEvalCount, Long promptEvalNanos,
                         Long evalCount, Long evalNanos) {
        this(totalNanos, loadNanos, promptEvalCount, promptEvalNanos, evalCount, evalNanos, null, null, null);
    }

    /** @return the time until the model was loaded and scheduled */
    public Optional<Duration> load() {
        return duration(loadNanos);
    }

    /** @return the server's wall time for the request, including queueing and load */
    public Optional<Duration> total() {
        return duration(totalNanos);
    }

    /** @return the time spent evaluating the prompt */
    public Optional<Duration> promptEval() {
        return duration(promptEvalNanos);
    }

    /** @return the time spent generating the answer */
    public Optional<Duration> eval() {
        return duration(evalNanos);
    }

    /** @return the number of prompt tokens, capped at {@link Integer#MAX_VALUE}, or null */
    public Integer promptTokens() {
        return count(promptEvalCount);
    }

    /** @return the number of generated tokens, capped at {@link Integer#MAX_VALUE}, or null */
    public Integer outputTokens() {
        return count(evalCount);
    }

    private static Optional<Duration> duration(Long nanos) {
        return nanos == null ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    private static Integer count(Long value) {
        return value == null ? null : (int) Math.min(Integer.MAX_VALUE, value);
    }
}
