package io.github.llmtest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one Jackson configuration of the library: tolerant of fields it does not know, bounded nesting and string
 * length, and one pretty printer with a fixed layout for files people read in code review.
 */
public final class Jsons {

    /** Nothing llmtest reads nests deeper than a handful of levels; deeper input is corrupt or hostile. */
    public static final int MAX_NESTING = 64;
    /** The longest string value read: large enough for any answer a fixture may hold. */
    public static final int MAX_STRING = 64 * 1024 * 1024;

    /** The shared mapper; thread-safe once configured. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Two-space indentation, one value per line, so that diffs of fixture and report files stay small. */
    public static final ObjectWriter PRETTY;

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING).maxStringLength(MAX_STRING).build());
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        PRETTY = MAPPER.writer(printer);
    }

    private Jsons() {
    }

    /** @return a new empty object node */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Reads JSON text.
     *
     * @param text the text
     * @return the tree
     * @throws JsonProcessingException when the text is not JSON
     */
    public static JsonNode read(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    /**
     * Writes a tree with {@link #PRETTY} and a final newline.
     *
     * @param node the tree
     * @return the text
     */
    public static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /**
     * The text of a field, or {@code null} when it is absent or JSON {@code null}.
     *
     * @param node  an object
     * @param field the field name
     * @return the text or null
     */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * A numeric field as a long, or {@code null} when it is absent or not a number.
     *
     * @param node  an object
     * @param field the field name
     * @return the value or null
     */
    public static Long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? null : value.asLong();
    }
}
