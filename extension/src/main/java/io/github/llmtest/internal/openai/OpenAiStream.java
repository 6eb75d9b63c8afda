package io.github.llmtest.internal.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.provider.LiveAnswer;
import io.github.llmtest.internal.provider.ServerMetrics;
import io.github.llmtest.internal.provider.PieceClock;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the events of one chat completion add up to, streamed ({@code chat.completion.chunk} events) or not (one
 * {@code chat.completion}): the answer, the reasoning kept apart, the finish reason, the usage, llama.cpp's
 * {@code timings} and the tool calls, whose streamed pieces are joined by index. The client reads its answers
 * through it, and so does the server that records an application's calls. Not thread-safe: one per answer.
 */
public final class OpenAiStream {

    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private final Map<Integer, ObjectNode> toolCalls = new TreeMap<>();
    private final PieceClock clock = new PieceClock();
    private String finishReason;
    private String model;
    private JsonNode usage;
    private JsonNode timings;
    private String error;

    /**
     * Adds one streamed event.
     *
     * @param event        the JSON of one {@code data:} line
     * @param elapsedNanos time since the request was sent
     * @return false when the event was an error ({@link #error()}), true otherwise
     */
    public boolean add(JsonNode event, long elapsedNanos) {
        JsonNode failure = event.get("error");
        if (failure != null && !failure.isNull()) {
            error = failure.isObject() ? failure.path("message").asText(failure.toString()) : failure.asText();
            return false;
        }
        common(event);
        JsonNode choice = event.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        String thought = reasoning(delta);
        clock.thinking(thought, elapsedNanos);
        thinking.append(thought);
        String content = delta.path("content").asText("");
        clock.content(content, elapsedNanos);
        text.append(content);
        for (JsonNode piece : delta.path("tool_calls")) {
            join(piece);
        }
        if (choice.path("finish_reason").isTextual()) {
            finishReason = choice.path("finish_reason").asText();
        }
        return true;
    }

    /**
     * Reads a whole, non-streamed {@code chat.completion}.
     *
     * @param completion the response body
     */
    public void addWhole(JsonNode completion) {
        common(completion);
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        text.append(message.path("content").asText(""));
        thinking.append(reasoning(message));
        int index = 0;
        for (JsonNode call : message.path("tool_calls")) {
            toolCalls.put(index++, call.deepCopy());
        }
        finishReason = Jsons.text(choice, "finish_reason");
    }

    private void common(JsonNode event) {
        if (model == null) {
            model = Jsons.text(event, "model");
        }
        if (event.path("usage").isObject()) {
            usage = event.get("usage");
        }
        if (event.path("timings").isObject()) {
            timings = event.get("timings"); // llama.cpp's server
        }
    }

    /** vLLM and DeepSeek send {@code reasoning_content}; Ollama's {@code /v1} sends {@code reasoning}. */
    private static String reasoning(JsonNode node) {
        return node.path("reasoning_content").asText(node.path("reasoning").asText(""));
    }

    /** Streamed tool calls come in pieces: the first names the call, later ones add to its arguments. */
    private void join(JsonNode piece) {
        ObjectNode call = toolCalls.computeIfAbsent(piece.path("index").asInt(toolCalls.size()), i -> {
            ObjectNode created = Jsons.object();
            created.putObject("function").put("arguments", "");
            return created;
        });
        if (piece.path("id").isTextual()) {
            call.put("id", piece.path("id").asText());
        }
        if (piece.path("type").isTextual()) {
            call.put("type", piece.path("type").asText());
        }
        JsonNode function = piece.path("function");
        ObjectNode joined = (ObjectNode) call.get("function");
        if (function.path("name").isTextual()) {
            joined.put("name", function.path("name").asText());
        }
        joined.put("arguments", joined.path("arguments").asText("") + function.path("arguments").asText(""));
    }

    /** @return the server's error message, when an event was an error */
    public String error() {
        return error;
    }

    /** @return the text so far */
    public String text() {
        return text.toString();
    }

    /** @return whether the events included the usage */
    public boolean hasUsage() {
        return usage != null;
    }

    /**
     * @param wallNanos from sending the request to the end of the answer
     * @return the answer
     */
    public LiveAnswer answer(long wallNanos) {
        JsonNode u = usage == null ? Jsons.object() : usage;
        JsonNode t = timings == null ? Jsons.object() : timings;
        // llama.cpp's timings give the prompt's and the answer's times, as Ollama's durations do; the counts come
        // from the usage (what the application saw: the prompt's tokens counting those taken from the cache),
        // else from the timings (only the prompt's tokens evaluated for this request)
        ServerMetrics metrics = new ServerMetrics(null, null, first(Jsons.number(u, "prompt_tokens"),
                Jsons.number(t, "prompt_n")), nanos(t, "prompt_ms"), first(Jsons.number(u, "completion_tokens"),
                Jsons.number(t, "predicted_n")), nanos(t, "predicted_ms"),
                Jsons.number(u.path("completion_tokens_details"), "reasoning_tokens"),
                Jsons.number(u.path("prompt_tokens_details"), "cached_tokens"));
        ArrayNode calls = null;
        if (!toolCalls.isEmpty()) {
            calls = Jsons.array();
            calls.addAll(toolCalls.values());
        }
        return new LiveAnswer(model, text.toString(), thinking.toString(), finishReason, null, metrics,
                Duration.ofNanos(wallNanos), nanos(clock.first()), calls, clock.gaps(), nanos(clock.firstAnswer()),
                clock.thinkingPieces());
    }

    private static Long first(Long value, Long otherwise) {
        return value != null ? value : otherwise;
    }

    private static Duration nanos(Long value) {
        return value == null ? null : Duration.ofNanos(value);
    }

    private static Long nanos(JsonNode node, String millisField) {
        JsonNode value = node.get(millisField);
        return value == null || !value.isNumber() ? null : Math.round(value.asDouble() * 1e6);
    }
}
