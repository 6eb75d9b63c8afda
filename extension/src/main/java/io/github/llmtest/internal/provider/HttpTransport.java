package io.github.llmtest.internal.provider;

import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

/**
 * What every provider's HTTP client shares: one OkHttp client with the timeouts, a bound on requests in flight,
 * the retry loop, and the classification of I/O failures. The bound is the server's {@link AdaptiveLimit}, shared by
 * every client of that server in a run: a 429 or 503 halves it, a run of successes grows it back, and a retry waits
 * as the retry policy says (the server's {@code retry-after}), at most {@link AdaptiveLimit#MAX_WAIT}, without
 * holding a slot. Each provider keeps its own failure messages, which name
 * its server and its remedies.
 */
public final class HttpTransport implements AutoCloseable {

    /** The ways a call can fail before or while reading a response. */
    public enum IoFailure {
        /** Connection refused or no route to the host. */
        REFUSED,
        /** The host name did not resolve. */
        UNKNOWN_HOST,
        /** No connection within the connect timeout. */
        CONNECT_TIMEOUT,
        /** Silence longer than the read timeout. */
        READ_TIMEOUT,
        /** The whole call took longer than the call timeout. */
        CALL_TIMEOUT,
        /** The calling thread was interrupted. */
        INTERRUPTED,
        /** The connection broke while the body was being read. */
        CONNECTION_LOST
    }

    /** Reads a successful response. */
    @FunctionalInterface
    public interface Handler<T> {
        /**
         * @param response     the response, 2xx
         * @param startedNanos when the request was sent ({@link System#nanoTime()})
         * @return what was read
         * @throws IOException when reading fails
         */
        T handle(Response response, long startedNanos) throws IOException;
    }

    /** Reads a response of any status to a request forwarded for an application. */
    @FunctionalInterface
    public interface Forwarded<T> {
        /**
         * @param response     the response, whatever its status
         * @param startedNanos when the request was sent ({@link System#nanoTime()})
         * @param failures     the provider's messages, for a status or a broken stream the caller reports
         * @return what was read
         * @throws IOException when reading the response fails
         */
        T handle(Response response, long startedNanos, Failures failures) throws IOException;
    }

    /** A provider's failure messages. */
    public interface Failures {
        /**
         * @param failure what went wrong
         * @param cause   the exception
         * @param url     the URL called
         * @param partial the text read before, or null
         * @return the provider's exception
         */
        RuntimeException io(IoFailure failure, IOException cause, String url, String partial);

        /**
         * @param response an unsuccessful response that is not retried (any more)
         * @param url      the URL called
         * @param tries    how many tries were made
         * @return the provider's exception
         * @throws IOException when the body cannot be read
         */
        RuntimeException status(Response response, String url, int tries) throws IOException;

        /**
         * @param url the URL that was to be called
         * @return the exception for a call that waited longer than the call timeout for a free slot
         */
        RuntimeException noFreeSlot(String url);
    }

    /** Decides whether a response is retried, and after how long. */
    @FunctionalInterface
    public interface Retry {
        /**
         * @param response an unsuccessful response
         * @param attempt  0 for the first try
         * @return how long to wait before trying again, or null to give up
         * @throws IOException when the body cannot be read
         */
        Duration after(Response response, int attempt) throws IOException;
    }

    private final OkHttpClient http;
    private final AdaptiveLimit limit;
    private final Timeouts timeouts;

    /**
     * @param timeouts              connect, read and call timeouts
     * @param maxConcurrentRequests how many requests may be in flight at once
     */
    public HttpTransport(Timeouts timeouts, int maxConcurrentRequests) {
        this(timeouts, newLimit(maxConcurrentRequests));
    }

    private static AdaptiveLimit newLimit(int maxConcurrentRequests) {
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be at least 1, but was "
                    + maxConcurrentRequests);
        }
        return new AdaptiveLimit("this client", maxConcurrentRequests);
    }

    /**
     * @param timeouts connect, read and call timeouts
     * @param limit    the server's limit on requests in flight, shared with its other clients
     */
    public HttpTransport(Timeouts timeouts, AdaptiveLimit limit) {
        this.timeouts = timeouts;
        this.limit = limit;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.read())
                .writeTimeout(timeouts.read())
                .callTimeout(timeouts.call())
                .retryOnConnectionFailure(false)
                .eventListenerFactory(HttpTransport::listenerFor)
                .addNetworkInterceptor(new CrossOriginRedirects())
                .build();
    }

    /** @return the timeouts */
    public Timeouts timeouts() {
        return timeouts;
    }

    /**
     * Sends a request with the {@code User-Agent}, within the bound on requests in flight, retrying what
     * {@code retry} says, and maps every failure through {@code failures}.
     *
     * @param request  the request
     * @param retry    the retry policy
     * @param failures the provider's messages
     * @param handler  reads a successful response
     * @param <T>      what is read
     * @return what the handler read
     */
    public <T> T execute(Request request, Retry retry, Failures failures, Handler<T> handler) {
        Request sent = request.newBuilder().header("User-Agent", UserAgent.VALUE).build();
        String url = sent.url().toString();
        T result;
        try {
            result = tries(sent, url, retry, failures, handler);
        } catch (RuntimeException | Error e) {
            limit.callFailed();
            throw e;
        }
        limit.callDone();
        return result;
    }

    private <T> T tries(Request sent, String url, Retry retry, Failures failures, Handler<T> handler) {
        for (int attempt = 0; ; attempt++) {
            AdaptiveLimit.Slot slot = acquireSlot(url, failures);
            AdaptiveLimit.Signal signal = AdaptiveLimit.Signal.NEUTRAL;
            Duration wait;
            try {
                long started = System.nanoTime();
                try (Response response = send(sent)) {
                    if (response.isSuccessful()) {
                        T result = handler.handle(response, started);
                        signal = AdaptiveLimit.Signal.SUCCESS;
                        return result;
                    }
                    signal = overloaded(response.code()) ? AdaptiveLimit.Signal.OVERLOADED : signal;
                    wait = retry.after(response, attempt);
                    if (wait == null) {
                        throw failures.status(response, url, attempt + 1);
                    }
                } catch (CrossOriginRedirects.Refusal e) {
                    throw e.refused(url);
                } catch (IOException e) {
                    throw failures.io(classify(e), e, url, null);
                }
            } finally {
                limit.release(slot, signal);
            }
            limit.callRetried();
            sleep(wait.compareTo(AdaptiveLimit.MAX_WAIT) > 0 ? AdaptiveLimit.MAX_WAIT : wait, url, failures);
        }
    }

    /** 429 (rate limited) and 503 (overloaded; Ollama's "server busy"): the server asks for fewer requests. */
    static boolean overloaded(int code) {
        return code == 429 || code == 503;
    }

    /**
     * Sends a request once, within the bound on requests in flight, and hands the response to {@code handler}
     * whatever its status: the server that records an application's calls passes errors on as they came.
     *
     * @param request  the request
     * @param failures the provider's messages, for a server that cannot be reached
     * @param handler  reads the response
     * @param <T>      what is read
     * @return what the handler read
     */
    public <T> T forward(Request request, Failures failures, Forwarded<T> handler) {
        Request sent = request.newBuilder().header("User-Agent", UserAgent.VALUE).build();
        String url = sent.url().toString();
        AdaptiveLimit.Slot slot = acquireSlot(url, failures);
        AdaptiveLimit.Signal signal = AdaptiveLimit.Signal.NEUTRAL;
        boolean answered = false;
        try {
            long started = System.nanoTime();
            try (Response response = send(sent)) {
                signal = overloaded(response.code()) ? AdaptiveLimit.Signal.OVERLOADED : signal;
                T result = handler.handle(response, started, failures);
                if (response.isSuccessful()) {
                    signal = AdaptiveLimit.Signal.SUCCESS;
                    answered = true;
                }
                return result;
            } catch (CrossOriginRedirects.Refusal e) {
                throw e.refused(url);
            } catch (IOException e) {
                throw failures.io(classify(e), e, url, null);
            }
        } finally {
            limit.release(slot, signal);
            if (answered) {
                limit.callDone();
            } else {
                limit.callFailed();
            }
        }
    }

    /** @return the server's limit this transport sends within */
    public AdaptiveLimit limit() {
        return limit;
    }

    /**
     * Sends a request until its response headers have arrived: once, and a second time on a new connection when the
     * first try failed before any response on a connection from the pool (which the server had closed).
     */
    private Response send(Request request) throws IOException {
        ConnectionUse first = new ConnectionUse();
        try {
            return http.newCall(request.newBuilder().tag(ConnectionUse.class, first).build()).execute();
        } catch (IOException e) {
            if (!first.staleConnection(e)) {
                throw e;
            }
            // the other idle connections to a server that closes them are as stale: the retry opens a new one
            http.connectionPool().evictAll();
            try {
                return http.newCall(request.newBuilder().tag(ConnectionUse.class, new ConnectionUse()).build())
                        .execute();
            } catch (IOException again) {
                again.addSuppressed(e);
                throw again;
            }
        }
    }

    /** Which connection one try used: a new one (it was connected) or one from the pool. */
    private static final class ConnectionUse extends EventListener {
        private volatile boolean connected;
        private volatile boolean acquired;

        @Override
        public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
            connected = true;
        }

        @Override
        public void connectionAcquired(Call call, Connection connection) {
            acquired = true;
        }

        /**
         * Whether a failure of {@code execute()} (so before the response headers were read) is that of a pooled
         * connection the server had closed: not a timeout or an interruption (the server may be working on it), not
         * a response that did not parse (bytes arrived), not a refused redirect.
         */
        boolean staleConnection(IOException e) {
            return acquired && !connected && !(e instanceof InterruptedIOException)
                    && !(e instanceof ProtocolException) && !(e instanceof CrossOriginRedirects.Refusal)
                    && !Thread.currentThread().isInterrupted();
        }
    }

    private static EventListener listenerFor(Call call) {
        ConnectionUse use = call.request().tag(ConnectionUse.class);
        return use == null ? EventListener.NONE : use;
    }

    /**
     * @param e an I/O failure
     * @return what it means
     */
    public static IoFailure classify(IOException e) {
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return IoFailure.REFUSED;
        }
        if (e instanceof UnknownHostException) {
            return IoFailure.UNKNOWN_HOST;
        }
        if (e instanceof SocketTimeoutException) {
            return String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect")
                    ? IoFailure.CONNECT_TIMEOUT : IoFailure.READ_TIMEOUT;
        }
        if (e instanceof InterruptedIOException) {
            return Thread.currentThread().isInterrupted() ? IoFailure.INTERRUPTED : IoFailure.CALL_TIMEOUT;
        }
        return IoFailure.CONNECTION_LOST;
    }

    private AdaptiveLimit.Slot acquireSlot(String url, Failures failures) {
        try {
            AdaptiveLimit.Slot slot = limit.acquire(timeouts.call());
            if (slot == null) {
                throw failures.noFreeSlot(url);
            }
            return slot;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failures.io(IoFailure.INTERRUPTED, new InterruptedIOException("interrupted"), url, null);
        }
    }

    private static void sleep(Duration wait, String url, Failures failures) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failures.io(IoFailure.INTERRUPTED, new InterruptedIOException("interrupted"), url, null);
        }
    }

    /** The underlying OkHttp client, for tests that check nothing is left behind. */
    public OkHttpClient http() {
        return http;
    }

    /** Releases pooled connections and threads. */
    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
