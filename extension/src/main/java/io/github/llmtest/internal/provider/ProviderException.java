package io.github.llmtest.internal.provider;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A live call that produced no answer. Each provider has its own subclass; this base holds what every failure has
 * (its {@link Kind}, the URL, the HTTP status, the text streamed before it) and tells the extension what it needs to
 * decide between failing and skipping.
 */
public abstract class ProviderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The distinct ways a call can fail, the same for every provider. */
    public enum Kind {
        /** Nothing answered at the URL: connection refused, unknown host, network unreachable. */
        UNREACHABLE,
        /** 401 or 403: the key is missing, wrong, or lacks access. */
        AUTHENTICATION,
        /** The server does not have or know the model (404). */
        MODEL_NOT_FOUND,
        /** The server answered that it is busy (Ollama's 503) on every try. */
        BUSY,
        /** The server rejected the request (400, 422); the message has its reason. */
        BAD_REQUEST,
        /** An option the model or the API does not take, found before any call. */
        UNSUPPORTED_OPTION,
        /** 429 with {@code insufficient_quota}: the account has no quota left; not retried. */
        QUOTA_EXCEEDED,
        /** 429 on every try: rate limited. */
        RATE_LIMITED,
        /** The server failed (5xx) on every try. */
        SERVER_ERROR,
        /** Any other status, for example 404 for an unknown path or a base URL without {@code /v1}. */
        HTTP_ERROR,
        /** A redirect to another host that was not followed, because the request carried credentials. */
        REDIRECT_REFUSED,
        /** The server sent an error in the middle of a stream; {@link #partialText()} has what came before. */
        STREAM_ERROR,
        /** The stream ended before its end ({@code done: true}, {@code data: [DONE]}). */
        INCOMPLETE_STREAM,
        /** The connection broke while the body was being read. */
        CONNECTION_LOST,
        /** A body or piece that is not the JSON the server sends. */
        MALFORMED_RESPONSE,
        /** A connect, idle-read or overall call timeout ran out. */
        TIMEOUT,
        /** The calling thread was interrupted while waiting. */
        INTERRUPTED
    }

    /** What went wrong. */
    private final Kind kind;
    /** The URL that was called. */
    private final String url;
    /** The HTTP status, or {@code null} when no response arrived. */
    private final Integer status;
    /** The text streamed before the failure, or {@code null}. */
    private final String partialText;

    /**
     * @param kind        what went wrong
     * @param message     names the cause and the remedy
     * @param url         the URL that was called
     * @param status      the HTTP status, or null when no response arrived
     * @param partialText the text streamed before the failure, or null
     * @param cause       the underlying exception, or null
     */
    protected ProviderException(Kind kind, String message, String url, Integer status, String partialText,
                                Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.url = url;
        this.status = status;
        this.partialText = partialText;
    }

    /** @return what went wrong */
    public final Kind kind() {
        return kind;
    }

    /** @return the URL that was called */
    public String url() {
        return url;
    }

    /** @return the HTTP status, when a response arrived */
    public OptionalInt status() {
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** @return the text streamed before the failure, for stream errors and broken connections */
    public Optional<String> partialText() {
        return Optional.ofNullable(partialText).filter(t -> !t.isEmpty());
    }

    /**
     * @return true when no model can answer at all here (the server is unreachable or does not have the model),
     *         the case {@code llmtest.unavailable=skip} turns into a skipped test
     */
    public boolean modelUnavailable() {
        return kind == Kind.UNREACHABLE || kind == Kind.MODEL_NOT_FOUND;
    }
}
