package io.github.llmtest.internal.call;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.spi.HttpServerProvider;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.LlmMode;
import io.github.llmtest.Message;
import io.github.llmtest.Options;
import io.github.llmtest.internal.Durations;
import io.github.llmtest.internal.Instants;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.fixture.FixtureFile;
import io.github.llmtest.internal.fixture.Interaction;
import io.github.llmtest.internal.provider.ChatCall;
import io.github.llmtest.internal.provider.Provider;
import io.github.llmtest.internal.provider.ProviderType;
import io.github.llmtest.internal.provider.ProviderTypes;
import io.github.llmtest.internal.provider.Readiness;
import io.github.llmtest.internal.provider.Timeouts;
import io.github.llmtest.internal.report.CallEntry;

import java.io.IOException;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs, once per JVM and on a background daemon thread, one replayed call through the real {@link CallPipeline}:
 * the provider's canonical request, its key, a fixture file's parse, the answer and its report line. A cold JVM
 * spends about 0.1 s loading and first running that code; started when the JUnit launcher session opens, the
 * warm-up does it on a spare core while JUnit discovers tests, instead of on the test thread in the first LLM test.
 * It also loads the JDK's HTTP server classes that {@code LlmServer} needs when the first {@code @LlmTest} class
 * starts it.
 *
 * <p>It reads and writes no file, opens no connection (a selector is opened and closed) and sets no property; if
 * anything in it fails, the test thread simply does the same work itself later. {@code -Dllmtest.warm-up=false}
 * switches it off.
 */
public final class WarmUp {

    /** The system property that switches the warm-up off ({@code false}). */
    public static final String PROPERTY = "llmtest.warm-up";
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    /** A fixture file's interaction, its request filled in by the provider's canonical request. */
    private static final String RESPONSE = "\"origin\":\"hand-written\",\"recorded_at\":\"2026-01-01T00:00:00Z\","
            + "\"response\":{\"text\":\"<think>ones</think>It is \\\\boxed{2}.\",\"done_reason\":\"stop\"},"
            + "\"metrics\":{\"total_duration\":42000000,\"load_duration\":1000000,\"prompt_eval_count\":5,"
            + "\"prompt_eval_duration\":1000000,\"eval_count\":7,\"eval_duration\":40000000},"
            + "\"client\":{\"wall_time_ms\":42.5,\"first_token_ms\":1.5}";

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

    /**
     * The warm-up itself: one typed call replayed through the pipeline.
     *
     * @return the report line of the call, so that nothing it does can be optimised away; empty when it failed
     */
    static String run() {
        ProviderType type = ProviderTypes.defaultType();
        try (Provider provider = type.client(type.baseUrl(null), null, Timeouts.DEFAULT)) {
            ChatCall call = new ChatCall("phi4", List.of(Message.user("1 + 1?")),
                    Options.builder().temperature(0).seed(42).build(), null, Set.of(), List.of());
            ObjectNode canonical = provider.canonicalRequest(call);
            ObjectNode recorded = canonical.deepCopy().put("occurrence", 0);
            String fixture = "{\"" + FixtureFile.VERSION_FIELD + "\":" + FixtureFile.FORMAT_VERSION
                    + ",\"test\":\"warm-up\",\"interactions\":[{\"request\":" + Jsons.compact(recorded) + ","
                    + RESPONSE + "}]}";
            Session session = new Session(FixtureFile.of(Path.of("llmtest-warm-up.json"), "warm-up",
                    fixture.getBytes(StandardCharsets.UTF_8)), provider);
            CallPipeline.call(session, new CallRequest(type, canonical, "phi4", "1 + 1?", Purpose.ANSWER),
                    session);
            return session.line;
        } catch (RuntimeException | LinkageError e) {
            return "";
        }
    }

    /** A replaying session of one file, and the channel of a typed call that is never live. */
    private static final class Session implements CallSession, Channel {
        private final FixtureFile file;
        private final Provider provider;
        private String line = "";

        Session(FixtureFile file, Provider provider) {
            this.file = file;
            this.provider = provider;
        }

        @Override
        public String testId() {
            return "warm-up";
        }

        @Override
        public LlmMode mode() {
            return LlmMode.REPLAY;
        }

        @Override
        public FixtureFile fixtureFile() {
            return file;
        }

        @Override
        public Provider provider(ProviderType type) {
            return provider;
        }

        @Override
        public Readiness ready(ProviderType type, String model) {
            throw new IllegalStateException("the warm-up never calls a model");
        }

        @Override
        public String upstreamUrl(ProviderType type) {
            return type.baseUrl(null).display();
        }

        @Override
        public String recordCommand() {
            return "";
        }

        @Override
        public boolean skipWhenUnavailable() {
            return false;
        }

        @Override
        public Integer sample() {
            return null;
        }

        @Override
        public int nextOccurrence(String baseKey) {
            return 0;
        }

        @Override
        public void releaseOccurrence(String baseKey) {
            // one call only
        }

        @Override
        public List<String> ignoredFields() {
            return List.of();
        }

        @Override
        public void served(String baseKey, ServedCall served) {
            LlmAnswer answer = served.answer();
            line = new CallEntry("warm-up", 1, null, served.type().id(), answer.model(), "replay", true,
                    answer.recordedAt().map(Instants::format).orElse(null), served.key(), answer.prompt(),
                    answer.text(), answer.doneReason().orElse(null), new CallEntry.Figures(
                    Durations.millis(answer.latency().total()), 1.5, 1.0, 1.0, 40.0, 5, 7, 175.0, null, null, null),
                    false, served.request(), null, answer.thinking(), null).line();
        }

        @Override
        public void failed(String baseKey, RuntimeException problem) {
            throw problem;
        }

        @Override
        public void extracted(LlmAnswer answer, String what, String value) {
            // no assertion runs
        }

        @Override
        public boolean viaServer() {
            return false;
        }

        @Override
        public void live(Provider live, Answered answered) {
            throw new IllegalStateException("the warm-up never calls a model");
        }

        @Override
        public void replay(Interaction recorded) {
            // the pipeline returns the answer
        }

        @Override
        public void refuse(int status, RuntimeException problem) {
            throw problem;
        }
    }
}
