package io.github.llmtest.internal.server;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one server of a test run that applications send their LLM calls to: the JDK's HTTP server on a free
 * loopback port, started when a test plan with {@code @LlmTest} classes starts ({@link #startAhead()}; else by the
 * first {@code @LlmTest} class) and stopped when the JUnit launcher session ends
 * (started again, on the same port if it is free, by a later session in the same JVM). Its threads are daemons,
 * so it never keeps a JVM alive, and bounded ({@link ServerLimits#threads()}): a request waits in line for one, and
 * each waits on its client for at most {@link ServerLimits#requestTimeout()} ({@link Deadlines}). Not API.
 */
public final class RecordingServer {

    /** The system property holding {@link #ollamaUrl()} while the server runs. */
    public static final String OLLAMA_URL_PROPERTY = "llmtest.server.ollama-url";
    /** The system property holding {@link #openAiUrl()} while the server runs. */
    public static final String OPENAI_URL_PROPERTY = "llmtest.server.openai-url";
    /** The system property holding {@link #anthropicUrl()} while the server runs. */
    public static final String ANTHROPIC_URL_PROPERTY = "llmtest.server.anthropic-url";

    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
    private static final ServerScopes SCOPES = new ServerScopes();
    private static RecordingServer shared;
    private static int lastPort;
    private static int sessions;
    /** The handler of a copy of llmtest in a class loader below this one's ({@link OuterServer}), or null. */
    private static volatile HttpHandler inner;
    /** This copy's handler as an inner copy hands it to an outer one: its own deadlines, not the outer copy's. */
    private static final HttpHandler AS_INNER = exchange -> {
        Deadlines.begin();
        try {
            new ServerHandler(SCOPES).handle(exchange);
        } finally {
            Deadlines.end();
        }
    };

    private final HttpServer http;
    private final ThreadPoolExecutor threads;
    private final String ollamaUrl;

    private RecordingServer(HttpServer http, ThreadPoolExecutor threads) {
        this.http = http;
        this.threads = threads;
        this.ollamaUrl = "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** @return the tests running now, which calls are attributed to */
    public static ServerScopes scopes() {
        return SCOPES;
    }

    /**
     * @return the running server, started if need be
     * @throws UncheckedIOException when no loopback port can be bound
     */
    public static synchronized RecordingServer shared() {
        if (shared == null || shared.threads == null) {
            // a copy of llmtest in a class loader above this one runs the server: its calls come to this copy's tests
            Optional<HttpServer> outer = OuterServer.join(AS_INNER);
            if (outer.isPresent()) {
                if (shared == null || shared.http != outer.get()) {
                    shared = new RecordingServer(outer.get(), null);
                }
                return shared;
            }
            shared = null;
        }
        if (shared == null) {
            shared = start();
            lastPort = shared.port();
            System.setProperty(OLLAMA_URL_PROPERTY, shared.ollamaUrl());
            System.setProperty(OPENAI_URL_PROPERTY, shared.openAiUrl());
            System.setProperty(ANTHROPIC_URL_PROPERTY, shared.anthropicUrl());
        }
        return shared;
    }

    /**
     * Starts the server when a test plan with {@code @LlmTest} classes starts, before any test class's callbacks,
     * so that an application booted by any class, in any order of annotations, finds its URLs. A port that cannot
     * be bound is reported by the first {@code @LlmTest} class that starts the server again, not here.
     *
     * @return true when the server runs
     */
    public static boolean startAhead() {
        try {
            shared();
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Called by reflection from a copy of llmtest in a class loader below this one's ({@link OuterServer}): from now
     * on, the server hands the calls that come while none of this copy's tests runs to that copy's handler.
     *
     * @param handler the inner copy's handler
     * @return this copy's running server, started if need be
     */
    public static synchronized HttpServer adopt(HttpHandler handler) {
        inner = handler;
        return shared().http;
    }

    private static RecordingServer start() {
        AtomicInteger count = new AtomicInteger();
        int bound = ServerLimits.threads();
        // a full line of waiting connections makes the JDK close the newest one at once
        ThreadPoolExecutor threads = new ThreadPoolExecutor(bound, bound, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(ServerLimits.QUEUED), task -> {
                    Thread thread = new Thread(task, "llmtest-server-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        threads.allowCoreThreadTimeOut(true);
        HttpServer http = bind();
        ServerHandler own = new ServerHandler(SCOPES);
        http.createContext("/", exchange -> {
            HttpHandler adopted = inner;
            if (adopted != null && !SCOPES.anyActive()) {
                Deadlines.end(); // the request line and headers are in: the inner copy times the rest
                adopted.handle(exchange);
            } else {
                own.handle(exchange);
            }
        });
        // the JDK reads the request line and headers on this thread, before the handler: that wait is timed too
        http.setExecutor(task -> threads.execute(() -> {
            Deadlines.begin();
            try {
                task.run();
            } finally {
                Deadlines.end();
            }
        }));
        // the JDK's dispatcher thread takes the daemon status of the thread that starts the server
        Thread starter = new Thread(http::start, "llmtest-server-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            http.stop(0);
            threads.shutdownNow();
            throw new IllegalStateException("interrupted while starting llmtest's server", e);
        }
        return new RecordingServer(http, threads);
    }

    private static HttpServer bind() {
        // without TCP_NODELAY, each streamed answer waits once for the client's delayed ACK (about 40 ms); the JDK
        // reads this when its server classes load, so it helps when this is the first JDK server of the JVM
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try {
            if (lastPort != 0) {
                try {
                    return HttpServer.create(new InetSocketAddress(loopback, lastPort), 64);
                } catch (BindException e) {
                    // taken since: any free port will do
                }
            }
            return HttpServer.create(new InetSocketAddress(loopback, 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("llmtest could not start its server on a loopback port (" + loopback
                    + "): " + e.getMessage() + ". Check that this process may open local sockets.", e);
        }
    }

    /** Applies a new thread bound to the running server, if there is one. */
    static synchronized void resizeRunning(int count) {
        if (shared != null && shared.threads != null) {
            if (count > shared.threads.getMaximumPoolSize()) {
                shared.threads.setMaximumPoolSize(count);
                shared.threads.setCorePoolSize(count);
            } else {
                shared.threads.setCorePoolSize(count);
                shared.threads.setMaximumPoolSize(count);
            }
        }
    }

    /** @return the threads serving a request now, for tests of the bounds */
    public int busyThreads() {
        return threads == null ? 0 : threads.getActiveCount();
    }

    /** A JUnit launcher session opened. */
    static synchronized void sessionOpened() {
        sessions++;
    }

    /** A JUnit launcher session closed: the last one stops the server. */
    static synchronized void sessionClosed() {
        sessions = Math.max(0, sessions - 1);
        if (sessions == 0 && shared != null) {
            if (shared.threads != null) {
                shared.stop();
                inner = null;
            }
            shared = null;
        }
    }

    private void stop() {
        http.stop(0);
        threads.shutdownNow();
        if (ollamaUrl().equals(System.getProperty(OLLAMA_URL_PROPERTY))) {
            System.clearProperty(OLLAMA_URL_PROPERTY);
            System.clearProperty(OPENAI_URL_PROPERTY);
            System.clearProperty(ANTHROPIC_URL_PROPERTY);
        }
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public String ollamaUrl() {
        return ollamaUrl;
    }

    /** @return {@code http://127.0.0.1:<port>/v1} */
    public String openAiUrl() {
        return ollamaUrl + "/v1";
    }

    /** @return {@code http://127.0.0.1:<port>}: the Messages API's SDKs append {@code /v1/messages} themselves */
    public String anthropicUrl() {
        return ollamaUrl;
    }

    /** @return the port */
    public int port() {
        return http.getAddress().getPort();
    }
}
