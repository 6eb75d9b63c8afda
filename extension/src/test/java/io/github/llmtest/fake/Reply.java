package io.github.llmtest.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One scripted response of {@link FakeOllama}. */
@FunctionalInterface
public interface Reply {

    /** Metrics of the final object of scripted answers: 9 ns per unit keeps them recognisable in assertions. */
    long TOTAL_NS = 2_500_000_000L;
    long LOAD_NS = 120_000_000L;
    long PROMPT_EVAL_NS = 300_000_000L;
    long EVAL_NS = 2_000_000_000L;
    int PROMPT_TOKENS = 40;

    void serve(HttpExchange exchange, FakeOllama.Recorded request) throws IOException;

    /** An answer streamed (or sent whole) the way Ollama does, split into chunks of a few characters. */
    static Reply answer(String text) {
        return answer(text, Duration.ZERO);
    }

    /** An answer whose chunks each arrive after {@code delay}. */
    static Reply answer(String text, Duration delay) {
        return (exchange, request) -> {
            boolean stream = request.json().path("stream").asBoolean(true);
            boolean chat = request.path().equals("/api/chat");
            String model = request.json().path("model").asText();
            List<String> pieces = split(text);
            if (!stream) {
                ObjectNode done = finalObject(model, chat, text, pieces.size());
                FakeOllama.send(exchange, 200, "application/json; charset=utf-8", done.toString());
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (String piece : pieces) {
                    sleep(delay);
                    writeLine(out, chunk(model, chat, piece).toString());
                }
                FakeOllama.finishing(exchange);
                writeLine(out, finalObject(model, chat, "", pieces.size()).toString());
            }
        };
    }

    /** Raw NDJSON lines, streamed with status 200, then the body ends normally. */
    static Reply lines(String... lines) {
        return (exchange, request) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < lines.length; i++) {
                    if (i == lines.length - 1) {
                        FakeOllama.finishing(exchange);
                    }
                    writeLine(out, lines[i]);
                }
            }
        };
    }

    /** Raw NDJSON lines, then the connection is dropped without ending the chunked body. */
    static Reply linesThenDrop(String... lines) {
        return (exchange, request) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (String line : lines) {
                writeLine(out, line);
            }
            throw new DroppedConnection();
        };
    }

    /** A status with a body. */
    static Reply status(int code, String contentType, String body) {
        return (exchange, request) -> FakeOllama.send(exchange, code, contentType, body);
    }

    /** A status with Ollama's {@code {"error": ...}} body. */
    static Reply error(int code, String message) {
        ObjectNode node = FakeOllama.JSON.createObjectNode().put("error", message);
        return status(code, "application/json; charset=utf-8", node.toString());
    }

    /** Waits before sending anything at all. */
    static Reply silence(Duration delay) {
        return (exchange, request) -> {
            sleep(delay);
            FakeOllama.send(exchange, 200, "application/json", "{}");
        };
    }

    static ObjectNode chunk(String model, boolean chat, String piece) {
        ObjectNode node = FakeOllama.JSON.createObjectNode().put("model", model)
                .put("created_at", "2025-01-14T09:20:01.123456Z");
        if (chat) {
            node.putObject("message").put("role", "assistant").put("content", piece);
        } else {
            node.put("response", piece);
        }
        node.put("done", false);
        return node;
    }

    static ObjectNode finalObject(String model, boolean chat, String text, int evalCount) {
        ObjectNode node = chunk(model, chat, text);
        node.put("created_at", "2025-01-14T09:20:03.201337Z");
        node.put("done", true).put("done_reason", "stop");
        if (!chat) {
            node.putArray("context").add(1).add(2).add(3);
        }
        node.put("total_duration", TOTAL_NS).put("load_duration", LOAD_NS)
                .put("prompt_eval_count", PROMPT_TOKENS).put("prompt_eval_duration", PROMPT_EVAL_NS)
                .put("eval_count", evalCount).put("eval_duration", EVAL_NS);
        return node;
    }

    static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 4) {
            pieces.add(text.substring(i, Math.min(text.length(), i + 4)));
        }
        return pieces;
    }

    static void writeLine(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Thrown from a handler so that the JDK server closes the socket mid-body. */
    final class DroppedConnection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DroppedConnection() {
            super("connection dropped on purpose", null, false, false);
        }
    }
}
