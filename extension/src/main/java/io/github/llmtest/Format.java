package io.github.llmtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.internal.Jsons;

import java.util.Objects;
import java.util.Optional;

/**
 * The output format a request asks for: plain JSON mode, or a JSON Schema the answer must follow (Ollama's
 * structured outputs).
 *
 * <pre>{@code
 * Format.json();
 * Format.schema("{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"integer\"}},\"required\":[\"answer\"]}");
 * }</pre>
 */
public final class Format {

    private static final Format JSON = new Format(null);

    /** The schema, or null for plain JSON mode. */
    private final JsonNode schema;

    private Format(JsonNode schema) {
        this.schema = schema;
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
            node = Jsons.read(jsonSchema);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The JSON Schema is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("A JSON Schema format must be a JSON object, for example "
                    + "{\"type\":\"object\"}, but was: " + jsonSchema);
        }
        return new Format(node);
    }

    /** @return the JSON Schema (a copy), or empty for plain JSON mode */
    public Optional<JsonNode> schema() {
        return Optional.ofNullable(schema).map(JsonNode::deepCopy);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Format that && Objects.equals(schema, that.schema);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(schema);
    }

    /** @return {@code "json"} or the schema as JSON text */
    @Override
    public String toString() {
        return schema == null ? "\"json\"" : schema.toString();
    }
}
