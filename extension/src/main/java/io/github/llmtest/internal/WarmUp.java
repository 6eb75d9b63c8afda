package io.github.llmtest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.Latency;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.internal.answer.ThinkSplit;
import io.github.llmtest.internal.fixture.Canonical;
import io.github.llmtest.internal.fixture.Interaction;
import io.github.llmtest.internal.report.CallEntry;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.spi.HttpServerProvider;

import java.io.IOException;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs, once per JVM and on a background daemon thread, the code every replayed call goes through: reading a fixture
 * interaction, the canonical request and its SHA-256 key, dates, the answer and its report line. A cold JVM spends
 * about 0.1 s loading and first running that code; started when the JUnit launcher session opens, the warm-up does
 * it on a spare core while JUnit discovers tests, instead of on the test thread in the first LLM test. It also loads
 * the JDK's HTTP server classes that {@code LlmServer} needs when the first {@code @LlmTest} class starts it.
 *
 * <p>It reads no file, opens no connection (a selector is opened and closed) and sets no property; if anything in it fails, the test thread simply
 * does the same work itself later. {@code -Dllmtest.warm-up=false} switches it off.
 */
public final class WarmUp {

    /** The system property that switches the warm-up off ({@code false}). */
    public static final String PROPERTY = "llmtest.warm-up";
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final String INTERACTION = "{\"origin\":\"hand-written\",\"recorded_at\":\"2026-01-01T00:00:00Z\","
            + "\"request\":{\"endpoint\":\"/api/chat\",\"model\":\"phi4\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"1 + 1?\"}],\"options\":{\"num_ctx\":4096,\"seed\":42,\"temperature\":0},\"occurrence\":0},"
            + "\"response\":{\"text\":\"<think>ones</think>It is \\\\boxed{2}.\",\"done_reason\":\"stop\"},"
            + "\"metrics\":{\"total_duration\":42000000,\"load_duration\":1000000,\"prompt_eval_count\":5,"
            + "\"prompt_eval_duration\":1000000,\"eval_count\":7,\"eval_duration\":40000000},"
            + "\"client\":{\"wall_time_ms\":42.5,\"first_token_ms\":1.5}}";

    private static final List<String> SERVER_CLASSES = List.of("sun.net.httpserver.ServerImpl",
            "sun.net.httpserver.ServerImpl$Dispatcher", "sun.net.httpserver.ServerImpl$Exchange",
            "sun.net.httpserver.HttpServerImpl", "sun.net.httpserver.HttpConnection", "sun.net.httpserver.ExchangeImpl",
            "sun.net.httpserver.HttpContextImpl", "sun.net.httpserver.ContextList", "sun.net.httpserver.Request",
            "sun.nio.ch.ServerSocketChannelImpl");

    private WarmUp() {
    }

    /** Starts the warm-up thread, unless it ran already in this JVM or {@code llmtest.warm-up=false}. */
    public static void start() {
        if (!enabled(System.getProperty(PROPERTY)) || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            run();
            prepareServer();
        }, "llmtest-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /**
     * Loads what the JDK's HTTP server needs when {@code LlmServer} starts for the first {@code @LlmTest} class (its
     * provider, its logger, a selector, its classes), without starting one and without initialising its
     * configuration, which must read {@code sun.net.httpserver.nodelay} after llmtest sets it.
     *
     * @return how many of its classes were loaded
     */
    static int prepareServer() {
        int loaded = 0;
        try {
            HttpServerProvider.provider();
            System.getLogger("com.sun.net.httpserver").isLoggable(System.Logger.Level.TRACE);
            try (Selector selector = Selector.open()) {
                loaded += selector.isOpen() ? 0 : 1;
            }
            ClassLoader loader = HttpServer.class.getClassLoader();
            for (String name : SERVER_CLASSES) {
                Class.forName(name, false, loader);
                loaded++;
            }
        } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
            // the server loads them itself
        }
        return loaded;
    }

    /** Whether the system property's value leaves the warm-up on: anything but {@code false}. */
    static boolean enabled(String value) {
        return value == null || !value.strip().equalsIgnoreCase("false");
    }

    /** The warm-up itself; returns the report line it built, so that nothing it does can be optimised away. */
    static String run() {
        try {
            JsonNode node = Jsons.read(INTERACTION);
            Interaction recorded = Interaction.fromJson(node);
            String key = Canonical.hash(recorded.request());
            ThinkSplit split = ThinkSplit.of(recorded.text());
            LlmAnswer answer = LlmAnswer.builder(split.answer()).model("phi4").prompt("1 + 1?")
                    .latency(Latency.builder(recorded.wallTime() == null ? Duration.ZERO : recorded.wallTime())
                            .promptTokens(5).outputTokens(7).build())
                    .doneReason(recorded.doneReason()).thinking(split.thinking())
                    .replayed(recorded.recordedAt(), recorded.handWritten()).build();
            CallEntry entry = new CallEntry("warm-up", 1, null, "ollama", answer.model(), "replay", true,
                    Instants.format(recorded.recordedAt()), key, answer.prompt(), answer.text(),
                    recorded.doneReason(), new CallEntry.Figures(Durations.millis(answer.latency().total()), 1.5, 1.0,
                    1.0, 40.0, 5, 7, 175.0, null, null, null), false, recorded.request(), null, answer.thinking(),
                    null);
            return entry.line() + Jsons.compact(Jsons.read(Jsons.pretty(node)));
        } catch (IOException | RuntimeException | LinkageError e) {
            return "";
        }
    }
}
