package io.github.llmtest.internal.ollama;

import io.github.llmtest.internal.provider.ProviderException;

/**
 * A call to Ollama that did not produce an answer. {@link #kind()} says what went wrong; the message names the
 * URL, the cause and what to do about it.
 *
 * <pre>{@code
 * try {
 *     client.chat(request);
 * } catch (OllamaException e) {
 *     if (e.kind() == OllamaException.Kind.MODEL_NOT_FOUND) { ... }
 * }
 * }</pre>
 */
public final class OllamaException extends ProviderException {

    private static final long serialVersionUID = 1L;

    /** The distinct ways a call can fail. */
    public enum Kind {
        /** Nothing answered at the URL: connection refused, unknown host, network unreachable. */
        UNREACHABLE,
        /** The server answered 404 for the model: it is not pulled. */
        MODEL_NOT_FOUND,
        /** The server answered 503 (busy) on every try. */
        BUSY,
        /** The server rejected the request (400), for example an option the model does not support. */
        BAD_REQUEST,
        /** The server failed (500), for example a bad option type or a runner crash. */
        SERVER_ERROR,
        /** Any other HTTP status, for example 403 from a server bound to loopback or 404 for an unknown path. */
        HTTP_ERROR,
        /** The server sent an error line in the middle of a stream; {@link #partialText()} has what came before. */
        STREAM_ERROR,
        /** The body ended without the final {@code done: true} object. */
        INCOMPLETE_STREAM,
        /** The connection broke while the body was being read. */
        CONNECTION_LOST,
        /** The body was not the JSON Ollama sends. */
        MALFORMED_RESPONSE,
        /** A connect, idle-read or overall call timeout ran out. */
        TIMEOUT,
        /** The calling thread was interrupted while waiting. */
        INTERRUPTED
    }

    /** What went wrong. */
    private final Kind kind;

    OllamaException(Kind kind, String url, Integer status, String message, String partialText, Throwable cause) {
        super(message, url, status, partialText, cause);
        this.kind = kind;
    }

    /** @return what went wrong */
    public Kind kind() {
        return kind;
    }

    /** @return true when the server could not be reached or does not have the model */
    @Override
    public boolean modelUnavailable() {
        return kind == Kind.UNREACHABLE || kind == Kind.MODEL_NOT_FOUND;
    }
}
