package io.github.llmtest.internal.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.llmtest.internal.fixture.Canonical;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON Schema validation through networknt's json-schema-validator, an optional dependency: the class is only
 * loaded once {@link #available()} said the library is there. Draft 2020-12 unless the schema's {@code $schema}
 * names another (draft 7, 2019-09, 6, 4). Not API.
 */
public final class JsonSchemas {

    /** The dependency to add, for messages. */
    public static final String DEPENDENCY = "com.networknt:json-schema-validator:2.0.8";
    private static final int MAX_CACHED = 256;
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
        Schema compiled = (Schema) CACHE.computeIfAbsent(Canonical.text(schema), k -> compile(schema));
        if (CACHE.size() > MAX_CACHED) {
            CACHE.clear();
        }
        List<String> out = new ArrayList<>();
        for (Error error : compiled.validate(instance)) {
            String location = String.valueOf(error.getInstanceLocation());
            String message = error.getMessage();
            String where = location.isEmpty() ? "(root)" : location;
            out.add(!location.isEmpty() && message.startsWith(location) ? message : where + ": " + message);
        }
        return out;
    }

    private static Schema compile(JsonNode schema) {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the schema cannot be used: " + e.getMessage(), e);
        }
    }
}
