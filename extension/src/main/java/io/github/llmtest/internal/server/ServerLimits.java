package io.github.llmtest.internal.server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounds {@code LlmServer} keeps as a network service, whatever its clients send: the bytes of request bodies it
 * holds across all requests at once, the time a client has to send a request, the threads serving requests, and how
 * much of a refused body it reads and discards so that the client can read the refusal. Tests lower them, as
 * {@code Fixtures.limit} is lowered, to prove them without sending hundreds of megabytes. Not API.
 */
public final class ServerLimits {

    /** One request body, after gzip is undone: no chat request comes near it. */
    public static final int MAX_REQUEST_BYTES = 32 * 1024 * 1024;
    /** The default bound on the bytes of request bodies held at once: an eighth of the heap, 32 to 256 MB. */
    public static final long DEFAULT_HELD_BYTES = Math.max(MAX_REQUEST_BYTES,
            Math.min(256L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 8));
    /** The default time a client has to send a request's line, headers and body, and to take one write. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** The default number of threads serving requests; more requests wait in line. */
    public static final int DEFAULT_THREADS = 64;
    /** Connections that wait in line for a thread; beyond them a new connection is closed at once. */
    static final int QUEUED = 4096;
    /** Of a body that is refused, at most this much is read and discarded before the refusal is sent. */
    static final long DRAINED_BYTES = 1024L * 1024 * 1024;

    private static final AtomicLong HELD = new AtomicLong();
    private static volatile long heldBound = DEFAULT_HELD_BYTES;
    private static volatile long maxRequestBytes = MAX_REQUEST_BYTES;
    private static volatile Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private static volatile int threads = DEFAULT_THREADS;

    private ServerLimits() {
    }

    /** @return the bound on the bytes of request bodies held at once */
    public static long heldBound() {
        return heldBound;
    }

    /**
     * For tests: another bound on the bytes held at once, or {@link #DEFAULT_HELD_BYTES} again.
     *
     * @param bytes the bound
     */
    public static void heldBound(long bytes) {
        heldBound = bytes;
    }

    /** @return the largest request body read */
    public static long maxRequestBytes() {
        return maxRequestBytes;
    }

    /**
     * For tests: another limit on one request body, or {@link #MAX_REQUEST_BYTES} again.
     *
     * @param bytes the limit
     */
    public static void maxRequestBytes(long bytes) {
        maxRequestBytes = bytes;
    }

    /** @return the time a client has to send a request, and to take one write of the response */
    public static Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * For tests: another request timeout, or {@link #DEFAULT_REQUEST_TIMEOUT} again.
     *
     * @param timeout the timeout
     */
    public static void requestTimeout(Duration timeout) {
        requestTimeout = timeout;
    }

    /** @return the number of threads serving requests */
    public static int threads() {
        return threads;
    }

    /**
     * For tests: another number of threads, or {@link #DEFAULT_THREADS} again; applies to the running server too.
     *
     * @param count the number, at least 1
     */
    public static void threads(int count) {
        threads = count;
        RecordingServer.resizeRunning(count);
    }

    /** @return the bytes of request bodies held now */
    public static long held() {
        return HELD.get();
    }

    /**
     * Takes bytes from the bound, if they fit.
     *
     * @param bytes what a request is about to hold
     * @return false when they would take the bytes held over the bound (nothing is taken then)
     */
    static boolean reserve(long bytes) {
        while (true) {
            long now = HELD.get();
            if (now + bytes > heldBound) {
                return false;
            }
            if (HELD.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** Gives back bytes taken with {@link #reserve}. */
    static void release(long bytes) {
        HELD.addAndGet(-bytes);
    }
}
