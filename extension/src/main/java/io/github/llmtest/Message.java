package io.github.llmtest;

import java.util.List;
import java.util.Objects;

/**
 * One message of a chat: a role ({@code system}, {@code user}, {@code assistant} or {@code tool}) and its text;
 * an assistant turn may carry the tool calls the model asked for, and a {@code tool} message answers one.
 *
 * <pre>{@code
 * List<Message> messages = List.of(Message.system("Answer in one word."), Message.user("Capital of France?"));
 * }</pre>
 *
 * @param role       the speaker, lower case
 * @param content    the text
 * @param toolCalls  the tool calls of an assistant turn, empty otherwise
 * @param toolCallId the id of the call a {@code tool} message answers (OpenAI), or null
 * @param toolName   the name of the tool a {@code tool} message answers for (Ollama), or null
 */
public record Message(String role, String content, List<ToolCall> toolCalls, String toolCallId, String toolName) {

    /** The roles a message may have. */
    public static final List<String> ROLES = List.of("system", "user", "assistant", "tool");

    /**
     * Checks the parts.
     *
     * @param role       the speaker
     * @param content    the text
     * @param toolCalls  the tool calls, or null for none
     * @param toolCallId the answered call's id, or null
     * @param toolName   the answered tool's name, or null
     */
    public Message {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("A message's role is one of " + ROLES + ", but was '" + role + "'");
        }
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /**
     * A message of text only.
     *
     * @param role    the speaker
     * @param content the text
     */
    public Message(String role, String content) {
        this(role, content, List.of(), null, null);
    }

    /**
     * An earlier assistant turn that asked for tools, to send back with the tools' results.
     *
     * @param content   what the model said besides (often empty)
     * @param toolCalls the calls it asked for
     * @return the message
     */
    public static Message assistant(String content, List<ToolCall> toolCalls) {
        return new Message("assistant", content, toolCalls, null, null);
    }

    /**
     * The result of a tool call, for the model's next turn.
     *
     * @param call   the call it answers
     * @param result what the tool returned, usually JSON text
     * @return the message
     */
    public static Message toolResult(ToolCall call, String result) {
        Objects.requireNonNull(call, "call");
        return new Message("tool", result, List.of(), call.id(), call.name());
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
