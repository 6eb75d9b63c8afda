package io.github.llmtest.internal.provider;

import io.github.llmtest.Message;
import io.github.llmtest.Options;
import io.github.llmtest.fake.ClosingServer;
import io.github.llmtest.internal.ollama.OllamaClient;
import io.github.llmtest.internal.ollama.OllamaException;
import io.github.llmtest.internal.openai.OpenAiClient;
import io.github.llmtest.internal.openai.OpenAiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A server that announces keep-alive but closes the connection after each streamed answer, as llama.cpp's server
 * does: the request that finds the pooled connection closed is sent once more on a new one; a request whose
 * response had begun, or that failed on a new connection, is not sent again.
 */
class StaleConnectionRetryTest {

    static final String EVENTS = "data: {\"model\":\"tiny\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
            + "\"content\":null}}]}\n\ndata: {\"model\":\"tiny\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
            + "\"Hello\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
    static final String NDJSON = "{\"model\":\"phi4\",\"message\":{\"role\":\"assistant\",\"content\":\"Hello\"},"
            + "\"done\":false}\n{\"model\":\"phi4\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
            + "\"done\":true,\"done_reason\":\"stop\"}\n";
    static final ChatCall CALL = new ChatCall("tiny", List.of(Message.user("Say hello.")), Options.none(), null);

    ClosingServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private static OpenAiClient openAi(String url) {
        return OpenAiClient.builder().baseUrl(url + "/v1").retries(0, Duration.ofMillis(10)).build();
    }

    @Test
    void theSecondOpenAiCallOnAConnectionTheServerClosedIsSentAgainOnANewOne() {
        server = ClosingServer.start(n -> ClosingServer.Reply.chunked("text/event-stream", EVENTS));
        try (OpenAiClient client = openAi(server.url())) {
            assertThat(client.chat(CALL).text()).isEqualTo("Hello");

            LiveAnswer second = client.chat(CALL);

            assertThat(second.text()).isEqualTo("Hello");
            assertThat(server.connectionCount()).as("the retry opened a new connection").isEqualTo(2);
            assertThat(server.requestCount()).as("answered requests").isEqualTo(2);
        }
    }

    @Test
    void theSecondOllamaCallOnAConnectionTheServerClosedIsSentAgainOnANewOne() {
        server = ClosingServer.start(n -> ClosingServer.Reply.chunked("application/x-ndjson", NDJSON));
        try (OllamaClient client = OllamaClient.builder().baseUrl(server.url()).build()) {
            assertThat(client.chat(CALL, true).text()).isEqualTo("Hello");

            assertThat(client.chat(CALL, true).text()).isEqualTo("Hello");
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void aForwardedCallOnAConnectionTheServerClosedIsSentAgainOnANewOne() {
        server = ClosingServer.start(n -> ClosingServer.Reply.chunked("text/event-stream", EVENTS));
        byte[] body = "{\"model\":\"tiny\",\"stream\":true,\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
        try (OpenAiClient client = openAi(server.url())) {
            for (int i = 0; i < 3; i++) {
                String answered = client.forward("/v1/chat/completions", body, "tiny", Map.of(),
                        (response, started, failures) -> response.code() + " " + response.body().string());
                assertThat(answered).as("call %d", i + 1).isEqualTo("200 " + EVENTS);
            }
            assertThat(server.connectionCount()).isEqualTo(3);
        }
    }

    @Test
    void aRequestWhoseResponseHadBegunIsNotSentAgain() {
        server = ClosingServer.start(n -> n == 0 ? ClosingServer.Reply.chunked("text/event-stream", EVENTS)
                : ClosingServer.Reply.brokenAfter("text/event-stream", "data: {\"model\":\"tiny\",\"choices\":[{"
                + "\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n"));
        try (OpenAiClient client = openAi(server.url())) {
            client.chat(CALL);

            // sent again on a new connection after the pooled one was found closed; that answer breaks off
            OpenAiException e = catchThrowableOfType(OpenAiException.class, () -> client.chat(CALL));

            assertThat(e).as("the second call fails").isNotNull();
            assertThat(e.partialText()).contains("Hel");
            assertThat(server.requestCount()).as("the broken answer's request was not sent again").isEqualTo(2);
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void aRequestThatFailsOnANewConnectionIsNotSentAgain() {
        // every connection is closed without an answer: the stand-in answers nothing after a break-off
        server = ClosingServer.start(n -> new ClosingServer.Reply("", "", true));
        try (OllamaClient client = OllamaClient.builder().baseUrl(server.url()).build()) {
            OllamaException e = catchThrowableOfType(OllamaException.class, () -> client.chat(CALL, true));

            assertThat(e).isNotNull();
            assertThat(server.connectionCount()).as("one connection, one try").isEqualTo(1);
        }
    }
}
