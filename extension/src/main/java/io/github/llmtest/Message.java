package io.github.llmtest;

import java.util.Objects;

/**
 * One message of a chat: a role ({@code system}, {@code user}, {@code assistant} or {@code tool}) and its text.
 *
 * <pre>{@code
 * List<Message> messages = List.of(Message.system("Answer in one word."), Message.user("Capital of France?"));
 * }</pre>
 *
 * @param role    the speaker, lower case
 * @param content the text
 */
public record Message(String role, String content) {

    /**
     * Checks the parts.
     *
     * @param role    the speaker
     * @param content the text
     */
    public Message {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        if (role.isBlank()) {
            throw new IllegalArgumentException("A message needs a role such as 'user', 'system' or 'assistant'");
        }
    }

    /**
     * A system message.
     *
     * @param content the instructions
     * @return the message
     */
    public static Message system(String content) {
        return new Message("system", content);
    }

    /**
     * A user message.
     *
     * @param content the question
     * @return the message
     */
    public static Message user(String content) {
        return new Message("user", content);
    }

    /**
     * An assistant message, for few-shot examples or earlier turns.
     *
     * @param content the model's earlier answer
     * @return the message
     */
    public static Message assistant(String content) {
        return new Message("assistant", content);
    }
}
