package io.github.llmtest;

/**
 * A fixture could not be used: no recorded answer for a request in {@link LlmMode#REPLAY} mode, or a fixture file
 * that is corrupt, truncated, too large or of a newer format. The message names the file and what to do.
 */
public final class FixtureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    FixtureException(String message) {
        super(message);
    }

    FixtureException(String message, Throwable cause) {
        super(message, cause);
    }
}
