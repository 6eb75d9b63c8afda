package io.github.llmtest.internal.provider;

/**
 * A client's {@link HttpTransport}, created on the first live call, so that a client that only replays never builds
 * an HTTP client.
 */
public final class LazyTransport implements AutoCloseable {

    private final Timeouts timeouts;
    private final int maxConcurrentRequests;
    private volatile HttpTransport transport;

    /**
     * @param timeouts              the connect, read and call timeouts
     * @param maxConcurrentRequests how many requests may be in flight at once
     */
    public LazyTransport(Timeouts timeouts, int maxConcurrentRequests) {
        this.timeouts = timeouts;
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    /** @return how many requests may be in flight at once */
    public int maxInFlight() {
        return maxConcurrentRequests;
    }

    /** @return the transport, created on the first call */
    public HttpTransport get() {
        HttpTransport t = transport;
        if (t == null) {
            synchronized (this) {
                t = transport;
                if (t == null) {
                    t = new HttpTransport(timeouts, maxConcurrentRequests);
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
