package com.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.llmtest.Llm;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.LlmTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;

/**
 * A live call, streamed through llmtest's HTTP client under Spring Boot's dependency management (Kotlin 1.9 for
 * OkHttp 5, Boot's Jackson), against a stand-in that answers like Ollama.
 */
@LlmTest
class LiveCallTest {

    static HttpServer ollama;

    @BeforeAll
    static void startOllama() throws IOException {
        ollama = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ollama.createContext("/api/version", e -> send(e, "application/json", "{\"version\":\"0.12.6\"}"));
        ollama.createContext("/api/tags", e -> send(e, "application/json",
                "{\"models\":[{\"name\":\"phi4:latest\",\"digest\":\"ac896e5b8b34\"}]}"));
        ollama.createContext("/api/chat", LiveCallTest::chat);
        ollama.start();
        System.setProperty("llmtest.ollama.url", "http://127.0.0.1:" + ollama.getAddress().getPort());
    }

    @AfterAll
    static void stopOllama() {
        ollama.stop(0);
    }

    @Test
    void fibonacci(Llm llm) {
        LlmAnswer answer = llm.ask("Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ...");

        assertThat(answer).boxedAnswer().isEqualTo("6765");
        assertThat(answer.replayed()).isFalse();
        assertThat(answer.latency().outputTokens()).hasValue(3);
    }

    private static void chat(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (body.contains("\"messages\":[]")) {
            send(exchange, "application/json", "{\"model\":\"phi4\",\"created_at\":\"2026-01-01T00:00:00Z\","
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"load\",\"done\":true}");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (String piece : new String[] {"The 20th value is ", "\\\\boxed{6765}", "."}) {
                out.write(("{\"model\":\"phi4\",\"message\":{\"role\":\"assistant\",\"content\":\"" + piece
                        + "\"},\"done\":false}\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.write(("{\"model\":\"phi4\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,"
                    + "\"done_reason\":\"stop\",\"eval_count\":3,\"eval_duration\":90000000}\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
