package io.github.llmtest.assertj;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.Format;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.Texts;
import io.github.llmtest.internal.answer.JsonSchemas;
import net.javacrumbs.jsonunit.JsonAssert;
import net.javacrumbs.jsonunit.core.Configuration;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractBigDecimalAssert;
import org.assertj.core.api.AbstractBooleanAssert;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Assertions on the JSON an answer holds, as {@code assertThat(answer).json()} found it: against a JSON Schema,
 * against expected JSON (key order and whitespace never matter), and on the values inside it.
 *
 * <pre>{@code
 * assertThat(answer).json().matchesSchema(format);                     // the schema the request sent
 * assertThat(answer).json().node("/final_amount").asNumber().isCloseTo(new BigDecimal("1638616.44"), within(ONE));
 * assertThat(answer).json().isEqualToJson("{\"currency\": \"USD\"}", JsonAnswerAssert.Compare.IGNORING_EXTRA_FIELDS);
 * }</pre>
 *
 * <p>Failure messages stay short whatever the size of the JSON: the JSON they show is cut to
 * {@value #MAX_SHOWN} characters, each schema violation to {@value #MAX_VIOLATION} and at most
 * {@value #MAX_VIOLATIONS} are listed, and the differences from expected JSON are cut to {@value #MAX_DIFFERENCES}.
 *
 * <p>Schema checks need networknt's validator on the test class path ({@code com.networknt:json-schema-validator:2.0.8},
 * test scope), an optional dependency of llmtest; without it, {@code matchesSchema} says so.
 */
public final class JsonAnswerAssert extends AbstractAssert<JsonAnswerAssert, JsonNode> {

    /** How {@link #isEqualToJson(String, Compare...)} relaxes the comparison. */
    public enum Compare {
        /** Fields the answer has and the expected JSON does not are allowed. */
        IGNORING_EXTRA_FIELDS,
        /** Arrays may hold their items in any order. */
        IGNORING_ARRAY_ORDER,
        /** Arrays may hold items the expected JSON does not. */
        IGNORING_EXTRA_ARRAY_ITEMS
    }

    /** The most characters of the JSON a failure message shows. */
    static final int MAX_SHOWN = Messages.TAIL;
    /** The most characters of one schema violation in a failure message. */
    static final int MAX_VIOLATION = 200;
    /** The most schema violations a failure message lists. */
    static final int MAX_VIOLATIONS = 10;
    /** The most characters of the differences from expected JSON in a failure message. */
    static final int MAX_DIFFERENCES = 1000;

    private final String where;

    JsonAnswerAssert(JsonNode actual, String where) {
        super(actual, JsonAnswerAssert.class);
        this.where = where;
        as("JSON at %s", where);
    }

    /**
     * Checks the JSON against a JSON Schema (draft 2020-12, or the draft its {@code $schema} names), listing every
     * violation with its path. A number in the JSON that takes more than 1,000 digits written out ({@code 1e999999})
     * fails the assertion before it reaches the validator.
     *
     * @param schemaJson the schema
     * @return this assertion
     * @throws IllegalArgumentException when the schema cannot be used: not JSON, a {@code $ref} that cannot be
     *                                  resolved or that leads back to itself
     */
    public JsonAnswerAssert matchesSchema(String schemaJson) {
        Objects.requireNonNull(schemaJson, "schemaJson");
        JsonNode schema;
        try {
            schema = Jsons.read(schemaJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("The schema is not valid JSON: " + e.getMessage(), e);
        }
        return matchesSchema(schema, "the schema");
    }

    /**
     * Checks the JSON against the schema a request asked the model for, so that the same schema is sent and
     * checked.
     *
     * @param format a {@link Format#schema(String)} format
     * @return this assertion
     * @throws IllegalArgumentException for {@link Format#json()}, which has no schema
     */
    public JsonAnswerAssert matchesSchema(Format format) {
        Objects.requireNonNull(format, "format");
        JsonNode schema = format.schema().orElseThrow(() -> new IllegalArgumentException(
                "Format.json() asks for any JSON and has no schema to check against; use Format.schema(...)"));
        return matchesSchema(schema, "the request's schema");
    }

    /**
     * Checks the JSON against a schema on the class path.
     *
     * @param resource such as {@code /schemas/interest.json}
     * @return this assertion
     */
    public JsonAnswerAssert matchesSchemaResource(String resource) {
        Objects.requireNonNull(resource, "resource");
        String path = resource.startsWith("/") ? resource : "/" + resource;
        try (InputStream in = JsonAnswerAssert.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No schema resource " + path + " on the class path (put it under "
                        + "src/test/resources" + path + ")");
            }
            return matchesSchema(Jsons.read(in.readAllBytes()), "the schema " + path);
        } catch (IOException e) {
            throw new IllegalArgumentException("The schema resource " + path + " is not valid JSON: " + e.getMessage(),
                    e);
        }
    }

    private JsonAnswerAssert matchesSchema(JsonNode schema, String which) {
        isNotNull();
        if (!JsonSchemas.available()) {
            throw new IllegalStateException("Checking JSON against a schema needs networknt's json-schema-validator on "
                    + "the test class path, an optional dependency of llmtest. Add " + JsonSchemas.DEPENDENCY
                    + " with test scope (Maven: <groupId>com.networknt</groupId> <artifactId>json-schema-validator"
                    + "</artifactId> <version>2.0.8</version> <scope>test</scope>).");
        }
        JsonSchemas.oversizedNumber(actual).ifPresent(number -> failWithMessage("%nExpecting the JSON at %s to match "
                + "%s, but %s.%nThe JSON:%n%s", where, which, number, shown(actual)));
        List<String> violations = JsonSchemas.violations(schema, actual);
        if (!violations.isEmpty()) {
            StringBuilder listed = new StringBuilder();
            violations.stream().limit(MAX_VIOLATIONS).forEach(v -> listed.append("\n  ")
                    .append(Texts.head(v, MAX_VIOLATION)));
            if (violations.size() > MAX_VIOLATIONS) {
                listed.append("\n  … and ").append(violations.size() - MAX_VIOLATIONS).append(" more");
            }
            failWithMessage("%nExpecting the JSON at %s to match %s, but it has %d violation(s):%s%nThe JSON:%n%s",
                    where, which, violations.size(), listed, shown(actual));
        }
        return this;
    }

    /** The JSON as a failure message shows it: pretty, cut to {@link #MAX_SHOWN} characters. */
    private static String shown(JsonNode json) {
        return Texts.clip(Jsons.pretty(json), MAX_SHOWN);
    }

    /**
     * Compares as JSON when given JSON text (a {@code String}) or a {@link JsonNode}, as
     * {@link #isEqualToJson(String, Compare...)} does; anything else is compared as AssertJ does.
     *
     * @param expected the expected JSON
     * @return this assertion
     */
    @Override
    public JsonAnswerAssert isEqualTo(Object expected) {
        if (expected instanceof String json) {
            return isEqualToJson(json);
        }
        if (expected instanceof JsonNode node) {
            return isEqualToJson(Jsons.compact(node));
        }
        return super.isEqualTo(expected);
    }

    /**
     * Checks the JSON against the expected JSON; key order, whitespace and the spelling of numbers ({@code 1.0} and
     * {@code 1}) never matter. The failure lists each difference with its path. {@code isEqualTo("…")} does the same
     * without options.
     *
     * @param expectedJson the expected JSON
     * @param options      how to relax the comparison
     * @return this assertion
     */
    public JsonAnswerAssert isEqualToJson(String expectedJson, Compare... options) {
        Objects.requireNonNull(expectedJson, "expectedJson");
        isNotNull();
        // numbers by value: 1, 1.0 and 1e0 are the same number
        Configuration configuration = Configuration.empty().withTolerance(java.math.BigDecimal.ZERO);
        for (Compare option : options) {
            configuration = configuration.withOptions(net.javacrumbs.jsonunit.core.Option.valueOf(option.name()));
        }
        String problem;
        try {
            // the tree itself, so that JsonUnit does not parse a large answer again under its own limits
            JsonAssert.assertJsonEquals(expectedJson, actual, configuration);
            return this;
        } catch (AssertionError e) {
            problem = String.valueOf(e.getMessage()).strip();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The expected JSON cannot be read: " + Texts.head(
                    String.valueOf(e.getMessage()), MAX_SHOWN), e);
        } catch (RuntimeException e) {
            problem = "they could not be compared: " + e;
        }
        failWithMessage("%nExpecting the JSON at %s to equal the expected JSON, but:%n%s", where,
                Texts.clip(problem, MAX_DIFFERENCES));
        return this;
    }

    /**
     * The value at a path inside the JSON, for further assertions.
     *
     * @param path a JSON Pointer ({@code /items/0/price}) or a dotted path ({@code items[0].price}, {@code $.items[0].price})
     * @return an assertion on the value
     * @throws AssertionError when there is no value at the path
     */
    public JsonAnswerAssert node(String path) {
        Objects.requireNonNull(path, "path");
        isNotNull();
        String pointer = pointer(path);
        JsonNode value = actual.at(JsonPointer.compile(pointer));
        if (value.isMissingNode()) {
            failWithMessage("%nExpecting a value at %s in the JSON at %s, but there is none.%nThe JSON:%n%s", path, where,
                    shown(actual));
        }
        return new JsonAnswerAssert(value, where + ", " + path);
    }

    /** @return a string assertion on a JSON string value */
    public AbstractStringAssert<?> asText() {
        isNotNull();
        if (!actual.isTextual()) {
            failWithMessage("%nExpecting a JSON string at %s, but it is %s", where, Texts.head(Jsons.compact(actual),
                    MAX_SHOWN));
        }
        return Assertions.assertThat(actual.asText()).as("JSON string at %s", where);
    }

    /** @return a {@link java.math.BigDecimal} assertion on a JSON number, exactly as written */
    public AbstractBigDecimalAssert<?> asNumber() {
        isNotNull();
        if (!actual.isNumber()) {
            failWithMessage("%nExpecting a JSON number at %s, but it is %s", where, Texts.head(Jsons.compact(actual),
                    MAX_SHOWN));
        }
        return Assertions.assertThat(actual.decimalValue()).as("JSON number at %s", where);
    }

    /** @return a boolean assertion on a JSON boolean */
    public AbstractBooleanAssert<?> asBoolean() {
        isNotNull();
        if (!actual.isBoolean()) {
            failWithMessage("%nExpecting a JSON boolean at %s, but it is %s", where, Texts.head(Jsons.compact(actual),
                    MAX_SHOWN));
        }
        return Assertions.assertThat(actual.booleanValue()).as("JSON boolean at %s", where);
    }

    /** "/a/b/0" stays; "a.b[0]" and "$.a.b[0]" become "/a/b/0". */
    static String pointer(String path) {
        if (path.isEmpty() || path.startsWith("/")) {
            return path;
        }
        String dotted = path.startsWith("$") ? path.substring(1) : path;
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < dotted.length(); i++) {
            char c = dotted.charAt(i);
            if (c == '.' || c == '[' || c == ']') {
                if (!token.isEmpty()) {
                    tokens.add(token.toString());
                    token.setLength(0);
                }
            } else {
                token.append(c);
            }
        }
        if (!token.isEmpty()) {
            tokens.add(token.toString());
        }
        StringBuilder out = new StringBuilder();
        tokens.forEach(t -> out.append('/').append(t.replace("~", "~0").replace("/", "~1")));
        return out.toString();
    }
}
