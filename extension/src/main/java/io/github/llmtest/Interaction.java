package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.ollama.ServerMetrics;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One recorded request and its answer, as stored in a fixture file. The request is stored in its canonical,
 * readable form; the key is derived from it, so a hand-written fixture only needs a readable request.
 */
record Interaction(String key, ObjectNode request, String text, String doneReason, String createdAt,
                   ServerMetrics metrics, Duration wallTime, Duration firstToken, Instant recordedAt,
                   String modelDigest, String ollamaVersion, String origin) {

    static final String RECORDED = "recorded";
    static final String HAND_WRITTEN = "hand-written";

    String model() {
        return request.path("model").asText();
    }

    /** The fixture form, fields in a fixed order so diffs stay small. */
    ObjectNode toJson() {
        ObjectNode node = Fixtures.MAPPER.createObjectNode();
        node.put("key", key);
        node.put("origin", origin);
        node.put("recorded_at", recordedAt == null ? null : recordedAt.toString());
        node.put("model_digest", modelDigest);
        node.put("ollama_version", ollamaVersion);
        node.set("request", request);
        ObjectNode response = node.putObject("response");
        response.put("text", text);
        response.put("done_reason", doneReason);
        response.put("created_at", createdAt);
        ObjectNode m = node.putObject("metrics");
        m.put("total_duration", metrics.totalNanos());
        m.put("load_duration", metrics.loadNanos());
        m.put("prompt_eval_count", metrics.promptEvalCount());
        m.put("prompt_eval_duration", metrics.promptEvalNanos());
        m.put("eval_count", metrics.evalCount());
        m.put("eval_duration", metrics.evalNanos());
        ObjectNode client = node.putObject("client");
        client.put("wall_time_ms", wallTime == null ? null : millis(wallTime));
        client.put("first_token_ms", firstToken == null ? null : millis(firstToken));
        return node;
    }

    /**
     * Reads one interaction of a fixture file.
     *
     * @throws IllegalArgumentException with a sentence naming the missing or wrong field
     */
    static Interaction fromJson(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("it is not a JSON object");
        }
        JsonNode request = node.get("request");
        if (request == null || !request.isObject() || !request.path("model").isTextual()) {
            throw new IllegalArgumentException("it has no \"request\" object with a \"model\"");
        }
        JsonNode text = node.path("response").get("text");
        if (text == null || !text.isTextual()) {
            throw new IllegalArgumentException("it has no \"response\": {\"text\": ...}");
        }
        JsonNode m = node.path("metrics");
        ServerMetrics metrics = ServerMetrics.ofNanos(longOrNull(m, "total_duration"), longOrNull(m, "load_duration"),
                longOrNull(m, "prompt_eval_count"), longOrNull(m, "prompt_eval_duration"),
                longOrNull(m, "eval_count"), longOrNull(m, "eval_duration"));
        JsonNode client = node.path("client");
        Instant recordedAt = null;
        String recorded = textOrNull(node, "recorded_at");
        if (recorded != null) {
            try {
                recordedAt = Instant.parse(recorded);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("its \"recorded_at\" is not an ISO-8601 instant: " + recorded);
            }
        }
        ObjectNode canonicalRequest = (ObjectNode) request.deepCopy();
        return new Interaction(Canonical.hash(canonicalRequest), canonicalRequest, text.asText(),
                textOrNull(node.path("response"), "done_reason"), textOrNull(node.path("response"), "created_at"),
                metrics, duration(client, "wall_time_ms"), duration(client, "first_token_ms"), recordedAt,
                textOrNull(node, "model_digest"), textOrNull(node, "ollama_version"),
                textOrNull(node, "origin") == null ? RECORDED : textOrNull(node, "origin"));
    }

    private static double millis(Duration d) {
        return Math.round(d.toNanos() / 1e3) / 1e3;
    }

    private static Duration duration(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.asDouble() < 0) {
            throw new IllegalArgumentException("its \"client\".\"" + field + "\" is not a non-negative number");
        }
        return Duration.ofNanos(Math.round(value.asDouble() * 1e6));
    }

    private static Long longOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException("its \"metrics\".\"" + field + "\" is not a number");
        }
        return value.asLong();
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
