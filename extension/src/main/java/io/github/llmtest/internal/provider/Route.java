package io.github.llmtest.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One endpoint of a provider's API whose answers {@code LlmServer} records and replays, such as Ollama's
 * {@code /api/chat}: how to tell a streamed request, what to send upstream, how to read the answer while passing it
 * on, and how to answer from a recording in the provider's own shapes.
 */
public interface Route {

    /** What an endpoint answers with. */
    enum Kind {
        /** a chat answer: text, reasoning, tool calls */
        CHAT,
        /** a completion of a prompt: text and reasoning */
        GENERATE,
        /** vectors, recorded as the whole body */
        EMBED
    }

    /** @return the path, such as {@code /api/chat} */
    String path();

    /** @return what it answers with */
    Kind kind();

    /**
     * @param body the request body
     * @return whether the client asked for a streamed answer
     */
    boolean streams(JsonNode body);

    /**
     * The body to send upstream: the application's, or one that asks for what a recording keeps (OpenAI's usage
     * chunk), which {@link #relay} then keeps from the application.
     *
     * @param body the request body as JSON
     * @param raw  the request body as it came
     * @return the body to send
     */
    default byte[] upstreamBody(JsonNode body, byte[] raw) {
        return raw;
    }

    /**
     * @param contentType the upstream response's content type
     * @param request     the request body
     * @return the reader of a streamed answer of this content type, or null when the answer is one body
     */
    Relay relay(String contentType, JsonNode request);

    /**
     * Reads an answer sent whole.
     *
     * @param json      the response body
     * @param wallNanos how long it took
     * @return the answer
     * @throws Relay.Unrecordable when the answer cannot be recorded
     */
    LiveAnswer readWhole(JsonNode json, long wallNanos);

    /**
     * Answers from a recording, streamed or whole as the client asked, in the provider's shapes.
     *
     * @param recorded the recording
     * @param request  the request body
     * @param reply    where to write
     */
    void replay(Recording recorded, JsonNode request, Reply reply);

    /**
     * The vectors of an embeddings answer ({@link Kind#EMBED}), in the order of the inputs.
     *
     * @param body the whole response, as recorded
     * @return one vector per input
     * @throws Relay.Unrecordable when the body holds no vectors in this provider's shape
     */
    default java.util.List<float[]> vectors(JsonNode body) {
        throw new Relay.Unrecordable(path() + " does not answer with vectors");
    }
}
