package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Jsons;

import java.io.IOException;
import java.util.Objects;

/**
 * A tool the model may call: a name, what it does, and its parameters as a JSON Schema object. Immutable.
 *
 * <pre>{@code
 * Tool rate = Tool.builder("get_rate")
 *         .description("The exchange rate from US dollars to a currency")
 *         .requiredParameter("currency", "string", "ISO 4217 code, such as EUR")
 *         .build();
 * Tool same = Tool.of("get_rate", "The exchange rate from US dollars to a currency",
 *         "{\"type\":\"object\",\"properties\":{\"currency\":{\"type\":\"string\"}},\"required\":[\"currency\"]}");
 * }</pre>
 */
public final class Tool {

    private final String name;
    private final String description;
    private final ObjectNode parameters;

    private Tool(String name, String description, ObjectNode parameters) {
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new IllegalArgumentException("A tool needs a name, such as get_rate");
        }
        this.name = name;
        this.description = Objects.requireNonNull(description, "description");
        this.parameters = parameters;
    }

    /**
     * @param name               the name the model calls it by
     * @param description        what it does, for the model
     * @param parametersSchemaJson its parameters, a JSON Schema object
     * @return the tool
     * @throws IllegalArgumentException when the schema is not a JSON object
     */
    public static Tool of(String name, String description, String parametersSchemaJson) {
        Objects.requireNonNull(parametersSchemaJson, "parametersSchemaJson");
        JsonNode schema;
        try {
            schema = Jsons.read(parametersSchemaJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("The parameters of tool " + name + " are not valid JSON: "
                    + e.getMessage(), e);
        }
        if (schema == null || !schema.isObject()) {
            throw new IllegalArgumentException("The parameters of tool " + name + " must be a JSON Schema object, "
                    + "such as {\"type\":\"object\",\"properties\":{...}}");
        }
        return new Tool(name, description, (ObjectNode) schema);
    }

    /**
     * @param name the name the model calls it by
     * @return a builder for a tool with object parameters
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return what it does */
    public String description() {
        return description;
    }

    /** @return its parameters, a JSON Schema object (a copy) */
    public ObjectNode parameters() {
        return parameters.deepCopy();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tool t && name.equals(t.name) && description.equals(t.description)
                && parameters.equals(t.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, description, parameters);
    }

    @Override
    public String toString() {
        return "Tool{" + name + ", parameters=" + parameters + "}";
    }

    /** Builds a tool whose parameters are an object of named, typed properties. */
    public static final class Builder {
        private final String name;
        private String description = "";
        private final ObjectNode parameters = Jsons.object().put("type", "object");
        private final ObjectNode properties = parameters.putObject("properties");
        private final ArrayNode required = parameters.putArray("required");

        private Builder(String name) {
            this.name = name;
        }

        /**
         * @param value what the tool does, for the model
         * @return this builder
         */
        public Builder description(String value) {
            description = Objects.requireNonNull(value, "description");
            return this;
        }

        /**
         * @param parameter   the parameter's name
         * @param type        its JSON type: {@code string}, {@code number}, {@code integer}, {@code boolean}…
         * @param description what it is, for the model
         * @return this builder
         */
        public Builder parameter(String parameter, String type, String description) {
            properties.putObject(Objects.requireNonNull(parameter, "parameter"))
                    .put("type", Objects.requireNonNull(type, "type"))
                    .put("description", Objects.requireNonNull(description, "description"));
            return this;
        }

        /**
         * Like {@link #parameter(String, String, String)}, for a parameter the model must give.
         *
         * @param parameter   the name
         * @param type        its JSON type
         * @param description what it is
         * @return this builder
         */
        public Builder requiredParameter(String parameter, String type, String description) {
            parameter(parameter, type, description);
            required.add(parameter);
            return this;
        }

        /** @return the tool */
        public Tool build() {
            ObjectNode schema = parameters.deepCopy();
            if (schema.path("required").isEmpty()) {
                schema.remove("required");
            }
            return new Tool(name, description, schema);
        }
    }
}
