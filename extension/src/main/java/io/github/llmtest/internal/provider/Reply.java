package io.github.llmtest.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a provider writes its answer to an application's request through {@code LlmServer}: whole or streamed, in
 * the provider's own protocol. Writing to a client that went away throws an unchecked exception of the server's.
 */
public interface Reply {

    /** JSON, UTF-8. */
    String JSON = "application/json; charset=utf-8";

    /**
     * Sends a whole body.
     *
     * @param status      the HTTP status
     * @param contentType the content type
     * @param body        the bytes
     */
    void send(int status, String contentType, byte[] body);

    /**
     * Sends a JSON body.
     *
     * @param status the HTTP status
     * @param body   the JSON
     */
    void sendJson(int status, JsonNode body);

    /**
     * Sends a plain text body.
     *
     * @param status the HTTP status
     * @param text   the text
     */
    void sendText(int status, String text);

    /**
     * Starts a streamed (chunked) response.
     *
     * @param status      the HTTP status
     * @param contentType the content type
     */
    void startStream(int status, String contentType);

    /**
     * Writes and flushes one piece of a streamed response.
     *
     * @param piece the piece
     */
    void write(String piece);

    /** Ends a streamed response. */
    void endStream();
}
