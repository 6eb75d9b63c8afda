package io.github.llmtest.internal.provider;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A live call that produced no answer. Each provider has its own subclass with a kind per failure; this base holds
 * what every failure has (the URL, the HTTP status, the text streamed before it) and tells the extension what it
 * needs to decide between failing and skipping.
 */
public abstract class ProviderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The URL that was called. */
    private final String url;
    /** The HTTP status, or {@code null} when no response arrived. */
    private final Integer status;
    /** The text streamed before the failure, or {@code null}. */
    private final String partialText;

    /**
     * @param message     names the cause and the remedy
     * @param url         the URL that was called
     * @param status      the HTTP status, or null when no response arrived
     * @param partialText the text streamed before the failure, or null
     * @param cause       the underlying exception, or null
     */
    protected ProviderException(String message, String url, Integer status, String partialText, Throwable cause) {
        super(message, cause);
        this.url = url;
        this.status = status;
        this.partialText = partialText;
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
    public abstract boolean modelUnavailable();
}
