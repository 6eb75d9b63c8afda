package io.github.llmtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A chat request for {@link Llm#chat(LlmRequest)}: a system prompt, messages, options that override the client's,
 * and an output format. Immutable.
 *
 * <pre>{@code
 * LlmRequest request = LlmRequest.builder()
 *         .system("Reason step by step and put the final answer in \\boxed{}.")
 *         .user("What is 17 * 23?")
 *         .options(Options.builder().numPredict(512).build())
 *         .build();
 * }</pre>
 *
 * <p>A tool loop: offer tools, run the tool the model asked for, send its result, read the final answer.
 *
 * <pre>{@code
 * LlmRequest.Builder turn = LlmRequest.builder().user("How many euros is 100 dollars?").tools(rateTool);
 * LlmAnswer first = llm.chat(turn.build());
 * ToolCall call = first.toolCalls().get(0);
 * LlmAnswer last = llm.chat(turn.assistant(first).toolResult(call, "{\"rate\": 0.92}").build());
 * }</pre>
 */
public final class LlmRequest {

    private final String system;
    private final List<Message> messages;
    private final Options options;
    private final Format format;
    private final List<Tool> tools;

    /** The longest message llmtest sends: far beyond any context window in characters. */
    public static final int MAX_MESSAGE_CHARS = 1_000_000;
    /** The most characters all messages of a request may have together. */
    public static final int MAX_REQUEST_CHARS = 4_000_000;

    private LlmRequest(Builder b) {
        if (b.messages.isEmpty()) {
            throw new IllegalArgumentException("An LlmRequest needs at least one message; add one with user(...)");
        }
        long total = b.system == null ? 0 : b.system.length();
        for (Message m : b.messages) {
            if ((m.role().equals("user") || m.role().equals("system")) && m.content().isBlank()) {
                throw new IllegalArgumentException("A " + m.role() + " message is blank: there is nothing to ask");
            }
            if (m.content().length() > MAX_MESSAGE_CHARS) {
                throw new IllegalArgumentException("A " + m.role() + " message has " + m.content().length()
                        + " characters, more than the " + MAX_MESSAGE_CHARS + " llmtest sends in one message");
            }
            total += m.content().length();
        }
        if (b.system != null && b.system.isBlank()) {
            throw new IllegalArgumentException("The system prompt is blank; leave it out instead");
        }
        if (total > MAX_REQUEST_CHARS) {
            throw new IllegalArgumentException("The request has " + total + " characters, more than the "
                    + MAX_REQUEST_CHARS + " llmtest sends in one request");
        }
        system = b.system;
        messages = List.copyOf(b.messages);
        options = b.options;
        format = b.format;
        tools = List.copyOf(b.tools);
    }

    /**
     * A request with one user message.
     *
     * @param prompt the question
     * @return the request
     */
    public static LlmRequest of(String prompt) {
        return builder().user(prompt).build();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the system prompt, if any */
    public Optional<String> system() {
        return Optional.ofNullable(system);
    }

    /** @return the messages after the system prompt */
    public List<Message> messages() {
        return messages;
    }

    /** @return options that override the client's for this request */
    public Options options() {
        return options;
    }

    /** @return the output format, if any */
    public Optional<Format> format() {
        return Optional.ofNullable(format);
    }

    /** @return the tools the model may call, in order */
    public List<Tool> tools() {
        return tools;
    }

    /** @return the content of the last user message */
    public String lastUserMessage() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).content();
            }
        }
        return messages.get(messages.size() - 1).content();
    }

    /** Collects the parts of a request. */
    public static final class Builder {
        private String system;
        private final List<Message> messages = new ArrayList<>();
        private Options options = Options.none();
        private Format format;
        private final List<Tool> tools = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param prompt the system prompt
         * @return this builder
         */
        public Builder system(String prompt) {
            system = Objects.requireNonNull(prompt, "prompt");
            return this;
        }

        /**
         * @param content a user message
         * @return this builder
         */
        public Builder user(String content) {
            return message(Message.user(content));
        }

        /**
         * @param content an earlier answer of the model, for multi-turn or few-shot prompts
         * @return this builder
         */
        public Builder assistant(String content) {
            return message(Message.assistant(content));
        }

        /**
         * The model's earlier turn, with the tool calls it asked for, to continue a tool loop.
         *
         * @param answer the answer of the earlier turn
         * @return this builder
         */
        public Builder assistant(LlmAnswer answer) {
            Objects.requireNonNull(answer, "answer");
            return message(Message.assistant(answer.text(), answer.toolCalls()));
        }

        /**
         * A tool's result, for the model's next turn.
         *
         * @param call   the call it answers
         * @param result what the tool returned, usually JSON text
         * @return this builder
         */
        public Builder toolResult(ToolCall call, String result) {
            return message(Message.toolResult(call, result));
        }

        /**
         * @param value tools the model may call
         * @return this builder
         */
        public Builder tools(Tool... value) {
            for (Tool tool : value) {
                tools.add(Objects.requireNonNull(tool, "tool"));
            }
            return this;
        }

        /**
         * @param message any message
         * @return this builder
         */
        public Builder message(Message message) {
            messages.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        /**
         * Adds messages in order, such as a dataset case's conversation:
         * {@code LlmRequest.builder().messages(c.messages()).build()}.
         *
         * @param list the messages
         * @return this builder
         */
        public Builder messages(List<Message> list) {
            Objects.requireNonNull(list, "messages").forEach(this::message);
            return this;
        }

        /**
         * @param value options that override the client's
         * @return this builder
         */
        public Builder options(Options value) {
            options = Objects.requireNonNull(value, "options");
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

        /** @return the request */
        public LlmRequest build() {
            return new LlmRequest(this);
        }
    }
}
