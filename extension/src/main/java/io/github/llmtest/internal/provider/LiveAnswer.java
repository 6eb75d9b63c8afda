package io.github.llmtest.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Objects;

/**
 * A complete answer from a live call: the whole text, why generation stopped, the server's metrics and the
 * client's own timings.
 *
 * @param model      the model as the server named it, or null
 * @param text       the whole generated text (the answer, without any reasoning)
 * @param thinking   the reasoning the server sent apart from the answer, empty when none
 * @param doneReason why generation stopped ({@code stop}, {@code length}), or null
 * @param createdAt  the server's timestamp of the final chunk, as sent, or null
 * @param metrics    the server's figures
 * @param wallTime   from sending the request to reading the end of the answer
 * @param firstToken from sending the request to the first non-empty piece of content, or null
 * @param toolCalls  the tool calls the model asked for, in the provider's own form, or null when none
 * @param interToken the gaps between the streamed pieces of the answer, or null when it was not streamed
 * @param firstAnswerToken from sending the request to the first piece of the answer after any reasoning, or null
 * @param thinkingPieces how many streamed pieces were reasoning, or null when not streamed
 */
public record LiveAnswer(String model, String text, String thinking, String doneReason, String createdAt,
                         ServerMetrics metrics, Duration wallTime, Duration firstToken, JsonNode toolCalls,
                         TokenGaps interToken, Duration firstAnswerToken, Integer thinkingPieces) {

    /**
     * An answer with its streamed figures but none about reasoning.
     *
     * @param model      the model or null
     * @param text       the text
     * @param thinking   the reasoning or empty
     * @param doneReason the reason or null
     * @param createdAt  the timestamp or null
     * @param metrics    the figures
     * @param wallTime   the wall time
     * @param firstToken the time to first token or null
     * @param toolCalls  the tool calls or null
     * @param interToken the gaps or null
     */
    public LiveAnswer(String model, String text, String thinking, String doneReason, String createdAt,
                      ServerMetrics metrics, Duration wallTime, Duration firstToken, JsonNode toolCalls,
                      TokenGaps interToken) {
        this(model, text, thinking, doneReason, createdAt, metrics, wallTime, firstToken, toolCalls, interToken, null,
                null);
    }

    /**
     * The same answer read whole rather than streamed: no time to first token, no gaps.
     *
     * @return a copy without the streamed figures
     */
    public LiveAnswer whole() {
        return new LiveAnswer(model, text, thinking, doneReason, createdAt, metrics, wallTime, null, toolCalls, null,
                null, null);
    }

    /**
     * An answer without inter-token figures.
     *
     * @param model      the model or null
     * @param text       the text
     * @param thinking   the reasoning or empty
     * @param doneReason the reason or null
     * @param createdAt  the timestamp or null
     * @param metrics    the figures
     * @param wallTime   the wall time
     * @param firstToken the time to first token or null
     * @param toolCalls  the tool calls or null
     */
    public LiveAnswer(String model, String text, String thinking, String doneReason, String createdAt,
                      ServerMetrics metrics, Duration wallTime, Duration firstToken, JsonNode toolCalls) {
        this(model, text, thinking, doneReason, createdAt, metrics, wallTime, firstToken, toolCalls, null, null, null);
    }

    /**
     * An answer without tool calls.
     *
     * @param model      the model or null
     * @param text       the text
     * @param thinking   the reasoning or empty
     * @param doneReason the reason or null
     * @param createdAt  the timestamp or null
     * @param metrics    the figures
     * @param wallTime   the wall time
     * @param firstToken the time to first token or null
     */
    public LiveAnswer(String model, String text, String thinking, String doneReason, String createdAt,
                      ServerMetrics metrics, Duration wallTime, Duration firstToken) {
        this(model, text, thinking, doneReason, createdAt, metrics, wallTime, firstToken, null, null, null, null);
    }

    /**
     * Checks the parts.
     *
     * @param model      the model or null
     * @param text       the text
     * @param thinking   the reasoning or empty
     * @param doneReason the reason or null
     * @param createdAt  the timestamp or null
     * @param metrics    the figures
     * @param wallTime   the wall time
     * @param firstToken the time to first token or null
     * @param toolCalls  the tool calls or null
     * @param interToken the gaps or null
     * @param firstAnswerToken the time to the first answer piece or null
     * @param thinkingPieces the reasoning pieces or null
     */
    public LiveAnswer {
        Objects.requireNonNull(text, "text");
        thinking = thinking == null ? "" : thinking;
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(wallTime, "wallTime");
        toolCalls = toolCalls == null || toolCalls.isEmpty() ? null : toolCalls;
    }
}
