package io.github.llmtest.internal.ollama;

import io.github.llmtest.internal.provider.Timeouts;
import io.github.llmtest.Format;
import io.github.llmtest.Options;
import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.fake.Reply;
import io.github.llmtest.internal.provider.LiveAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every failure ends in its own kind, with a message naming the URL, the cause and the remedy. */
class OllamaClientErrorsTest {

    private static final String DONE_LINE = "{\"model\":\"phi4\",\"created_at\":\"2025-01-14T09:20:01Z\","
            + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\"}";

    private FakeOllama server;
    private OllamaClient client;

    @BeforeEach
    void start() {
        server = FakeOllama.start();
        client = clientFor(server.url(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        assertThat(client.http().connectionPool().connectionCount())
                .as("no connection left in use").isEqualTo(client.http().connectionPool().idleConnectionCount());
        assertThat(client.http().dispatcher().runningCallsCount()).as("no call left running").isZero();
        client.close();
        server.close();
    }

    private static OllamaClient clientFor(String url, Duration readTimeout) {
        return OllamaClient.builder().baseUrl(url)
                .timeouts(new Timeouts(Duration.ofSeconds(2), readTimeout, Duration.ofMinutes(15)))
                .retries(2, Duration.ofMillis(20)).build();
    }

    private OllamaException chatFails() {
        return catchThrowableOfType(OllamaException.class,
                () -> client.chat(OllamaClientTest.ask("phi4", "hi")));
    }

    @Test
    void connectionRefusedIsUnreachableAndSaysHowToStartOllama() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        try (OllamaClient down = clientFor("http://127.0.0.1:" + freePort, Duration.ofSeconds(5))) {
            OllamaException e = catchThrowableOfType(OllamaException.class,
                    () -> down.chat(OllamaClientTest.ask("phi4", "hi")));

            assertThat(e.kind()).isEqualTo(OllamaException.Kind.UNREACHABLE);
            assertThat(e.modelUnavailable()).isTrue();
            assertThat(e).hasMessageContaining("http://127.0.0.1:" + freePort + "/api/chat")
                    .hasMessageContaining("ollama serve");
        }
    }

    @Test
    void unknownHostIsUnreachableAndNamesTheHost() {
        try (OllamaClient nowhere = clientFor("http://no-such-host.invalid:11434", Duration.ofSeconds(5))) {
            OllamaException e = catchThrowableOfType(OllamaException.class, nowhere::version);

            assertThat(e.kind()).isEqualTo(OllamaException.Kind.UNREACHABLE);
            assertThat(e).hasMessageContaining("no-such-host.invalid").hasMessageContaining("OLLAMA_HOST");
        }
    }

    @Test
    void modelNotPulledSaysWhichPullCommandToRun() {
        server.enqueue(Reply.error(404, "model 'phi4' not found"));

        OllamaException e = chatFails();

        assertThat(e.kind()).isEqualTo(OllamaException.Kind.MODEL_NOT_FOUND);
        assertThat(e.status()).hasValue(404);
        assertThat(e).hasMessageContaining("ollama pull phi4").hasMessageContaining(server.url());
    }

    @Test
    void oldStyleNotFoundMessageIsAlsoModelNotFound() {
        server.enqueue(Reply.error(404, "model \"phi4\" not found, try pulling it first"));

        assertThat(chatFails().kind()).isEqualTo(OllamaException.Kind.MODEL_NOT_FOUND);
    }

    @Test
    void loadOfAMissingModelIsModelNotFound() {
        OllamaException e = catchThrowableOfType(OllamaException.class,
                () -> client.load("llama3.2", Duration.ofMinutes(1)));

        assertThat(e.kind()).isEqualTo(OllamaException.Kind.MODEL_NOT_FOUND);
        assertThat(e.modelUnavailable()).isTrue();
        assertThat(e).hasMessageContaining("ollama pull llama3.2");
    }

    @Test
    void busyOnceIsRetriedAndSucceeds() {
        server.enqueue(Reply.error(503, "server busy, please try again.  maximum pending requests exceeded"))
                .enqueue(Reply.answer("fine"));

        LiveAnswer response = client.chat(OllamaClientTest.ask("phi4", "hi"));

        assertThat(response.text()).isEqualTo("fine");
        assertThat(server.generations()).hasSize(2);
    }

    @Test
    void busyHalvesTheServersSharedLimitAndTheRetryCountsAsOne() {
        server.enqueue(Reply.error(503, "server busy, please try again.  maximum pending requests exceeded"))
                .enqueue(Reply.answer("fine"));
        io.github.llmtest.internal.provider.AdaptiveLimit limit =
                new io.github.llmtest.internal.provider.AdaptiveLimit("ollama test", 4);
        try (OllamaClient shared = OllamaClient.builder().baseUrl(server.url()).limit(limit)
                .retries(2, Duration.ofMillis(1)).build()) {

            LiveAnswer response = shared.chat(OllamaClientTest.ask("phi4", "hi"));

            assertThat(response.text()).isEqualTo("fine");
            assertThat(limit.history()).containsExactly(4, 2);
            assertThat(limit.counts()).satisfies(c -> {
                assertThat(c.done()).isEqualTo(1);
                assertThat(c.retried()).isEqualTo(1);
                assertThat(c.failed()).isZero();
                assertThat(c.inFlight()).isZero();
            });
        }
    }

    @Test
    void busyEveryTimeFailsAfterTheBoundedRetries() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(Reply.error(503, "server busy, please try again.  maximum pending requests exceeded"));
        }

        OllamaException e = chatFails();

        assertThat(e.kind()).isEqualTo(OllamaException.Kind.BUSY);
        assertThat(e).hasMessageContaining("all 3 tries").hasMessageContaining("maximum pending requests");
        assertThat(server.generations()).hasSize(3);
    }

    @Test
    void badRequestQuotesTheServer() {
        server.enqueue(Reply.error(400, "\"phi4\" does not support thinking"));

        OllamaException e = chatFails();

        assertThat(e.kind()).isEqualTo(OllamaException.Kind.BAD_REQUEST);
        assertThat(e.status()).hasValue(400);
        assertThat(e).hasMessageContaining("does not support thinking");
    }

    @Test
    void serverErrorQuotesTheServerAndPointsAtItsLog() {
        server.enqueue(Reply.error(500, "option \"stop\" must be of type array"));

        OllamaException e = chatFails();

        assertThat(e.kind()).isEqualTo(OllamaException.Kind.SERVER_ERROR);
        assertThat(e).hasMessageContaining("must be of type array").hasMessageContaining("log");
    }

    @Test
    void unknownPathIsAnHttpErrorThatQuestionsTheUrl() {
        OllamaException e = catchThrowableOfType(OllamaException.class, () -> {
            try (OllamaClient wrong = clientFor(server.url() + "/not-ollama", Duration.ofSeconds(5))) {
                wrong.version();
            }
        });

        assertThat(e.kind()).isEqualTo(OllamaException.Kind.HTTP_ERROR);
        assertThat(e).hasMessageContaining("404").hasMessageContaining("Ollama server");
    }

    @Test
    void errorLineMidStreamKeepsThePartialText() {
        server.enqueue(Reply.lines(
                "{\"model\":\"phi4\",\"created_at\":\"2025-10-26T17:21:21.231094Z\",\"message\":{\"role\":\"assistant\",\"content\":\"can\"},\"done\":false}",
                "{\"error\":\"an error was encountered while running the model\"}"));

        OllamaException e = chatFails();

        assertThat(e.kind()).isEqualTo(OllamaException.Kind.STREAM_ERROR);
        assertThat(e.partialText()).contains("can");
        assertThat(e).hasMessageContaining("an error was encountered while running the model");
    }

    @Test
    void streamEndingWithoutDoneIsIncomplete() {
        server.enqueue(Reply.lines(
                "{\"model\":\"phi4\",\"created_at\":\"2025-01-14T09:20:01Z\",\"message\":{\"role\":\"assistant\",\"content\":\"half an\"},\"done\":false}"));

        OllamaException e = chatFails();

        assertThat(e.kind()).isEqualTo(OllamaException.Kind.INCOMPLETE_STREAM);
        assertThat(e.partialText()).contains("half an");
        assertThat(e).hasMessageContaining("done");
    }

    @Test
    void bodyThatIsNotJsonIsMalformedAndQuotesItsStart() {
        server.enqueue(Reply.status(200, "text/html", "<html><body>Proxy login required</body></html>"));

        OllamaException e = catchThrowableOfType(OllamaException.class,
                () -> client.chat(OllamaClientTest.ask("phi4", "hi"), false));

        assertThat(e.kind()).isEqualTo(OllamaException.Kind.MALFORMED_RESPONSE);
        assertThat(e).hasMessageContaining("<html><body>Proxy login required");
    }

    @Test
    void streamLineThatIsNotJsonIsMalformed() {
        server.enqueue(Reply.lines("data: {\"choices\":[]}", DONE_LINE));

        OllamaException e = chatFails();

        assertThat(e.kind()).isEqualTo(OllamaException.Kind.MALFORMED_RESPONSE);
        assertThat(e).hasMessageContaining("data: {");
    }

    @Test
    void headersThatNeverComeTimeOutNamingTheTimeout() {
        try (OllamaClient impatient = clientFor(server.url(), Duration.ofMillis(300))) {
            server.enqueue(Reply.silence(Duration.ofSeconds(3)));
            long started = System.nanoTime();

            OllamaException e = catchThrowableOfType(OllamaException.class,
                    () -> impatient.chat(OllamaClientTest.ask("phi4", "hi")));

            assertThat(e.kind()).isEqualTo(OllamaException.Kind.TIMEOUT);
            assertThat(e).hasMessageContaining("read timeout of 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void overallCallTimeoutIsATimeout() {
        try (OllamaClient bounded = OllamaClient.builder().baseUrl(server.url()).timeouts(
                new Timeouts(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMillis(400))).build()) {
            server.enqueue(Reply.answer("slow slow slow slow", Duration.ofMillis(150)));

            OllamaException e = catchThrowableOfType(OllamaException.class,
                    () -> bounded.chat(OllamaClientTest.ask("phi4", "hi")));

            assertThat(e.kind()).isEqualTo(OllamaException.Kind.TIMEOUT);
            assertThat(e).hasMessageContaining("call timeout of 400 ms");
        }
    }

    @Test
    void connectionDroppedMidBodyIsConnectionLostWithPartialText() {
        server.enqueue(Reply.linesThenDrop(
                "{\"model\":\"phi4\",\"created_at\":\"2025-01-14T09:20:01Z\",\"message\":{\"role\":\"assistant\",\"content\":\"The 20th\"},\"done\":false}"));

        OllamaException e = chatFails();

        assertThat(e.kind()).isEqualTo(OllamaException.Kind.CONNECTION_LOST);
        assertThat(e).hasMessageContaining("broke while reading");
        assertThat(e.partialText()).contains("The 20th");
    }

    @Test
    void invalidBuilderValuesAreRejectedWithTheirName() {
        assertThatThrownBy(() -> OllamaClient.builder().maxConcurrentRequests(0))
                .hasMessageContaining("maxConcurrentRequests");
        assertThatThrownBy(() -> new Timeouts(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("read timeout");
        assertThatThrownBy(() -> Options.builder().numCtx(0)).hasMessageContaining("num_ctx");
        assertThatThrownBy(() -> Format.schema("[1]")).hasMessageContaining("JSON object");
    }
}
