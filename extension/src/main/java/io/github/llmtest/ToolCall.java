package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * A tool the model asked to call, the same whatever the server: Ollama sends the arguments as a JSON object,
 * OpenAI-compatible servers as a JSON string; both come out as a {@link JsonNode}.
 *
 * <pre>{@code
 * ToolCall call = answer.toolCalls().get(0);
 * String currency = call.arguments().path("currency").asText();
 * }</pre>
 *
 * @param id        the call's id where the server gives one (OpenAI always does), else null
 * @param name      the tool's name
 * @param arguments the arguments, usually an object; an argument string that is not JSON is kept as a text node
 */
public record ToolCall(String id, String name, JsonNode arguments) {

    /**
     * Checks the parts.
     *
     * @param id        the id or null
     * @param name      the name
     * @param arguments the arguments
     */
    public ToolCall {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
    }
}
