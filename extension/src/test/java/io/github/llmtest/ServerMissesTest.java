package io.github.llmtest;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test that asked for {@link LlmServer} and failed on a refused connection, with no call reaching the server, is
 * told that the application's client is configured for another server and which property to give it.
 */
class ServerMissesTest {

    @LlmTest
    static class CallsAnotherServer {
        @org.junit.jupiter.api.Test
        void run(LlmServer server) {
            // what an application's client throws when its base URL is Ollama's default and nothing listens there
            throw new UncheckedIOException("I/O error on POST request for \"http://localhost:11434/api/chat\"",
                    new ConnectException("Connection refused: localhost/127.0.0.1:11434"));
        }
    }

    @LlmTest
    static class UnresolvedPlaceholder {
        @org.junit.jupiter.api.Test
        void run(LlmServer server) {
            throw new IllegalArgumentException("Not enough variable values available to expand 'llmtest.server.ollama-url'");
        }
    }

    @LlmTest
    static class FailsOtherwise {
        @org.junit.jupiter.api.Test
        void run(LlmServer server) {
            throw new IllegalStateException("the application's own bug");
        }
    }

    @LlmTest
    static class NoServer {
        @org.junit.jupiter.api.Test
        void run() throws ConnectException {
            throw new ConnectException("Connection refused: a database");
        }
    }

    private static Throwable failure(Class<?> testClass) {
        EngineExecutionResults results = Kit.run(Map.of(LlmTest.MODE_PARAMETER, "replay"), testClass);
        return Kit.failure(results);
    }

    @Test
    void aRefusedConnectionWithNoCallToTheServerNamesTheProperty() {
        Throwable failure = failure(CallsAnotherServer.class);

        assertThat(failure).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("the test asked for LlmServer (" + System.getProperty(LlmServer.OLLAMA_URL_PROPERTY))
                .hasMessageContaining("a refused connection (Connection refused: localhost/127.0.0.1:11434)")
                .hasMessageContaining("give its base URL the system property llmtest.server.ollama-url")
                .hasCauseInstanceOf(UncheckedIOException.class);
    }

    @Test
    void anUnresolvedPlaceholderNamesTheProperty() {
        assertThat(failure(UnresolvedPlaceholder.class)).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("a setting that could not be resolved (Not enough variable values")
                .hasMessageContaining("llmtest.server.openai-url (OpenAI clients that take the /v1 URL)");
    }

    @Test
    void otherFailuresAndTestsWithoutTheServerAreLeftAsTheyAre() {
        assertThat(failure(FailsOtherwise.class)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the application's own bug");
        assertThat(failure(NoServer.class)).isInstanceOf(ConnectException.class);
    }
}
