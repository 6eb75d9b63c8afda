package io.github.llmtest.ollama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * The {@code format} field of a request: plain JSON mode or a JSON Schema the answer must follow.
 *
 * <pre>{@code
 * Format.json();
 * Format.schema("{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"integer\"}},\"required\":[\"answer\"]}");
 * }</pre>
 */
public final class Format {

    private static final Format JSON = new Format(Json.MAPPER.getNodeFactory().textNode("json"));

    private final JsonNode value;

    private Format(JsonNode value) {
        this.value = value;
    }

    /**
     * JSON mode: the model must answer with a JSON value.
     *
     * @return the {@code "json"} format
     */
    public static Format json() {
        return JSON;
    }

    /**
     * Structured output: the answer must match this JSON Schema.
     *
     * @param jsonSchema a JSON Schema object, as text
     * @return the format
     * @throws IllegalArgumentException if the text is not a JSON object
     */
    public static Format schema(String jsonSchema) {
        Objects.requireNonNull(jsonSchema, "jsonSchema");
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(jsonSchema);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The JSON Schema is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("A JSON Schema format must be a JSON object, for example "
                    + "{\"type\":\"object\"}, but was: " + jsonSchema);
        }
        return new Format(node);
    }

    JsonNode toJson() {
        return value.deepCopy();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Format that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
