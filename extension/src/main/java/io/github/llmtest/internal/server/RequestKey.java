package io.github.llmtest.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.provider.ProviderTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The canonical form of a request an application sent, from which its key is derived: the endpoint, and the body
 * without what clients add and vary but what does not change the answer. Left out: {@code stream} (one recording
 * serves streamed and whole requests), {@code keep_alive}, {@code stream_options}, null values, empty
 * {@code stop}, {@code tools}, {@code images} and {@code tool_calls} arrays, and an {@code options} object left
 * empty; and the fields the test names to ignore, whose values become {@value #IGNORED}.
 */
final class RequestKey {

    static final String IGNORED = "<ignored>";
    private static final Set<String> DROPPED = Set.of("stream", "keep_alive", "stream_options");
    private static final Set<String> EMPTY_DROPPED = Set.of("stop", "tools", "images", "tool_calls");

    private RequestKey() {
    }

    /**
     * @param endpoint the endpoint
     * @param body     the request body
     * @param ignored  JSON pointers into the body, {@code *} standing for any name or index
     * @return the canonical request, without its occurrence
     */
    static ObjectNode canonical(ProviderTypes.Endpoint endpoint, JsonNode body, List<String> ignored) {
        ObjectNode canonical = Jsons.object().put("endpoint", endpoint.route().path());
        endpoint.type().mark(canonical);
        ObjectNode copy = body.deepCopy();
        DROPPED.forEach(copy::remove);
        clean(copy);
        for (String pointer : ignored) {
            ignore(copy, tokens(pointer), 0);
        }
        canonical.setAll(copy);
        return canonical;
    }

    private static void clean(JsonNode node) {
        if (node.isObject()) {
            List<String> removed = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode value = field.getValue();
                clean(value);
                if (value.isNull() || value.isArray() && value.isEmpty() && EMPTY_DROPPED.contains(field.getKey())
                        || value.isObject() && value.isEmpty() && field.getKey().equals("options")) {
                    removed.add(field.getKey());
                }
            }
            ((ObjectNode) node).remove(removed);
        } else if (node.isArray()) {
            node.forEach(RequestKey::clean);
        }
    }

    private static List<String> tokens(String pointer) {
        List<String> tokens = new ArrayList<>();
        for (String token : pointer.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static void ignore(JsonNode node, List<String> tokens, int at) {
        String token = tokens.get(at);
        boolean last = at == tokens.size() - 1;
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            if (token.equals("*")) {
                object.fieldNames().forEachRemaining(names::add);
            } else if (object.has(token)) {
                names.add(token);
            }
            for (String name : names) {
                if (last) {
                    object.put(name, IGNORED);
                } else {
                    ignore(object.get(name), tokens, at + 1);
                }
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                if (token.equals("*") || token.equals(String.valueOf(i))) {
                    if (last) {
                        array.set(i, array.textNode(IGNORED));
                    } else {
                        ignore(array.get(i), tokens, at + 1);
                    }
                }
            }
        }
    }
}
