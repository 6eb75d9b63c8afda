package io.github.llmtest.internal.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.provider.LiveAnswer;
import io.github.llmtest.internal.provider.ServerMetrics;
import io.github.llmtest.internal.provider.PieceClock;

import java.time.Duration;

/**
 * What the objects of one Ollama answer add up to, for {@code /api/chat} ({@code message.content}) and
 * {@code /api/generate} ({@code response}) alike, streamed (one object per NDJSON line) or not (one object). The
 * client reads its answers through it, and so does the server that records an application's calls. Not
 * thread-safe: one per answer.
 */
public final class OllamaStream {

    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private ArrayNode toolCalls;
    private final PieceClock clock = new PieceClock();
    private JsonNode done;
    private String error;

    /**
     * Adds the next object of the answer.
     *
     * @param chunk        one line of the stream, or the whole answer
     * @param elapsedNanos time since the request was sent
     * @return true when the answer is over: the object was the final one ({@code done: true}) or an error
     */
    public boolean add(JsonNode chunk, long elapsedNanos) {
        String failure = Jsons.text(chunk, "error");
        if (failure != null) {
            error = failure;
            return true;
        }
        JsonNode message = chunk.path("message");
        String thought = message.isObject() ? message.path("thinking").asText("") : chunk.path("thinking").asText("");
        clock.thinking(thought, elapsedNanos);
        thinking.append(thought);
        String piece = message.isObject() ? message.path("content").asText("") : chunk.path("response").asText("");
        clock.content(piece, elapsedNanos);
        text.append(piece);
        JsonNode calls = message.path("tool_calls");
        if (calls.isArray() && !calls.isEmpty()) {
            if (toolCalls == null) {
                toolCalls = Jsons.array();
            }
            toolCalls.addAll((ArrayNode) calls);
        }
        if (chunk.path("done").asBoolean(false)) {
            done = chunk;
            return true;
        }
        return false;
    }

    /** @return the server's error message, when an object was {@code {"error": ...}} */
    public String error() {
        return error;
    }

    /** @return whether the final object ({@code done: true}) has been read */
    public boolean isDone() {
        return done != null;
    }

    /** @return the text so far */
    public String text() {
        return text.toString();
    }

    /**
     * @param wallNanos from sending the request to reading the final object
     * @return the answer, with the metrics of the final object
     * @throws IllegalStateException before the final object
     */
    public LiveAnswer answer(long wallNanos) {
        if (done == null) {
            throw new IllegalStateException("the answer is not complete");
        }
        ServerMetrics metrics = new ServerMetrics(Jsons.number(done, "total_duration"),
                Jsons.number(done, "load_duration"), Jsons.number(done, "prompt_eval_count"),
                Jsons.number(done, "prompt_eval_duration"), Jsons.number(done, "eval_count"),
                Jsons.number(done, "eval_duration"));
        return new LiveAnswer(Jsons.text(done, "model"), text.toString(), thinking.toString(),
                Jsons.text(done, "done_reason"), Jsons.text(done, "created_at"), metrics, Duration.ofNanos(wallNanos),
                nanos(clock.first()), toolCalls, clock.gaps(), nanos(clock.firstAnswer()), clock.thinkingPieces());
    }

    private static Duration nanos(Long value) {
        return value == null ? null : Duration.ofNanos(value);
    }
}
