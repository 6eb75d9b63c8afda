package io.github.llmtest.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.llmtest.Tool;
import io.github.llmtest.ToolCall;
import io.github.llmtest.internal.Jsons;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Tools and tool calls on the wire, where Ollama and OpenAI agree (the {@code tools} array) and where they do not
 * (arguments as an object or as a JSON string). Not API.
 */
public final class ToolWire {

    private ToolWire() {
    }

    /**
     * @param tools the tools of a request
     * @return the {@code tools} array both APIs take: {@code [{"type":"function","function":{name, description,
     *         parameters}}]}
     */
    public static ArrayNode tools(List<Tool> tools) {
        ArrayNode array = Jsons.array();
        for (Tool tool : tools) {
            ObjectNode function = array.addObject().put("type", "function").putObject("function");
            function.put("name", tool.name()).put("description", tool.description()).set("parameters",
                    tool.parameters());
        }
        return array;
    }

    /**
     * Reads the tool calls a server returned or a fixture holds, in either provider's shape.
     *
     * @param calls {@code [{"id"?, "function": {"name", "arguments": {...} or "..."}}]}, or null
     * @return the calls, arguments always as JSON
     */
    public static List<ToolCall> read(JsonNode calls) {
        List<ToolCall> out = new ArrayList<>();
        if (calls == null || !calls.isArray()) {
            return out;
        }
        for (JsonNode call : calls) {
            JsonNode function = call.path("function");
            JsonNode arguments = function.path("arguments");
            out.add(new ToolCall(Jsons.text(call, "id"), function.path("name").asText(""), arguments(arguments)));
        }
        return out;
    }

    private static JsonNode arguments(JsonNode arguments) {
        if (arguments.isTextual()) {
            String text = arguments.asText();
            if (text.isBlank()) {
                return Jsons.object();
            }
            try {
                JsonNode parsed = Jsons.read(text);
                return parsed == null ? TextNode.valueOf(text) : parsed;
            } catch (IOException e) {
                return TextNode.valueOf(text); // kept as the model wrote it
            }
        }
        return arguments.isMissingNode() || arguments.isNull() ? Jsons.object() : arguments.deepCopy();
    }

    /**
     * @param call a tool call
     * @return its arguments as OpenAI sends them: a JSON string
     */
    public static String argumentsText(ToolCall call) {
        return call.arguments().isTextual() ? call.arguments().asText() : Jsons.compact(call.arguments());
    }
}
