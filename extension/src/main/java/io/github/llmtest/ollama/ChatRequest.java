package io.github.llmtest.ollama;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to {@code POST /api/chat}. Immutable.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder("phi4")
 *         .system("Put the final answer in \\boxed{}.")
 *         .user("Find the 20th Fibonacci number.")
 *         .options(Options.builder().temperature(0).seed(42).build())
 *         .build();
 * }</pre>
 */
public final class ChatRequest {

    private final String model;
    private final List<Message> messages;
    private final Format format;
    private final Options options;
    private final KeepAlive keepAlive;

    private ChatRequest(Builder b) {
        model = requireModel(b.model);
        List<Message> all = new ArrayList<>();
        if (b.system != null) {
            all.add(Message.system(b.system));
        }
        all.addAll(b.messages);
        messages = List.copyOf(all);
        format = b.format;
        options = b.options;
        keepAlive = b.keepAlive;
    }

    static String requireModel(String model) {
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) {
            throw new IllegalArgumentException("A request needs a model name such as 'phi4'");
        }
        return model;
    }

    /**
     * Starts a request for a model.
     *
     * @param model the model name, for example {@code phi4} or {@code llama3.2:3b}
     * @return a builder
     */
    public static Builder builder(String model) {
        return new Builder(model);
    }

    /** @return the model name */
    public String model() {
        return model;
    }

    /** @return the messages, the system prompt first when one was given */
    public List<Message> messages() {
        return messages;
    }

    /** @return the options, possibly {@link Options#none()} */
    public Options options() {
        return options;
    }

    /** @return the output format, if one was asked for */
    public Optional<Format> format() {
        return Optional.ofNullable(format);
    }

    /** @return the keep-alive, if one was given */
    public Optional<KeepAlive> keepAlive() {
        return Optional.ofNullable(keepAlive);
    }

    /**
     * The JSON body this request is sent as.
     *
     * @param stream whether to ask for an NDJSON stream
     * @return a new JSON object
     */
    ObjectNode toJson(boolean stream) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("model", model);
        ArrayNode array = node.putArray("messages");
        for (Message message : messages) {
            array.addObject().put("role", message.role()).put("content", message.content());
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
        return "ChatRequest" + toJson();
    }

    /** Collects the parts of a chat request. */
    public static final class Builder {
        private final String model;
        private final List<Message> messages = new ArrayList<>();
        private String system;
        private Format format;
        private Options options = Options.none();
        private KeepAlive keepAlive;

        private Builder(String model) {
            this.model = model;
        }

        /**
         * @param prompt the system prompt, sent as the first message
         * @return this builder
         */
        public Builder system(String prompt) {
            system = Objects.requireNonNull(prompt, "prompt");
            return this;
        }

        /**
         * @param message a message to append
         * @return this builder
         */
        public Builder message(Message message) {
            messages.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        /**
         * @param all messages to append, in order
         * @return this builder
         */
        public Builder messages(List<Message> all) {
            all.forEach(this::message);
            return this;
        }

        /**
         * @param content a user message to append
         * @return this builder
         */
        public Builder user(String content) {
            return message(Message.user(content));
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
        public ChatRequest build() {
            return new ChatRequest(this);
        }
    }
}
