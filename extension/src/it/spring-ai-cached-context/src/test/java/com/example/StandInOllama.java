package com.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for Ollama in this JVM, for the recording run only (system property {@code stand-in.ollama}): it
 * answers {@code /api/chat} as Ollama does, and llmtest records through it ({@code llmtest.ollama.url}). The
 * replay run has no stand-in, so any call that reached a model server there would fail.
 */
public class StandInOllama implements LauncherSessionListener {

    private HttpServer ollama;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!Boolean.getBoolean("stand-in.ollama")) {
            return;
        }
        try {
            ollama = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ollama.createContext("/api/version", e -> send(e, "{\"version\":\"0.12.6\"}"));
        ollama.createContext("/api/tags", e -> send(e,
                "{\"models\":[{\"name\":\"phi4:latest\",\"digest\":\"ac896e5b8b34\"}]}"));
        ollama.createContext("/api/chat", StandInOllama::chat);
        ollama.start();
        System.setProperty("llmtest.ollama.url", "http://127.0.0.1:" + ollama.getAddress().getPort());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (ollama != null) {
            ollama.stop(0);
            System.clearProperty("llmtest.ollama.url");
        }
    }

    private static void chat(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (body.contains("\"messages\":[]")) {
            send(exchange, "{\"model\":\"phi4\",\"created_at\":\"2026-01-01T00:00:00Z\","
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"load\",\"done\":true}");
            return;
        }
        if (body.contains("\"stream\":true")) {
            exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (String piece : new String[] {"The 20th value is 6765.\\n\\n", "\\\\boxed{6765}"}) {
                    out.write(("{\"model\":\"phi4\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":"
                            + "\"assistant\",\"content\":\"" + piece + "\"},\"done\":false}\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
                out.write(("{\"model\":\"phi4\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":"
                        + "\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"eval_count\":9,"
                        + "\"eval_duration\":90000000}\n").getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        send(exchange, "{\"model\":\"phi4\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":"
                + "\"assistant\",\"content\":\"The 20th value is 6765.\\n\\n\\\\boxed{6765}\"},\"done\":true,"
                + "\"done_reason\":\"stop\",\"prompt_eval_count\":60,\"eval_count\":9,\"eval_duration\":90000000}");
    }

    private static void send(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
