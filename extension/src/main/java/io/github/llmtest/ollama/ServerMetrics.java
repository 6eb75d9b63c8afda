package io.github.llmtest.ollama;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The timings and token counts Ollama reports on the final object of a response. Every figure may be absent: the
 * server omits zero values, and older versions omit the prompt count when the prompt was cached.
 *
 * <p>{@code total} is the server's wall time and includes queueing and model load; {@code load} is the time until
 * the model was ready; {@code promptEval} and {@code eval} are the time spent reading the prompt and generating.
 */
public final class ServerMetrics {

    private static final ServerMetrics NONE = new ServerMetrics(null, null, null, null, null, null);

    private final Long totalNanos;
    private final Long loadNanos;
    private final Long promptEvalCount;
    private final Long promptEvalNanos;
    private final Long evalCount;
    private final Long evalNanos;

    private ServerMetrics(Long totalNanos, Long loadNanos, Long promptEvalCount, Long promptEvalNanos,
                          Long evalCount, Long evalNanos) {
        this.totalNanos = totalNanos;
        this.loadNanos = loadNanos;
        this.promptEvalCount = promptEvalCount;
        this.promptEvalNanos = promptEvalNanos;
        this.evalCount = evalCount;
        this.evalNanos = evalNanos;
    }

    /**
     * Metrics from raw wire values; {@code null} means the server did not report that figure.
     *
     * @param totalNanos      {@code total_duration}
     * @param loadNanos       {@code load_duration}
     * @param promptEvalCount {@code prompt_eval_count}
     * @param promptEvalNanos {@code prompt_eval_duration}
     * @param evalCount       {@code eval_count}
     * @param evalNanos       {@code eval_duration}
     * @return the metrics
     */
    public static ServerMetrics ofNanos(Long totalNanos, Long loadNanos, Long promptEvalCount, Long promptEvalNanos,
                                        Long evalCount, Long evalNanos) {
        return new ServerMetrics(totalNanos, loadNanos, promptEvalCount, promptEvalNanos, evalCount, evalNanos);
    }

    /** @return metrics with no figure at all */
    public static ServerMetrics none() {
        return NONE;
    }

    static ServerMetrics from(JsonNode done) {
        return new ServerMetrics(Json.number(done, "total_duration"), Json.number(done, "load_duration"),
                Json.number(done, "prompt_eval_count"), Json.number(done, "prompt_eval_duration"),
                Json.number(done, "eval_count"), Json.number(done, "eval_duration"));
    }

    /** @return the server's wall time for the request, including queueing and load */
    public Optional<Duration> total() {
        return duration(totalNanos);
    }

    /** @return the time until the model was loaded and scheduled */
    public Optional<Duration> load() {
        return duration(loadNanos);
    }

    /** @return the time spent evaluating the prompt */
    public Optional<Duration> promptEval() {
        return duration(promptEvalNanos);
    }

    /** @return the time spent generating the answer */
    public Optional<Duration> eval() {
        return duration(evalNanos);
    }

    /** @return the number of prompt tokens */
    public OptionalInt promptTokens() {
        return count(promptEvalCount);
    }

    /** @return the number of generated tokens */
    public OptionalInt outputTokens() {
        return count(evalCount);
    }

    /** @return generated tokens per second of generation time, when both figures are known */
    public OptionalDouble tokensPerSecond() {
        if (evalCount == null || evalNanos == null || evalNanos <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(evalCount * 1e9 / evalNanos);
    }

    /** @return the raw {@code total_duration} in nanoseconds, or {@code null} */
    public Long totalNanos() {
        return totalNanos;
    }

    /** @return the raw {@code load_duration} in nanoseconds, or {@code null} */
    public Long loadNanos() {
        return loadNanos;
    }

    /** @return the raw {@code prompt_eval_count}, or {@code null} */
    public Long promptEvalCount() {
        return promptEvalCount;
    }

    /** @return the raw {@code prompt_eval_duration} in nanoseconds, or {@code null} */
    public Long promptEvalNanos() {
        return promptEvalNanos;
    }

    /** @return the raw {@code eval_count}, or {@code null} */
    public Long evalCount() {
        return evalCount;
    }

    /** @return the raw {@code eval_duration} in nanoseconds, or {@code null} */
    public Long evalNanos() {
        return evalNanos;
    }

    private static Optional<Duration> duration(Long nanos) {
        return nanos == null ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    private static OptionalInt count(Long value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of((int) Math.min(Integer.MAX_VALUE, value));
    }

    @Override
    public String toString() {
        return "ServerMetrics{total=" + totalNanos + "ns, load=" + loadNanos + "ns, promptEval=" + promptEvalCount
                + " tokens/" + promptEvalNanos + "ns, eval=" + evalCount + " tokens/" + evalNanos + "ns}";
    }
}
