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
 * An in-process stand-in for Anthropic's Messages API, as documented: {@code POST /v1/messages} answered whole (one
 * {@code message}) or, with {@code "stream": true}, as server-sent events with their {@code event:} names
 * ({@code message_start}, {@code content_block_start}, {@code ping}, {@code content_block_delta} with
 * {@code text_delta}, {@code thinking_delta} or {@code input_json_delta}, {@code content_block_stop},
 * {@code message_delta} with the stop reason and output tokens, {@code message_stop}); errors as
 * {@code {"type":"error","error":{"type":...,"message":...}}}. Tests script it with {@link #enqueue}.
 */
public final class FakeAnthropic implements AutoCloseable {

    /** The usage every scripted answer reports: input, cache read, cache creation. */
    public static final int INPUT = 21;
    public static final int CACHE_READ = 100;
    public static final int CACHE_CREATION = 8;

    /** One content block of a scripted answer. */
    public sealed interface Block permits Text, Thinking, ToolUse {
    }

    /** A text block, streamed in pieces of a word. */
    public record Text(String text) implements Block {
    }

    /** A thinking block. */
    public record Thinking(String thinking) implements Block {
    }

    /** A tool_use block, its input streamed as two input_json_delta pieces. */
    public record ToolUse(String id, String name, String inputJson) implements Block {
    }

    /** One scripted response. */
    @FunctionalInterface
    public interface Script {
        void serve(HttpExchange exchange, FakeOllama.Recorded request) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-anthropic");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Script> queue = new ConcurrentLinkedDeque<>();
    private final List<FakeOllama.Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile Function<JsonNode, String> answerer = FakeAnthropic::echo;

    private FakeAnthropic() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return a started server on a free loopback port */
    public static FakeAnthropic start() {
        try {
            return new FakeAnthropic();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the fake Anthropic server", e);
        }
    }

    /** @return the base URL as the SDKs take it (no {@code /v1}) */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeAnthropic enqueue(Script script) {
        queue.add(script);
        return this;
    }

    public FakeAnthropic answerWith(Function<JsonNode, String> function) {
        answerer = function;
        return this;
    }

    public List<FakeOllama.Recorded> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        FakeOllama.Recorded request = new FakeOllama.Recorded(exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(), headers, body);
        requests.add(request);
        if (!request.path().equals("/v1/messages")) {
            send(exchange, 404, error("not_found_error", "Not found: " + request.path()).toString(), Map.of());
        } else if (request.header("anthropic-version") == null) {
            send(exchange, 400, error("invalid_request_error", "anthropic-version: header is required")
                    .toString(), Map.of());
        } else if (!request.json().path("max_tokens").isIntegralNumber()) {
            // the API requires max_tokens; a client that leaves it out gets this
            send(exchange, 400, error("invalid_request_error", "max_tokens: Field required").toString(), Map.of());
        } else {
            Script scripted = queue.poll();
            if (scripted == null) {
                scripted = answer(new Text(answerer.apply(request.json())));
            }
            scripted.serve(exchange, request);
        }
        exchange.close();
    }

    // ------------------------------------------------------------------------------------------- scripts

    /** An answer of these blocks, streamed as events or sent whole as the request asks. */
    public static Script answer(Block... blocks) {
        return answer("end_turn", blocks);
    }

    /** An answer with this stop reason. */
    public static Script answer(String stopReason, Block... blocks) {
        return (exchange, request) -> {
            JsonNode body = request.json();
            String model = body.path("model").asText();
            int output = 0;
            for (Block b : blocks) {
                output += b instanceof Text t ? Reply.split(t.text()).size() : 5;
            }
            if (!body.path("stream").asBoolean(false)) {
                ObjectNode message = message(model);
                ArrayNode content = message.putArray("content");
                for (Block b : blocks) {
                    if (b instanceof Text t) {
                        content.addObject().put("type", "text").put("text", t.text());
                    } else if (b instanceof Thinking t) {
                        content.addObject().put("type", "thinking").put("thinking", t.thinking())
                                .put("signature", "sig");
                    } else if (b instanceof ToolUse t) {
                        content.addObject().put("type", "tool_use").put("id", t.id()).put("name", t.name())
                                .set("input", read(t.inputJson()));
                    }
                }
                message.put("stop_reason", stopReason).putNull("stop_sequence");
                message.set("usage", usage(output));
                send(exchange, 200, message.toString(), Map.of());
                return;
            }
            List<String[]> events = new ArrayList<>();
            ObjectNode start = message(model);
            start.putArray("content");
            start.putNull("stop_reason");
            start.putNull("stop_sequence");
            start.set("usage", usage(1));
            events.add(event("message_start", FakeOllama.JSON.createObjectNode().put("type", "message_start")
                    .set("message", start)));
            events.add(event("ping", FakeOllama.JSON.createObjectNode().put("type", "ping")));
            int index = 0;
            for (Block b : blocks) {
                if (b instanceof Text t) {
                    events.add(blockStart(index, FakeOllama.JSON.createObjectNode().put("type", "text")
                            .put("text", "")));
                    for (String piece : Reply.split(t.text())) {
                        events.add(delta(index, "text_delta", "text", piece));
                    }
                } else if (b instanceof Thinking t) {
                    events.add(blockStart(index, FakeOllama.JSON.createObjectNode().put("type", "thinking")
                            .put("thinking", "")));
                    events.add(delta(index, "thinking_delta", "thinking", t.thinking()));
                    events.add(delta(index, "signature_delta", "signature", "sig"));
                } else if (b instanceof ToolUse t) {
                    ObjectNode block = FakeOllama.JSON.createObjectNode().put("type", "tool_use")
                            .put("id", t.id()).put("name", t.name());
                    block.putObject("input");
                    events.add(blockStart(index, block));
                    int half = t.inputJson().length() / 2;
                    events.add(delta(index, "input_json_delta", "partial_json", t.inputJson().substring(0, half)));
                    events.add(delta(index, "input_json_delta", "partial_json", t.inputJson().substring(half)));
                }
                events.add(event("content_block_stop", FakeOllama.JSON.createObjectNode()
                        .put("type", "content_block_stop").put("index", index)));
                index++;
            }
            ObjectNode delta = FakeOllama.JSON.createObjectNode().put("type", "message_delta");
            delta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
            delta.putObject("usage").put("output_tokens", output);
            events.add(event("message_delta", delta));
            events.add(event("message_stop", FakeOllama.JSON.createObjectNode().put("type", "message_stop")));
            stream(exchange, events, true);
        };
    }

    /** Events as given (name, data), then the body ends normally. */
    public static Script events(List<String[]> events) {
        return (exchange, request) -> stream(exchange, events, true);
    }

    /** A streamed answer that starts, then carries an {@code error} event. */
    public static Script errorMidStream(String type, String message) {
        return (exchange, request) -> {
            String model = request.json().path("model").asText();
            ObjectNode start = message(model);
            start.putArray("content");
            start.set("usage", usage(1));
            stream(exchange, List.of(event("message_start", FakeOllama.JSON.createObjectNode()
                            .put("type", "message_start").set("message", start)),
                    blockStart(0, FakeOllama.JSON.createObjectNode().put("type", "text").put("text", "")),
                    delta(0, "text_delta", "text", "Half an "),
                    event("error", error(type, message))), true);
        };
    }

    /** An error status with the API's error body and extra headers. */
    public static Script error(int status, String type, String message, Map<String, String> headers) {
        return (exchange, request) -> send(exchange, status, error(type, message).toString(), headers);
    }

    public static ObjectNode error(String type, String message) {
        ObjectNode error = FakeOllama.JSON.createObjectNode().put("type", "error");
        error.putObject("error").put("type", type).put("message", message);
        return error;
    }

    public static String[] event(String name, JsonNode data) {
        return new String[] {name, data.toString()};
    }

    private static String[] blockStart(int index, ObjectNode block) {
        return event("content_block_start", FakeOllama.JSON.createObjectNode().put("type", "content_block_start")
                .put("index", index).set("content_block", block));
    }

    private static String[] delta(int index, String type, String field, String value) {
        ObjectNode node = FakeOllama.JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
        node.putObject("delta").put("type", type).put(field, value);
        return event("content_block_delta", node);
    }

    private static ObjectNode message(String model) {
        return FakeOllama.JSON.createObjectNode().put("id", "msg_" + Long.toHexString(System.nanoTime()))
                .put("type", "message").put("role", "assistant").put("model", model);
    }

    private static ObjectNode usage(int output) {
        return FakeOllama.JSON.createObjectNode().put("input_tokens", INPUT)
                .put("cache_creation_input_tokens", CACHE_CREATION).put("cache_read_input_tokens", CACHE_READ)
                .put("output_tokens", output);
    }

    private static JsonNode read(String json) {
        try {
            return FakeOllama.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static void stream(HttpExchange exchange, List<String[]> events, boolean end) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String[] event : events) {
            out.write(("event: " + event[0] + "\ndata: " + event[1] + "\n\n").getBytes(StandardCharsets.UTF_8));
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

    /** "You said: " and the last user turn's text, whether a string or blocks. */
    private static String echo(JsonNode request) {
        ArrayNode messages = (ArrayNode) request.path("messages");
        JsonNode content = messages.get(messages.size() - 1).path("content");
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            content.forEach(b -> text.append(b.path("text").asText("")));
            return "You said: " + text;
        }
        return "You said: " + content.asText();
    }
}
