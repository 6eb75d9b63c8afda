package io.github.llmtest.internal.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/** The endpoints whose answers are recorded and replayed. */
enum Endpoint {
    OLLAMA_CHAT("/api/chat", "ollama", Kind.CHAT),
    OLLAMA_GENERATE("/api/generate", "ollama", Kind.GENERATE),
    OLLAMA_EMBED("/api/embed", "ollama", Kind.EMBED),
    OPENAI_CHAT("/v1/chat/completions", "openai", Kind.CHAT),
    OPENAI_EMBEDDINGS("/v1/embeddings", "openai", Kind.EMBED);

    /** What an endpoint answers with. */
    enum Kind {
        /** a chat answer: text, reasoning, tool calls */
        CHAT,
        /** Ollama's completion of a prompt: text and reasoning */
        GENERATE,
        /** vectors, recorded as the whole body */
        EMBED
    }

    final String path;
    final String provider;
    final Kind kind;

    Endpoint(String path, String provider, Kind kind) {
        this.path = path;
        this.provider = provider;
        this.kind = kind;
    }

    static Optional<Endpoint> of(String method, String path) {
        if (!"POST".equals(method)) {
            return Optional.empty();
        }
        for (Endpoint endpoint : values()) {
            if (endpoint.path.equals(path)) {
                return Optional.of(endpoint);
            }
        }
        return Optional.empty();
    }

    boolean isOpenAi() {
        return provider.equals("openai");
    }

    /** Ollama streams unless told not to ({@code stream} absent means true); OpenAI only when asked. */
    boolean streams(JsonNode body) {
        if (kind == Kind.EMBED) {
            return false;
        }
        JsonNode stream = body.get("stream");
        return isOpenAi() ? stream != null && stream.asBoolean(false) : stream == null || stream.asBoolean(true);
    }
}
