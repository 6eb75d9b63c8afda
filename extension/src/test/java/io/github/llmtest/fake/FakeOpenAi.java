package io.github.llmtest.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An in-process server that speaks the OpenAI chat completions API as documented: streamed answers as server-sent
 * events ({@code data: {...}} frames, a first delta with the role, content deltas, a final empty delta with
 * {@code finish_reason}, the usage chunk with empty {@code choices} when asked, {@code data: [DONE]}), whole answers
 * as one {@code chat.completion} object, {@code {"error": {message, type, param, code}}} bodies, and
 * {@code GET /v1/models}. Tests script it with {@link #enqueue(Script)}.
 */
public final class FakeOpenAi implements AutoCloseable {

    /** One scripted response. */
    @FunctionalInterface
    public interface Script {
        void serve(HttpExchange exchange, FakeOllama.Recorded request) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-openai");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Script> queue = new ConcurrentLinkedDeque<>();
    private final Map<String, Script> byModel = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<FakeOllama.Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile Function<JsonNode, String> answerer = FakeOpenAi::echo;
    private volatile Function<String, float[]> embedder;

    private FakeOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return a started server on a free loopback port */
    public static FakeOpenAi start() {
        try {
            return new FakeOpenAi();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the fake OpenAI server", e);
        }
    }

    /** @return the base URL with {@code /v1}, as users configure it */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public FakeOpenAi enqueue(Script script) {
        queue.add(script);
        return this;
    }

    /** Serves every request for {@code model} with {@code script}, whatever the order of requests. */
    public FakeOpenAi forModel(String model, Script script) {
        byModel.put(model, script);
        return this;
    }

    /** Answers {@code /v1/embeddings} with these vectors, one per input, instead of the one fixed vector. */
    public FakeOpenAi embedWith(Function<String, float[]> function) {
        embedder = function;
        return this;
    }

    public FakeOpenAi answerWith(Function<JsonNode, String> function) {
        answerer = function;
        return this;
    }

    public List<FakeOllama.Recorded> requests() {
        return List.copyOf(requests);
    }

    /** @return the bodies of the chat completion requests, in order */
    public List<JsonNode> chats() {
        return requests.stream().filter(r -> r.path().endsWith("/chat/completions"))
                .map(FakeOllama.Recorded::json).toList();
    }

    private String embedded(JsonNode request) {
        StringBuilder data = new StringBuilder();
        List<String> texts = TextVectors.inputs(request);
        // in reverse order, as a server may send them: clients put them back by index
        for (int i = texts.size() - 1; i >= 0; i--) {
            data.append(data.length() == 0 ? "" : ",").append("{\"object\":\"embedding\",\"index\":").append(i)
                    .append(",\"embedding\":").append(TextVectors.json(embedder.apply(texts.get(i)))).append('}');
        }
        return "{\"object\":\"list\",\"data\":[" + data + "],\"model\":\"" + request.path("model").asText()
                + "\",\"usage\":{\"prompt_tokens\":4,\"total_tokens\":4}}";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            FakeOllama.Recorded request = new FakeOllama.Recorded(exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), headers, body);
            requests.add(request);
            if (request.path().equals("/v1/models")) {
                send(exchange, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\",\"object\":\"model\","
                        + "\"created\":1715367049,\"owned_by\":\"system\"}]}", Map.of());
            } else if (request.path().equals("/v1/embeddings")) {
                if (embedder != null) {
                    send(exchange, 200, embedded(request.json()), Map.of());
                    return;
                }
                send(exchange, 200, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                        + "\"embedding\":[0.25,-0.5,0.125]}],\"model\":\"" + request.json().path("model").asText()
                        + "\",\"usage\":{\"prompt_tokens\":4,\"total_tokens\":4}}", Map.of());
            } else if (request.path().equals("/v1/chat/completions")) {
                Script scripted = byModel.get(request.json().path("model").asText());
                if (scripted == null) {
                    scripted = queue.poll();
                }
                if (scripted != null) {
                    scripted.serve(exchange, request);
                } else {
                    answer(answerer.apply(request.json()), Duration.ZERO).serve(exchange, request);
                }
            } else {
                send(exchange, 404, "{\"error\":{\"message\":\"Invalid URL (POST " + request.path() + ")\","
                        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}", Map.of());
            }
            exchange.close();
        } catch (Reply.DroppedConnection dropped) {
            throw dropped;
        }
    }

    // ------------------------------------------------------------------------------------------- scripts

    /** An answer streamed in chunks of a few characters (or whole when not asked to stream). */
    public static Script answer(String text) {
        return answer(text, Duration.ZERO);
    }

    public static Script answer(String text, Duration delay) {
        return (exchange, request) -> {
            JsonNode body = request.json();
            String model = body.path("model").asText();
            List<String> pieces = Reply.split(text);
            if (!body.path("stream").asBoolean(false)) {
                send(exchange, 200, whole(model, text, pieces.size()).toString(), Map.of());
                return;
            }
            List<String> events = new ArrayList<>();
            events.add(chunk(model, true, "", null).toString());
            for (String piece : pieces) {
                events.add(chunk(model, false, piece, null).toString());
            }
            events.add(chunk(model, false, null, "stop").toString());
            if (body.path("stream_options").path("include_usage").asBoolean(false)) {
                events.add(usage(model, 23, pieces.size(), null).toString());
            }
            events.add("[DONE]");
            stream(exchange, events, delay, true);
        };
    }

    /**
     * An answer streamed whole in one chunk, with this usage: the prompt's tokens and how many of them were cached
     * ({@code prompt_tokens_details.cached_tokens}), the completion's and how many of them were reasoning.
     */
    public static Script answerWithUsage(String text, int prompt, int cached, int completion, int reasoning) {
        return (exchange, request) -> {
            String model = request.json().path("model").asText();
            ObjectNode usage = usage(model, prompt, completion, reasoning);
            ((ObjectNode) usage.path("usage")).putObject("prompt_tokens_details").put("cached_tokens", cached);
            stream(exchange, List.of(chunk(model, true, "", null).toString(),
                    chunk(model, false, text, null).toString(), chunk(model, false, null, "stop").toString(),
                    usage.toString(), "[DONE]"), Duration.ZERO, true);
        };
    }

    /** Raw {@code data:} payloads streamed as they are, ending the body normally (no [DONE] unless given). */
    public static Script events(String... payloads) {
        return (exchange, request) -> stream(exchange, List.of(payloads), Duration.ZERO, true);
    }

    /** Raw payloads, then the connection dropped mid-body. */
    public static Script eventsThenDrop(String... payloads) {
        return (exchange, request) -> stream(exchange, List.of(payloads), Duration.ZERO, false);
    }

    /** An error status with OpenAI's error body and extra headers. */
    public static Script error(int status, String message, String type, String param, String code,
                               Map<String, String> headers) {
        ObjectNode error = FakeOllama.JSON.createObjectNode();
        ObjectNode inner = error.putObject("error").put("message", message).put("type", type);
        inner.put("param", param);
        inner.put("code", code);
        return (exchange, request) -> send(exchange, status, error.toString(), headers);
    }

    public static ObjectNode chunk(String model, boolean first, String content, String finishReason) {
        ObjectNode node = base(model, "chat.completion.chunk");
        ObjectNode choice = node.putArray("choices").addObject().put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (first) {
            delta.put("role", "assistant");
        }
        if (content != null) {
            delta.put("content", content);
        }
        choice.put("finish_reason", finishReason);
        return node;
    }

    public static ObjectNode usage(String model, int prompt, int completion, Integer reasoning) {
        ObjectNode node = base(model, "chat.completion.chunk");
        node.putArray("choices");
        ObjectNode usage = node.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        if (reasoning != null) {
            usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoning);
        }
        return node;
    }

    private static ObjectNode whole(String model, String text, int tokens) {
        ObjectNode node = base(model, "chat.completion");
        ObjectNode choice = node.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text);
        choice.put("finish_reason", "stop");
        node.putObject("usage").put("prompt_tokens", 23).put("completion_tokens", tokens)
                .put("total_tokens", 23 + tokens);
        return node;
    }

    private static ObjectNode base(String model, String object) {
        return FakeOllama.JSON.createObjectNode().put("id", "chatcmpl-" + System.nanoTime()).put("object", object)
                .put("created", System.currentTimeMillis() / 1000).put("model", model)
                .put("system_fingerprint", "fp_" + Long.toHexString(System.nanoTime()));
    }

    private static void stream(HttpExchange exchange, List<String> payloads, Duration delay, boolean end)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String payload : payloads) {
            Reply.sleep(delay);
            out.write(("data: " + payload + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        if (!end) {
            throw new Reply.DroppedConnection();
        }
        out.close();
    }

    static void send(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String echo(JsonNode request) {
        ArrayNode messages = (ArrayNode) request.path("messages");
        return "You said: " + messages.get(messages.size() - 1).path("content").asText();
    }
}
