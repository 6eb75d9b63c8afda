package io.github.llmtest.internal.openai;

import io.github.llmtest.internal.provider.ProviderException;

/**
 * A call to an OpenAI-compatible server that did not produce an answer. {@link #kind()} says what went wrong; the
 * message names the URL, the cause and what to do about it, and never the key.
 */
public final class OpenAiException extends ProviderException {

    private static final long serialVersionUID = 1L;

    /** The distinct ways a call can fail. */
    public enum Kind {
        /** Nothing answered at the URL: connection refused, unknown host. */
        UNREACHABLE,
        /** 401 or 403: the key is missing, wrong, or lacks access. */
        AUTHENTICATION,
        /** 404 for the model: the server does not know it. */
        MODEL_NOT_FOUND,
        /** 400 or 422: the server rejected the request; the message has its reason and the parameter. */
        BAD_REQUEST,
        /** An option the model or the API does not take, found before any call. */
        UNSUPPORTED_OPTION,
        /** 429 with {@code insufficient_quota}: the account has no quota left; not retried. */
        QUOTA_EXCEEDED,
        /** 429 on every try: rate limited. */
        RATE_LIMITED,
        /** 5xx on every try. */
        SERVER_ERROR,
        /** Any other status, for example 404 for a base URL without {@code /v1}. */
        HTTP_ERROR,
        /** An error event in the middle of the stream; {@link #partialText()} has what came before. */
        STREAM_ERROR,
        /** The stream ended before {@code data: [DONE]}. */
        INCOMPLETE_STREAM,
        /** The connection broke while the stream was being read. */
        CONNECTION_LOST,
        /** A body or event that is not the JSON such servers send. */
        MALFORMED_RESPONSE,
        /** A connect, idle-read or overall call timeout ran out. */
        TIMEOUT,
        /** The calling thread was interrupted while waiting. */
        INTERRUPTED
    }

    /** What went wrong. */
    private final Kind kind;
    /** Whether no key was configured, for {@link #modelUnavailable()}. */
    private final boolean noKey;

    OpenAiException(Kind kind, String url, Integer status, String message, String partialText, boolean noKey,
                    Throwable cause) {
        super(message, url, status, partialText, cause);
        this.kind = kind;
        this.noKey = noKey;
    }

    /** @return what went wrong */
    public Kind kind() {
        return kind;
    }

    /** @return true when no model can answer here: the server is unreachable, does not know the model, or no key */
    @Override
    public boolean modelUnavailable() {
        return kind == Kind.UNREACHABLE || kind == Kind.MODEL_NOT_FOUND || kind == Kind.AUTHENTICATION && noKey;
    }
}
