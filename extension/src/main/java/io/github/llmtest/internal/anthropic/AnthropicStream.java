package io.github.llmtest.internal.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.provider.LiveAnswer;
import io.github.llmtest.internal.provider.PieceClock;
import io.github.llmtest.internal.provider.ServerMetrics;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the events of one Messages API answer add up to, streamed ({@code message_start},
 * {@code content_block_start}, {@code content_block_delta}, {@code content_block_stop}, {@code message_delta},
 * {@code message_stop}, {@code ping}, {@code error}) or not (one {@code message}): the text, the thinking kept apart,
 * the {@code tool_use} blocks as tool calls (their streamed {@code input_json_delta} pieces joined), the stop
 * reason and the usage. Not thread-safe: one per answer.
 *
 * <p>Usage: the prompt's token count is {@code input_tokens} plus {@code cache_read_input_tokens} plus
 * {@code cache_creation_input_tokens} (Anthropic counts the three apart; llmtest's prompt count includes the
 * cached ones), of which the cache reads are the cached prompt tokens and the cache creations the cache writes,
 * each priced at its own price.
 */
final class AnthropicStream {

    /** The stop reason that means the answer was cut at its token limit, under llmtest's common name. */
    static final String LENGTH = "length";

    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private final Map<Integer, ObjectNode> tools = new TreeMap<>();
    private final Map<Integer, StringBuilder> toolInput = new TreeMap<>();
    private final PieceClock clock = new PieceClock();
    private String model;
    private String stopReason;
    private Long inputTokens;
    private Long outputTokens;
    private Long cacheRead;
    private Long cacheCreation;
    private AnthropicFailures.ServerError error;
    private boolean stopped;

    /**
     * Adds one streamed event.
     *
     * @param event        the JSON of one {@code data:} line (its {@code type} names the event)
     * @param elapsedNanos time since the request was sent
     * @return false when the event was an error ({@link #error()}), true otherwise
     */
    boolean add(JsonNode event, long elapsedNanos) {
        switch (event.path("type").asText("")) {
            case "error" -> {
                error = AnthropicFailures.ServerError.of(event);
                return false;
            }
            case "message_start" -> {
                JsonNode message = event.path("message");
                model = Jsons.text(message, "model");
                usage(message.path("usage"));
            }
            case "content_block_start" -> start(event.path("index").asInt(), event.path("content_block"),
                    elapsedNanos);
            case "content_block_delta" -> delta(event.path("index").asInt(), event.path("delta"), elapsedNanos);
            case "message_delta" -> {
                if (event.path("delta").path("stop_reason").isTextual()) {
                    stopReason = event.path("delta").path("stop_reason").asText();
                }
                usage(event.path("usage"));
            }
            case "message_stop" -> stopped = true;
            default -> {
                // ping, content_block_stop, and events added to the API later
            }
        }
        return true;
    }

    /**
     * Reads a whole, non-streamed {@code message}.
     *
     * @param message the response body
     */
    void addWhole(JsonNode message) {
        model = Jsons.text(message, "model");
        int index = 0;
        for (JsonNode block : message.path("content")) {
            start(index++, block, 0);
        }
        stopReason = Jsons.text(message, "stop_reason");
        usage(message.path("usage"));
        stopped = true;
    }

    private void start(int index, JsonNode block, long elapsedNanos) {
        switch (block.path("type").asText("")) {
            case "text" -> appendText(block.path("text").asText(""), elapsedNanos);
            case "thinking" -> appendThinking(block.path("thinking").asText(""), elapsedNanos);
            case "tool_use" -> {
                ObjectNode call = Jsons.object().put("id", block.path("id").asText("")).put("type", "function");
                ObjectNode function = call.putObject("function").put("name", block.path("name").asText(""));
                JsonNode input = block.path("input");
                function.set("arguments", input.isObject() ? input.deepCopy() : Jsons.object());
                tools.put(index, call);
            }
            default -> {
                // redacted_thinking, server tools' blocks: nothing llmtest keeps
            }
        }
    }

    private void delta(int index, JsonNode delta, long elapsedNanos) {
        switch (delta.path("type").asText("")) {
            case "text_delta" -> appendText(delta.path("text").asText(""), elapsedNanos);
            case "thinking_delta" -> appendThinking(delta.path("thinking").asText(""), elapsedNanos);
            case "input_json_delta" -> toolInput.computeIfAbsent(index, i -> new StringBuilder())
                    .append(delta.path("partial_json").asText(""));
            default -> {
                // signature_delta, citations_delta
            }
        }
    }

    private void appendText(String piece, long elapsedNanos) {
        clock.content(piece, elapsedNanos);
        text.append(piece);
    }

    private void appendThinking(String piece, long elapsedNanos) {
        clock.thinking(piece, elapsedNanos);
        thinking.append(piece);
    }

    /** Each usage object may carry some of the counts; a later one replaces what it names (output is cumulative). */
    private void usage(JsonNode usage) {
        inputTokens = count(usage, "input_tokens", inputTokens);
        outputTokens = count(usage, "output_tokens", outputTokens);
        cacheRead = count(usage, "cache_read_input_tokens", cacheRead);
        cacheCreation = count(usage, "cache_creation_input_tokens", cacheCreation);
    }

    private static Long count(JsonNode usage, String field, Long before) {
        Long value = Jsons.number(usage, field);
        return value != null ? value : before;
    }

    /** @return the server's error, when an event was one, else null */
    AnthropicFailures.ServerError error() {
        return error;
    }

    /** @return whether {@code message_stop} arrived */
    boolean stopped() {
        return stopped;
    }

    /** @return the text so far */
    String text() {
        return text.toString();
    }

    /**
     * @param wallNanos from sending the request to the end of the answer
     * @return the answer; a {@code max_tokens} stop under llmtest's name for a cut answer, {@value #LENGTH}
     */
    LiveAnswer answer(long wallNanos) {
        Long prompt = inputTokens == null && cacheRead == null && cacheCreation == null ? null
                : orZero(inputTokens) + orZero(cacheRead) + orZero(cacheCreation);
        ServerMetrics metrics = new ServerMetrics(null, null, prompt, null, outputTokens, null, null, cacheRead,
                cacheCreation);
        ArrayNode calls = null;
        if (!tools.isEmpty()) {
            calls = Jsons.array();
            for (Map.Entry<Integer, ObjectNode> tool : tools.entrySet()) {
                StringBuilder streamed = toolInput.get(tool.getKey());
                if (streamed != null) {
                    ObjectNode function = (ObjectNode) tool.getValue().get("function");
                    function.set("arguments", input(streamed.toString()));
                }
                calls.add(tool.getValue());
            }
        }
        String reason = "max_tokens".equals(stopReason) ? LENGTH : stopReason;
        return new LiveAnswer(model, text.toString(), thinking.toString(), reason, null, metrics,
                Duration.ofNanos(wallNanos), nanos(clock.first()), calls, clock.gaps(), nanos(clock.firstAnswer()),
                clock.thinkingPieces());
    }

    /** The joined {@code input_json_delta} pieces: JSON when they are, the text as it came when not. */
    private static JsonNode input(String joined) {
        if (joined.isBlank()) {
            return Jsons.object();
        }
        try {
            JsonNode parsed = Jsons.read(joined);
            return parsed == null ? TextNode.valueOf(joined) : parsed;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(joined);
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static Duration nanos(Long value) {
        return value == null ? null : Duration.ofNanos(value);
    }
}
