package io.github.llmtest;

import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.internal.ollama.OllamaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a test sees when the live model cannot be used, and what it sees when a fixture file is broken. */
class LiveFailuresTest {

    @TempDir
    Path fixtures;
    FakeOllama server;

    @BeforeEach
    void start() {
        server = FakeOllama.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @LlmTest
    static class Asks {
        @org.junit.jupiter.api.Test
        void question(Llm llm) {
            llm.ask("What is 2+2?");
        }
    }

    static String downUrl() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void liveModeWithOllamaDownFailsSayingWhereItLookedAndHowToStartIt() throws Exception {
        String url = downUrl();

        EngineExecutionResults results = Kit.run(Kit.config(url, fixtures, "live"), Asks.class);

        results.testEvents().assertStatistics(s -> s.failed(1));
        Throwable failure = Kit.failure(results);
        assertThat(failure).isInstanceOf(OllamaException.class);
        assertThat(failure.getMessage()).contains(url).contains("ollama serve");
    }

    @Test
    void autoModeExplainsThatTheFixtureWasMissingAndHowToRecordIt() throws Exception {
        EngineExecutionResults results = Kit.run(Kit.config(downUrl(), fixtures, "auto"), Asks.class);

        Throwable failure = Kit.failure(results);
        assertThat(failure).isInstanceOf(FixtureException.class);
        assertThat(failure.getMessage()).contains("No answer is recorded for this request")
                .contains("ollama serve").contains("-Dllmtest.mode=record");
        assertThat(failure.getCause()).isInstanceOf(OllamaException.class);
    }

    @Test
    void withSkipPolicyAnUnreachableOllamaSkipsTheTest() throws Exception {
        Map<String, String> config = Kit.config(downUrl(), fixtures, "live");
        config.put(LlmTest.UNAVAILABLE_PARAMETER, "skip");

        EngineExecutionResults results = Kit.run(config, Asks.class);

        results.testEvents().assertStatistics(s -> s.aborted(1).failed(0));
    }

    @Test
    void aModelThatIsNotPulledFailsWithThePullCommand() {
        server.removeModel("phi4:latest");

        EngineExecutionResults results = Kit.run(Kit.config(server.url(), fixtures, "record"), Asks.class);

        assertThat(Kit.failureMessage(results)).contains("ollama pull phi4");
        assertThat(server.generations()).as("no question asked once the load failed").isEmpty();
    }

    @Test
    void aModelThatIsNotPulledIsSkippedWithTheSkipPolicy() {
        server.removeModel("phi4:latest");
        Map<String, String> config = Kit.config(server.url(), fixtures, "live");
        config.put(LlmTest.UNAVAILABLE_PARAMETER, "skip");

        Kit.run(config, Asks.class).testEvents().assertStatistics(s -> s.aborted(1));
    }

    @Test
    void aCorruptFixtureFailsTheTestNamingTheFile() throws Exception {
        Path file = Kit.writeFixture(fixtures, Asks.class, "question",
                "{\"llmtest_fixture_version\":1,\"interactions\":[{\"request\":");

        EngineExecutionResults results = Kit.run(Kit.config(server.url(), fixtures, "auto"), Asks.class);

        assertThat(Kit.failure(results)).isInstanceOf(FixtureException.class);
        assertThat(Kit.failureMessage(results)).contains(file.toString()).contains("not valid JSON");
        assertThat(server.generations()).as("a corrupt file is never overwritten by a live call").isEmpty();
        assertThat(Files.readString(file)).endsWith("\"request\":");
    }

    @Test
    void anInvalidModeFailsTheTestWithAConfigurationError() {
        EngineExecutionResults results = Kit.run(Kit.config(server.url(), fixtures, "sometimes"), Asks.class);

        assertThat(Kit.failure(results))
                .isInstanceOf(org.junit.jupiter.api.extension.ExtensionConfigurationException.class)
                .hasMessageContaining("llmtest.mode").hasMessageContaining("'sometimes'");
    }
}
