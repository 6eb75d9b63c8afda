package io.github.llmtest.internal.provider;

import okio.BufferedSource;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Passes a streamed answer from the upstream server on to the application as it arrives (so that its time to
 * first token is real), reading it at the same time into what a recording keeps. One per response.
 */
public interface Relay {

    /** An answer that was passed on but cannot be recorded; the message says why. */
    final class Unrecordable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param why why it cannot be recorded */
        public Unrecordable(String why) {
            super(why);
        }
    }

    /** @return the content type of the stream written to the application */
    String contentType();

    /**
     * Relays the stream, started by the caller with {@link #contentType} and ended by it afterwards.
     *
     * @param in           the upstream response body
     * @param out          the application's started response
     * @param startedNanos when the request was sent ({@link System#nanoTime()})
     * @param complete     takes the complete answer before the last bytes reach the application
     * @return null when {@code complete} took the answer, else why nothing can be recorded
     * @throws IOException   when reading the upstream fails
     * @throws Unrecordable when the upstream sent something that cannot be read at all
     */
    String relay(BufferedSource in, Reply out, long startedNanos, Consumer<LiveAnswer> complete) throws IOException;
}
