package io.github.llmtest.internal.provider;

/**
 * A live call that produced no answer. Each provider has its own subclass with a kind per failure; this base tells
 * the extension what it needs to decide between failing and skipping.
 */
public abstract class ProviderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message names the cause and the remedy
     * @param cause   the underlying exception, or null
     */
    protected ProviderException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @return true when no model can answer at all here (the server is unreachable or does not have the model),
     *         the case {@code llmtest.unavailable=skip} turns into a skipped test
     */
    public abstract boolean modelUnavailable();
}
