package io.github.llmtest.internal.answer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.internal.Texts;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.llmtest.internal.fixture.Canonical;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON Schema validation through networknt's json-schema-validator, an optional dependency: the class is only
 * loaded once {@link #available()} said the library is there. Draft 2020-12 unless the schema's {@code $schema}
 * names another (draft 7, 2019-09, 6, 4). Numbers are bounded before they reach the validator, whose arithmetic on
 * {@code 1e999999} would run for minutes: none may take more than {@value #MAX_NUMBER_DIGITS} digits written out,
 * the bound the JSON reader puts on a number's text. Not API.
 */
public final class JsonSchemas {

    /** The dependency to add, for messages. */
    public static final String DEPENDENCY = "com.networknt:json-schema-validator:2.0.8";
    /** The most digits a number may take written out ({@code 1e999} takes 1,000), as the JSON reader's bound. */
    public static final int MAX_NUMBER_DIGITS = 1000;
    private static final int MAX_CACHED = 256;
    private static final int MAX_QUOTE = 300;
    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

    private JsonSchemas() {
    }

    /** @return whether networknt's validator is on the class path */
    public static boolean available() {
        try {
            Class.forName("com.networknt.schema.SchemaRegistry", false, JsonSchemas.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * @param schema   a JSON Schema
     * @param instance the JSON to check
     * @return every violation with the JSON Pointer of the value it is about ("{@code /amount}: string found, number
     *         expected", "(root): required property 'currency' not found"), in document order
     * @throws IllegalArgumentException when the schema itself cannot be used
     */
    public static List<String> violations(JsonNode schema, JsonNode instance) {
        oversizedNumber(schema).ifPresent(number -> {
            throw new IllegalArgumentException("the schema cannot be used: " + number);
        });
        Schema compiled = (Schema) CACHE.computeIfAbsent(Canonical.text(schema), k -> compile(schema));
        if (CACHE.size() > MAX_CACHED) {
            CACHE.clear();
        }
        List<Error> errors;
        try {
            errors = compiled.validate(instance);
        } catch (StackOverflowError e) {
            throw refLoop(e);
        } catch (RuntimeException e) {
            throw cannotUse(e);
        }
        List<String> out = new ArrayList<>();
        for (Error error : errors) {
            String location = String.valueOf(error.getInstanceLocation());
            String message = error.getMessage();
            String where = location.isEmpty() ? "(root)" : location;
            out.add(!location.isEmpty() && message.startsWith(location) ? message : where + ": " + message);
        }
        return out;
    }

    /**
     * @param json any JSON
     * @return the first number that takes more than {@link #MAX_NUMBER_DIGITS} digits written out, with its JSON
     *         Pointer and its value shortened ("{@code /x} is 1E+999999, which takes 1,000,000 digits …")
     */
    public static Optional<String> oversizedNumber(JsonNode json) {
        return oversized(json, "");
    }

    private static Optional<String> oversized(JsonNode node, String pointer) {
        if (node.isNumber()) {
            long digits = digits(node.decimalValue());
            return digits <= MAX_NUMBER_DIGITS ? Optional.empty() : Optional.of("the number at "
                    + (pointer.isEmpty() ? "(root)" : pointer) + ", " + Texts.head(node.decimalValue().toString(), 40)
                    + ", takes " + String.format(java.util.Locale.ROOT, "%,d", digits) + " digits written out, more "
                    + "than the " + String.format(java.util.Locale.ROOT, "%,d", MAX_NUMBER_DIGITS) + " llmtest lets "
                    + "reach the schema validator");
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                Optional<String> found = oversized(field.getValue(), pointer + "/"
                        + field.getKey().replace("~", "~0").replace("/", "~1"));
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> found = oversized(node.get(i), pointer + "/" + i);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The digits of a number written out without an exponent: 1e999 has 1,000, 1e-3 (0.001) has 4. */
    private static long digits(BigDecimal value) {
        long precision = value.precision();
        long scale = value.scale();
        return scale <= 0 ? precision - scale : Math.max(precision, scale + 1);
    }

    private static Schema compile(JsonNode schema) {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
        } catch (StackOverflowError e) {
            throw refLoop(e);
        } catch (RuntimeException e) {
            throw cannotUse(e);
        }
    }

    private static IllegalArgumentException cannotUse(RuntimeException e) {
        return new IllegalArgumentException("the schema cannot be used: " + Texts.head(String.valueOf(e.getMessage()),
                MAX_QUOTE) + " (" + e.getClass().getSimpleName() + ")", e);
    }

    private static IllegalArgumentException refLoop(StackOverflowError e) {
        return new IllegalArgumentException("the schema cannot be used: its $ref references lead back to themselves "
                + "without reaching a schema (a $ref loop); make each $ref end at a schema with content", e);
    }
}
