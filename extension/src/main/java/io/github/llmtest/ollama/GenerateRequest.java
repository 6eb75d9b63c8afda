package io.github.llmtest.ollama;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.Optional;

/**
 * A request to {@code POST /api/generate}: one prompt, optionally a system prompt. Immutable.
 *
 * <pre>{@code
 * GenerateRequest request = GenerateRequest.builder("phi4", "Why is the sky blue?")
 *         .options(Options.builder().temperature(0).build())
 *         .build();
 * }</pre>
 */
public final class GenerateRequest {

    private final String model;
    private final String prompt;
    private final String system;
    private final Format format;
    private final Options options;
    private final KeepAlive keepAlive;

    private GenerateRequest(Builder b) {
        model = ChatRequest.requireModel(b.model);
        prompt = Objects.requireNonNull(b.prompt, "prompt");
        system = b.system;
        format = b.format;
        options = b.options;
        keepAlive = b.keepAlive;
    }

    /**
     * Starts a request.
     *
     * @param model  the model name
     * @param prompt the prompt; empty only loads the model
     * @return a builder
     */
    public static Builder builder(String model, String prompt) {
        return new Builder(model, prompt);
    }

    /** @return the model name */
    public String model() {
        return model;
    }

    /** @return the prompt */
    public String prompt() {
        return prompt;
    }

    /** @return the system prompt, if given */
    public Optional<String> system() {
        return Optional.ofNullable(system);
    }

    /** @return the options */
    public Options options() {
        return options;
    }

    ObjectNode toJson(boolean stream) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("model", model);
        node.put("prompt", prompt);
        if (system != null) {
            node.put("system", system);
        }
        return Json.finishRequest(node, format, options, keepAlive, stream);
    }

    /**
     * The body as it is sent with {@code stream: true}, for logs and fixtures.
     *
     * @return compact JSON
     */
    public String toJson() {
        return toJson(true).toString();
    }

    @Override
    public String toString() {
        return "GenerateRequest" + toJson();
    }

    /** Collects the parts of a generate request. */
    public static final class Builder {
        private final String model;
        private final String prompt;
        private String system;
        private Format format;
        private Options options = Options.none();
        private KeepAlive keepAlive;

        private Builder(String model, String prompt) {
            this.model = model;
            this.prompt = prompt;
        }

        /**
         * @param value the system prompt, overriding the model's
         * @return this builder
         */
        public Builder system(String value) {
            system = value;
            return this;
        }

        /**
         * @param value JSON mode or a JSON Schema
         * @return this builder
         */
        public Builder format(Format value) {
            format = value;
            return this;
        }

        /**
         * @param value the options to send
         * @return this builder
         */
        public Builder options(Options value) {
            options = Objects.requireNonNull(value, "options");
            return this;
        }

        /**
         * @param value how long the model stays loaded afterwards
         * @return this builder
         */
        public Builder keepAlive(KeepAlive value) {
            keepAlive = value;
            return this;
        }

        /** @return the request */
        public GenerateRequest build() {
            return new GenerateRequest(this);
        }
    }
}
