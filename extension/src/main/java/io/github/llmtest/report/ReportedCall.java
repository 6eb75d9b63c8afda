package io.github.llmtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.OptionalDouble;

/** One LLM call as the extension published it, plus what assertions extracted from its answer. */
final class ReportedCall {

    final ObjectNode json;

    ReportedCall(ObjectNode json) {
        this.json = json;
    }

    String test() {
        return json.path("test").asText("");
    }

    int index() {
        return json.path("call").asInt();
    }

    String model() {
        return json.path("model").asText("");
    }

    boolean replayed() {
        return json.path("replayed").asBoolean(false);
    }

    String recordedAt() {
        return json.path("recorded_at").asText("");
    }

    String prompt() {
        return json.path("prompt").asText("");
    }

    String answer() {
        return json.path("answer").asText("");
    }

    /** A numeric field of the call (a time in milliseconds, a token count), if it was reported. */
    OptionalDouble figure(String field) {
        JsonNode value = json.get(field);
        return value == null || !value.isNumber() ? OptionalDouble.empty() : OptionalDouble.of(value.asDouble());
    }

    /** "boxed answer: 6765; final number: $1,638,616" or empty. */
    String extracted() {
        java.util.Set<String> distinct = new java.util.LinkedHashSet<>();
        for (JsonNode e : json.path("extracted")) {
            distinct.add(e.path("what").asText() + ": " + e.path("value").asText());
        }
        return String.join("; ", distinct);
    }

    void addExtraction(JsonNode extraction) {
        JsonNode list = json.get("extracted");
        if (list == null || !list.isArray()) {
            list = json.putArray("extracted");
        }
        ((com.fasterxml.jackson.databind.node.ArrayNode) list).add(extraction);
    }

    String source() {
        return replayed() ? "replayed" + (recordedAt().isEmpty() ? "" : " (recorded " + recordedAt() + ")") : "live";
    }
}
