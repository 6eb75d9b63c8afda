package io.github.llmtest.ollama;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A complete answer from {@code /api/chat} or {@code /api/generate}: the whole text, why generation stopped, the
 * server's metrics and the client's own timings.
 */
public final class OllamaResponse {

    private final String model;
    private final String text;
    private final String doneReason;
    private final String createdAt;
    private final ServerMetrics metrics;
    private final Duration wallTime;
    private final Duration firstToken;

    OllamaResponse(String model, String text, String doneReason, String createdAt, ServerMetrics metrics,
                   Duration wallTime, Duration firstToken) {
        this.model = model;
        this.text = Objects.requireNonNull(text, "text");
        this.doneReason = doneReason;
        this.createdAt = createdAt;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.wallTime = Objects.requireNonNull(wallTime, "wallTime");
        this.firstToken = firstToken;
    }

    /** @return the model name as the server echoed it */
    public String model() {
        return model;
    }

    /** @return the whole generated text */
    public String text() {
        return text;
    }

    /** @return {@code stop}, {@code length}, {@code load} or {@code unload}, when the server said */
    public Optional<String> doneReason() {
        return Optional.ofNullable(doneReason);
    }

    /** @return the server's {@code created_at} timestamp of the final object, as sent (RFC 3339) */
    public Optional<String> createdAt() {
        return Optional.ofNullable(createdAt);
    }

    /** @return the server's metrics */
    public ServerMetrics metrics() {
        return metrics;
    }

    /** @return the client's wall time from sending the request to reading the final object */
    public Duration wallTime() {
        return wallTime;
    }

    /** @return the client's time from sending the request to the first non-empty piece of content (streams only) */
    public Optional<Duration> firstToken() {
        return Optional.ofNullable(firstToken);
    }

    @Override
    public String toString() {
        return "OllamaResponse{model=" + model + ", doneReason=" + doneReason + ", wallTime=" + wallTime
                + ", text=" + (text.length() > 80 ? text.substring(0, 80) + "…" : text) + "}";
    }
}
