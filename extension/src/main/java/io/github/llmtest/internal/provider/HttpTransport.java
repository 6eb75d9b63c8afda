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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What every provider's HTTP client shares: one OkHttp client with the timeouts, a bound on requests in flight,
 * the retry loop, and the classification of I/O failures. Each provider keeps its own failure messages, which name
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
    private final Semaphore inFlight;
    private final Timeouts timeouts;

    /**
     * @param timeouts              connect, read and call timeouts
     * @param maxConcurrentRequests how many requests may be in flight at once
     */
    public HttpTransport(Timeouts timeouts, int maxConcurrentRequests) {
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be at least 1, but was "
                    + maxConcurrentRequests);
        }
        this.timeouts = timeouts;
        this.inFlight = new Semaphore(maxConcurrentRequests, true);
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
        acquireSlot(url, failures);
        try {
            for (int attempt = 0; ; attempt++) {
                long started = System.nanoTime();
                try (Response response = send(sent)) {
                    if (!response.isSuccessful()) {
                        Duration wait = retry.after(response, attempt);
                        if (wait != null) {
                            sleep(wait, url, failures);
                            continue;
                        }
                        throw failures.status(response, url, attempt + 1);
                    }
                    return handler.handle(response, started);
                } catch (CrossOriginRedirects.Refusal e) {
                    throw e.refused(url);
                } catch (IOException e) {
                    throw failures.io(classify(e), e, url, null);
                }
            }
        } finally {
            inFlight.release();
        }
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
        acquireSlot(url, failures);
        try {
            long started = System.nanoTime();
            try (Response response = send(sent)) {
                return handler.handle(response, started, failures);
            } catch (CrossOriginRedirects.Refusal e) {
                throw e.refused(url);
            } catch (IOException e) {
                throw failures.io(classify(e), e, url, null);
            }
        } finally {
            inFlight.release();
        }
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

    private void acquireSlot(String url, Failures failures) {
        try {
            if (!inFlight.tryAcquire(timeouts.call().toMillis(), TimeUnit.MILLISECONDS)) {
                throw failures.noFreeSlot(url);
            }
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
