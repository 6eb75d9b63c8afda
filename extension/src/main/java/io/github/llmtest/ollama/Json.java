package io.github.llmtest.ollama;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one Jackson configuration the client uses: tolerant of new fields, bounded nesting. */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
    }

    private Json() {
    }

    /** The fields every generation request ends with, in a fixed order: format, options, keep_alive, stream. */
    static ObjectNode finishRequest(ObjectNode node, Format format, Options options, KeepAlive keepAlive,
                                    boolean stream) {
        if (format != null) {
            node.set("format", format.toJson());
        }
        JsonNode optionsJson = options.toJson();
        if (!optionsJson.isEmpty()) {
            node.set("options", optionsJson);
        }
        if (keepAlive != null) {
            node.put("keep_alive", keepAlive.wireValue());
        }
        return node.put("stream", stream);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static Long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? null : value.asLong();
    }
}
