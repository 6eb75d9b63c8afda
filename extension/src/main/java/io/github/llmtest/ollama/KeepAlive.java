package io.github.llmtest.ollama;

import java.time.Duration;
import java.util.Objects;

/**
 * How long Ollama keeps a model in memory after a request ({@code keep_alive}).
 *
 * <pre>{@code
 * KeepAlive.of(Duration.ofMinutes(30));   // sent as "1800s"
 * KeepAlive.forever();                     // sent as "-1s"
 * KeepAlive.unloadNow();                   // sent as "0s"
 * }</pre>
 */
public final class KeepAlive {

    private final String wire;

    private KeepAlive(String wire) {
        this.wire = wire;
    }

    /**
     * Keep the model loaded this long after the request.
     *
     * @param duration at least zero
     * @return the keep-alive value
     */
    public static KeepAlive of(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("keep_alive must not be negative; use KeepAlive.forever() instead");
        }
        return new KeepAlive(duration.toSeconds() + "s");
    }

    /** @return keep the model loaded until the server stops */
    public static KeepAlive forever() {
        return new KeepAlive("-1s");
    }

    /** @return unload the model as soon as the request ends */
    public static KeepAlive unloadNow() {
        return new KeepAlive("0s");
    }

    /** @return the value as sent on the wire, for example {@code "1800s"} */
    public String wireValue() {
        return wire;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeepAlive that && wire.equals(that.wire);
    }

    @Override
    public int hashCode() {
        return wire.hashCode();
    }

    @Override
    public String toString() {
        return wire;
    }
}
