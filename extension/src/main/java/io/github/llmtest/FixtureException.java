package io.github.llmtest;

/**
 * A fixture could not be used: no recorded answer for a request in {@link LlmMode#REPLAY} mode, or a fixture file
 * that is corrupt, truncated, too large or of a newer format. The message names the file and what to do.
 */
public final class FixtureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message names the file or the request, the problem and the remedy
     */
    public FixtureException(String message) {
        super(message);
    }

    /**
     * @param message names the file or the request, the problem and the remedy
     * @param cause   the underlying failure
     */
    public FixtureException(String message, Throwable cause) {
        super(message, cause);
    }
}
