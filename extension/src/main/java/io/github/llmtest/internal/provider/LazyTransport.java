package io.github.llmtest.internal.provider;

/**
 * A client's {@link HttpTransport}, created on the first live call, so that a client that only replays never builds
 * an HTTP client.
 */
public final class LazyTransport implements AutoCloseable {

    private final Timeouts timeouts;
    private final AdaptiveLimit limit;
    private volatile HttpTransport transport;

    /**
     * @param timeouts              the connect, read and call timeouts
     * @param maxConcurrentRequests how many requests may be in flight at once
     */
    public LazyTransport(Timeouts timeouts, int maxConcurrentRequests) {
        this(timeouts, new AdaptiveLimit("this client", maxConcurrentRequests));
    }

    /**
     * @param timeouts the connect, read and call timeouts
     * @param limit    the server's limit on requests in flight, shared with its other clients
     */
    public LazyTransport(Timeouts timeouts, AdaptiveLimit limit) {
        this.timeouts = timeouts;
        this.limit = limit;
    }

    /** @return the most requests that may be in flight at once (the limit adapts below it) */
    public int maxInFlight() {
        return limit.ceiling();
    }

    /** @return the transport, created on the first call */
    public HttpTransport get() {
        HttpTransport t = transport;
        if (t == null) {
            synchronized (this) {
                t = transport;
                if (t == null) {
                    t = new HttpTransport(timeouts, limit);
                    transport = t;
                }
            }
        }
        return t;
    }

    /** Closes the transport, if one was created. */
    @Override
    public synchronized void close() {
        if (transport != null) {
            transport.close();
        }
    }
}
