package io.github.llmtest;

import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.fake.Reply;
import io.github.llmtest.internal.ollama.OllamaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each fault of a live call, seen through @LlmTest: its own kind, a message with cause and remedy, in time. */
class LiveFaultsTest {

    private static final String PARTIAL = "{\"model\":\"phi4\",\"created_at\":\"2025-01-14T09:20:01Z\","
            + "\"message\":{\"role\":\"assistant\",\"content\":\"The 20th\"},\"done\":false}";

    @TempDir
    Path fixtures;

    @LlmTest
    static class Asks {
        @org.junit.jupiter.api.Test
        void question(Llm llm) {
            llm.ask("Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ...");
        }
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                arguments("model not pulled", (Consumer<FakeOllama>) s -> s.removeModel("phi4:latest"),
                        OllamaException.Kind.MODEL_NOT_FOUND, "ollama pull phi4"),
                arguments("busy every time", (Consumer<FakeOllama>) s -> {
                    for (int i = 0; i < 4; i++) {
                        s.enqueue(Reply.error(503, "server busy, please try again.  maximum pending requests exceeded"));
                    }
                }, OllamaException.Kind.BUSY, "OLLAMA_NUM_PARALLEL"),
                arguments("error line mid-stream", (Consumer<FakeOllama>) s -> s.enqueue(Reply.lines(PARTIAL,
                        "{\"error\":\"an error was encountered while running the model\"}")),
                        OllamaException.Kind.STREAM_ERROR, "Check the server log"),
                arguments("stream without done", (Consumer<FakeOllama>) s -> s.enqueue(Reply.lines(PARTIAL)),
                        OllamaException.Kind.INCOMPLETE_STREAM, "closed the stream early"),
                arguments("body that is not JSON", (Consumer<FakeOllama>) s -> s.enqueue(
                        Reply.status(200, "text/html", "<html>gateway</html>")),
                        OllamaException.Kind.MALFORMED_RESPONSE, "points at an Ollama server"),
                arguments("headers that never come", (Consumer<FakeOllama>) s -> s.enqueue(
                        Reply.silence(Duration.ofSeconds(4))),
                        OllamaException.Kind.TIMEOUT, "raise the timeout"),
                arguments("connection dropped mid-body", (Consumer<FakeOllama>) s -> s.enqueue(
                        Reply.linesThenDrop(PARTIAL)),
                        OllamaException.Kind.CONNECTION_LOST, "check its log and retry"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void aLiveCallFailsWithItsKindAndRemedyWithinItsTimeout(String name, Consumer<FakeOllama> fault,
                                                            OllamaException.Kind kind, String remedy) {
        try (FakeOllama server = FakeOllama.start()) {
            fault.accept(server);
            Map<String, String> config = Kit.config(server.url(), fixtures, "live");
            config.put(LlmTest.READ_TIMEOUT_PARAMETER, "700ms");
            long started = System.nanoTime();

            EngineExecutionResults results = Kit.run(config, Asks.class);

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            results.testEvents().assertStatistics(s -> s.failed(1));
            Throwable failure = Kit.failure(results);
            assertThat(failure).isInstanceOf(OllamaException.class);
            assertThat(((OllamaException) failure).kind()).isEqualTo(kind);
            assertThat(failure.getMessage()).contains(server.url()).contains(remedy);
            assertThat(took).as("bounded by the timeouts and the busy retries").isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void busyOnceIsRetriedAndTheTestPasses() {
        try (FakeOllama server = FakeOllama.start()) {
            server.enqueue(Reply.error(503, "server busy, please try again.  maximum pending requests exceeded"));

            Kit.run(Kit.config(server.url(), fixtures, "live"), Asks.class)
                    .testEvents().assertStatistics(s -> s.succeeded(1));

            assertThat(server.generations()).hasSize(2);
        }
    }

    @Test
    void unknownHostIsUnreachableAndSkipsWithTheSkipPolicy() {
        Map<String, String> config = Kit.config("http://no-such-host.invalid:11434", fixtures, "live");

        Throwable failure = Kit.failure(Kit.run(config, Asks.class));
        assertThat(((OllamaException) failure).kind()).isEqualTo(OllamaException.Kind.UNREACHABLE);
        assertThat(failure.getMessage()).contains("no-such-host.invalid").contains("ollama serve");

        config.put(LlmTest.UNAVAILABLE_PARAMETER, "skip");
        Kit.run(config, Asks.class).testEvents().assertStatistics(s -> s.aborted(1).failed(0));
    }
}
