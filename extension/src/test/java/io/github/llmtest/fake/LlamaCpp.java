package io.github.llmtest.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scripts for {@link FakeOpenAi} that answer as llama.cpp's {@code llama-server} does on the wire, where it differs
 * from OpenAI's documentation (as captured in shared/reference/llama-server-wire.md): the role chunk carries
 * {@code "content": null}; the last JSON chunk (the usage chunk, or the finish chunk without usage) and every whole
 * answer carry a {@code timings} object; the answer names the one model the server has loaded whatever the request
 * named; {@code Content-Type: text/event-stream} without a charset; {@code :} keep-alive comments; errors before the
 * first token are plain JSON with a numeric {@code code}, also to a streamed request.
 */
public final class LlamaCpp {

    /** The model the server has loaded, named in every answer. */
    public static final String LOADED = "tiny-random";
    /** The prompt's tokens in {@link #USAGE} and {@link #TIMINGS}: 20, 19 of them from the prompt cache. */
    public static final int PROMPT_TOKENS = 20;
    /** The prompt's time in {@link #TIMINGS}, in milliseconds. */
    public static final double PROMPT_MS = 2.958;
    /** The answer's time in {@link #TIMINGS}, in milliseconds. */
    public static final double PREDICTED_MS = 12.041;

    private static final String TIMINGS = "{\"cache_n\":19,\"prompt_n\":1,\"prompt_ms\":" + PROMPT_MS
            + ",\"prompt_per_token_ms\":2.958,\"prompt_per_second\":338.07,\"predicted_n\":%d,\"predicted_ms\":"
            + PREDICTED_MS + ",\"predicted_per_token_ms\":1.505,\"predicted_per_second\":664.40}";
    private static final String USAGE = "{\"completion_tokens\":%d,\"prompt_tokens\":" + PROMPT_TOKENS
            + ",\"total_tokens\":%d,\"prompt_tokens_details\":{\"cached_tokens\":19}}";

    private LlamaCpp() {
    }

    /**
     * An answer in {@code pieces}, one token each plus the end-of-turn token, streamed or whole as asked.
     *
     * @param keepAlive whether a {@code :} comment comes before every event, as the server sends after 30 s of
     *                  silence
     * @param pieces    the content deltas
     * @return the script
     */
    public static FakeOpenAi.Script answer(boolean keepAlive, String... pieces) {
        return (exchange, request) -> {
            JsonNode body = request.json();
            int tokens = pieces.length + 1; // llama.cpp counts the end-of-turn token
            String timings = String.format(java.util.Locale.ROOT, TIMINGS, tokens);
            String usage = String.format(java.util.Locale.ROOT, USAGE, tokens, PROMPT_TOKENS + tokens);
            String id = "\"created\":1796178899,\"id\":\"chatcmpl-j2GKQMg3rcmG56J9vSoqyE9gTrRXYlFw\",\"model\":\""
                    + LOADED + "\",\"system_fingerprint\":\"b1-80fb11a\"";
            if (!body.path("stream").asBoolean(false)) {
                ObjectNode whole = (ObjectNode) FakeOllama.JSON.readTree("{\"choices\":[{\"finish_reason\":\"stop\","
                        + "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"\"}}]," + id
                        + ",\"object\":\"chat.completion\",\"usage\":" + usage + ",\"timings\":" + timings + "}");
                ((ObjectNode) whole.path("choices").get(0).path("message")).put("content", String.join("", pieces));
                FakeOpenAi.send(exchange, 200, whole.toString(), Map.of());
                return;
            }
            String chunk = ",\"object\":\"chat.completion.chunk\"";
            List<String> events = new ArrayList<>();
            events.add("{\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"role\":\"assistant\","
                    + "\"content\":null}}]," + id + chunk + "}");
            for (String piece : pieces) {
                events.add("{\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":"
                        + FakeOllama.JSON.writeValueAsString(piece) + "}}]," + id + chunk + "}");
            }
            boolean withUsage = body.path("stream_options").path("include_usage").asBoolean(false);
            events.add("{\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,\"delta\":{}}]," + id + chunk
                    + (withUsage ? "" : ",\"timings\":" + timings) + "}");
            if (withUsage) {
                events.add("{\"choices\":[]," + id + chunk + ",\"usage\":" + usage + ",\"timings\":" + timings + "}");
            }
            events.add("[DONE]");
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (String event : events) {
                    out.write(((keepAlive ? ":\n\n" : "") + "data: " + event + "\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        };
    }

    /**
     * llama.cpp's answer to a prompt longer than its context, streamed or not: 400 with plain JSON.
     *
     * @param promptTokens the prompt's tokens
     * @param context      the server's context size
     * @return the script
     */
    public static FakeOpenAi.Script contextOverflow(int promptTokens, int context) {
        return (exchange, request) -> FakeOpenAi.send(exchange, 400, "{\"error\":{\"code\":400,\"message\":"
                + "\"request (" + promptTokens + " tokens) exceeds the available context size (" + context
                + " tokens), try increasing it\",\"type\":\"exceed_context_size_error\",\"n_prompt_tokens\":"
                + promptTokens + ",\"n_ctx\":" + context + "}}", Map.of("Connection", "close"));
    }

    /** @return llama.cpp's answer to a body it cannot parse: 500 with nlohmann::json's message */
    public static FakeOpenAi.Script unreadableRequest() {
        return (exchange, request) -> FakeOpenAi.send(exchange, 500, "{\"error\":{\"code\":500,\"message\":"
                + "\"[json.exception.parse_error.101] parse error at line 1, column 49: syntax error while parsing "
                + "array - unexpected end of input; expected ']'\",\"type\":\"server_error\"}}",
                Map.of("Connection", "close"));
    }
}
