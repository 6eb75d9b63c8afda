package io.github.llmtest.internal.provider;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a client waits.
 *
 * @param connect for a TCP connection
 * @param read    the longest silence while waiting for headers or between two chunks, model load included
 * @param call    for a whole call, retries included
 */
public record Timeouts(Duration connect, Duration read, Duration call) {

    /** 5 s to connect, 5 min of silence, 15 min per call: enough for a 9 GB model to load. */
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(15));

    /**
     * Checks that every timeout is positive.
     *
     * @param connect for a connection
     * @param read    between chunks
     * @param call    for a call
     */
    public Timeouts {
        positive("connect", connect);
        positive("read", read);
        positive("call", call);
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("The " + name + " timeout must be positive, but was " + value);
        }
    }
}
