package io.github.llmtest.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The one JSON configuration of the library: bounded nesting and string length, strict reading (nothing may follow
 * the value), and one pretty printer with a fixed layout for files people read in code review.
 *
 * <p>Trees are read and written with Jackson's streaming parser and generator and built from
 * {@link JsonNodeFactory}: the node types an {@link ObjectMapper} produces, without building one. A mapper takes a
 * fifth of a second to create in a cold JVM, which every replayed suite would pay on its first call.
 */
public final class Jsons {

    /** Nothing llmtest reads nests deeper than a handful of levels; deeper input is corrupt or hostile. */
    public static final int MAX_NESTING = 64;
    /** The longest string value read: large enough for any answer a fixture may hold. */
    public static final int MAX_STRING = 64 * 1024 * 1024;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING).maxStringLength(MAX_STRING).build())
            .build();
    /** The same, refusing a key that appears twice in one object: for JSON whose meaning must be unambiguous. */
    private static final JsonFactory NO_DUPLICATES = FACTORY.rebuild()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private Jsons() {
    }

    /** @return a new empty object node */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** @return a new empty array node */
    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /**
     * Reads JSON text: one value, then nothing but white space. Empty text is the missing node.
     *
     * @param text the text
     * @return the tree
     * @throws JsonProcessingException when the text is not JSON, nests too deep or has content after the value
     */
    public static JsonNode read(String text) throws JsonProcessingException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return read(parser);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    /**
     * Reads JSON text like {@link #read(String)}, refusing an object that has the same key twice
     * ({@code {"a": 1, "a": 2}}), which readers take differently.
     *
     * @param text the text
     * @return the tree
     * @throws JsonProcessingException as {@link #read(String)} does, and for a duplicate key ("Duplicate field 'a'",
     *                                 with its location)
     */
    public static JsonNode readWithoutDuplicates(String text) throws JsonProcessingException {
        try (JsonParser parser = NO_DUPLICATES.createParser(text)) {
            return read(parser);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    /**
     * Reads UTF-8 JSON bytes, like {@link #read(String)}.
     *
     * @param bytes the bytes
     * @return the tree
     * @throws IOException when the bytes are not JSON
     */
    public static JsonNode read(byte[] bytes) throws IOException {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            return read(parser);
        }
    }

    private static JsonNode read(JsonParser parser) throws IOException {
        if (parser.nextToken() == null) {
            return MissingNode.getInstance();
        }
        JsonNode value = value(parser);
        JsonToken after = parser.nextToken();
        if (after != null) {
            throw new JsonParseException(parser, "Trailing token (of type " + after + ") found after value");
        }
        return value;
    }

    /** The value at the parser's current token; the parser's constraints bound the nesting, so the recursion. */
    private static JsonNode value(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT:
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, value(parser));
                }
                return object;
            case START_ARRAY:
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser));
                }
                return array;
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                double d = parser.getDoubleValue();
                return Double.isInfinite(d) ? NODES.numberNode(parser.getDecimalValue()) : NODES.numberNode(d);
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new JsonParseException(parser, "Unexpected token (" + parser.currentToken() + ")");
        }
    }

    /**
     * Writes a tree on one line, as {@link JsonNode#toString()} does, without building a mapper.
     *
     * @param node the tree
     * @return the text
     */
    public static String compact(JsonNode node) {
        return write(node, false);
    }

    /**
     * Writes a tree with two-space indentation, one value per line, and a final newline, so that diffs of fixture
     * and report files stay small.
     *
     * @param node the tree
     * @return the text
     */
    public static String pretty(JsonNode node) {
        return write(node, true) + "\n";
    }

    /**
     * A pretty printer with the layout of {@link #pretty}, for a generator that changes it for some values
     * ({@code OneLineValues} of the run report).
     *
     * @return a new printer
     */
    public static DefaultPrettyPrinter prettyPrinter() {
        return PRETTY.createInstance();
    }

    /**
     * A generator writing to {@code out} compactly, as {@link #compact} does, with nothing between values written
     * at its top level (the caller separates them).
     *
     * @param out where the text goes; closing the generator does not close it
     * @return the generator
     * @throws IOException when it cannot be created
     */
    public static JsonGenerator compactGenerator(java.io.Writer out) throws IOException {
        JsonGenerator generator = FACTORY.createGenerator(out);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        generator.setRootValueSeparator(null);
        return generator;
    }

    /**
     * A generator writing to {@code out} with the layout of {@link #pretty}: for files too large to build whole.
     *
     * @param out where the text goes; closing the generator does not close it
     * @return the generator
     * @throws IOException when it cannot be created
     */
    public static JsonGenerator prettyGenerator(java.io.Writer out) throws IOException {
        JsonGenerator generator = FACTORY.createGenerator(out);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        generator.setPrettyPrinter(PRETTY.createInstance());
        return generator;
    }

    /**
     * Writes a tree as the next value of a generator, as {@link #pretty} lays it out.
     *
     * @param node the tree
     * @param out  the generator
     * @throws IOException when writing fails
     */
    public static void writeTree(JsonNode node, JsonGenerator out) throws IOException {
        write(node, out);
    }

    /**
     * The text {@link #pretty} writes for {@code node} as an item of an array nested {@code depth} levels deep (a
     * field of the top-level object is at depth 1, an item of an array held by such a field at depth 2), with the
     * line break and indentation written before it, but not the comma between items. A writer of a long array can
     * so learn what each item adds to the file without writing the whole file: the file grows by this text and one
     * comma per further item.
     *
     * @param node  the item
     * @param depth how deep the array holding it is nested, at least 1
     * @return the item's text in the file
     */
    public static String prettyItem(JsonNode node, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("an item is at depth 1 or deeper, not " + depth);
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.setPrettyPrinter(PRETTY.createInstance());
            // both indenters are the same, so arrays stand for the objects around the item
            for (int i = 0; i < depth; i++) {
                generator.writeStartArray();
            }
            generator.flush();
            int start = out.getBuffer().length();
            write(node, generator);
            generator.flush();
            return out.getBuffer().substring(start);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
    }

    private static String write(JsonNode node, boolean pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            if (pretty) {
                generator.setPrettyPrinter(PRETTY.createInstance());
            }
            write(node, generator);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return out.toString();
    }

    private static void write(JsonNode node, JsonGenerator out) throws IOException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.writeNull();
        } else if (node.isObject()) {
            out.writeStartObject();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                out.writeFieldName(field.getKey());
                write(field.getValue(), out);
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode item : node) {
                write(item, out);
            }
            out.writeEndArray();
        } else if (node.isTextual()) {
            out.writeString(node.textValue());
        } else if (node.isBoolean()) {
            out.writeBoolean(node.booleanValue());
        } else {
            number(node, out);
        }
    }

    private static void number(JsonNode node, JsonGenerator out) throws IOException {
        if (node.isInt() || node.isShort()) {
            out.writeNumber(node.intValue());
        } else if (node.isLong()) {
            out.writeNumber(node.longValue());
        } else if (node.isBigInteger()) {
            out.writeNumber(node.bigIntegerValue());
        } else if (node.isBigDecimal()) {
            out.writeNumber(node.decimalValue());
        } else if (node.isFloat()) {
            out.writeNumber(node.floatValue());
        } else if (node.isNumber()) {
            out.writeNumber(node.doubleValue());
        } else {
            // binary and POJO nodes are never built by llmtest; their text is the closest honest form
            out.writeString(node.asText());
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
