package io.github.llmtest.internal.openai;

import io.github.llmtest.fake.FakeOpenAi;
import io.github.llmtest.internal.provider.LiveAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static io.github.llmtest.internal.openai.OpenAiClientTest.KEY;
import static io.github.llmtest.internal.openai.OpenAiClientTest.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every way a call to an OpenAI-compatible server fails: its own kind, a message with the remedy, never the key. */
class OpenAiClientErrorsTest {

    FakeOpenAi server;
    OpenAiClient client;

    @BeforeEach
    void start() {
        server = FakeOpenAi.start();
        client = OpenAiClient.builder().baseUrl(server.url()).apiKey(KEY).retries(2, Duration.ofMillis(10)).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private OpenAiException fails(OpenAiClient c) {
        OpenAiException e = catchThrowableOfType(OpenAiException.class, () -> c.chat(ask("gpt-4o", "hi")));
        assertThat(e).as("a failure").isNotNull();
        assertThat(e.getMessage()).as("the key is never in a message").doesNotContain(KEY);
        return e;
    }

    private OpenAiException fails() {
        return fails(client);
    }

    @Test
    void aMissingKeySaysWhichVariableToSetAndCountsAsNoModelAvailable() {
        server.enqueue(FakeOpenAi.error(401, "You didn't provide an API key.", "invalid_request_error", null, null,
                Map.of()));
        try (OpenAiClient keyless = OpenAiClient.builder().baseUrl(server.url()).build()) {
            OpenAiException e = fails(keyless);

            assertThat(e.kind()).isEqualTo(OpenAiException.Kind.AUTHENTICATION);
            assertThat(e).hasMessageContaining("No OPENAI_API_KEY is set").hasMessageContaining("(401)");
            assertThat(e.modelUnavailable()).isTrue();
        }
    }

    @Test
    void aWrongKeyIsAnAuthenticationErrorButNotASkip() {
        server.enqueue(FakeOpenAi.error(401, "Incorrect API key provided: sk-test-****9c1e5b.", "invalid_request_error",
                null, "invalid_api_key", Map.of()));

        OpenAiException e = fails();

        assertThat(e.kind()).isEqualTo(OpenAiException.Kind.AUTHENTICATION);
        assertThat(e).hasMessageContaining("was not accepted").hasMessageContaining("OPENAI_API_KEY");
        assertThat(e.modelUnavailable()).isFalse();
        assertThat(server.chats()).as("not retried").hasSize(1);
    }

    @Test
    void forbiddenSaysTheKeyMayLackAccess() {
        server.enqueue(FakeOpenAi.error(403, "Project does not have access to model gpt-4o", "invalid_request_error",
                null, "model_not_found", Map.of()));

        OpenAiException e = fails();

        assertThat(e.kind()).isEqualTo(OpenAiException.Kind.AUTHENTICATION);
        assertThat(e).hasMessageContaining("(403)").hasMessageContaining("may lack access to gpt-4o");
    }

    @Test
    void anUnknownModelIsModelNotFound() {
        server.enqueue(FakeOpenAi.error(404, "The model `gpt-4o` does not exist or you do not have access to it.",
                "invalid_request_error", null, "model_not_found", Map.of()));

        OpenAiException e = fails();

        assertThat(e.kind()).isEqualTo(OpenAiException.Kind.MODEL_NOT_FOUND);
        assertThat(e).hasMessageContaining("Model 'gpt-4o' is not available").hasMessageContaining("openai:");
        assertThat(e.modelUnavailable()).isTrue();
    }

    @Test
    void aBaseUrlWithoutV1IsAnHttpErrorThatSaysSo() {
        try (OpenAiClient rooted = OpenAiClient.builder().baseUrl(server.url().replace("/v1", "")).apiKey(KEY)
                .build()) {
            OpenAiException e = fails(rooted);

            assertThat(e.kind()).isEqualTo(OpenAiException.Kind.HTTP_ERROR);
            assertThat(e).hasMessageContaining("(server said: Invalid URL").hasMessageContaining("ending in /v1");
        }
    }

    @Test
    void aBadRequestQuotesTheServerAndTheParameter() {
        server.enqueue(FakeOpenAi.error(400, "Invalid value for 'stop': too many sequences.", "invalid_request_error",
                "stop", "invalid_value", Map.of()));

        OpenAiException e = fails();

        assertThat(e.kind()).isEqualTo(OpenAiException.Kind.BAD_REQUEST);
        assertThat(e).hasMessageContaining("Invalid value for 'stop'").hasMessageContaining("param: stop");
    }

    @Test
    void aRateLimitIsRetriedAfterTheWaitTheServerAsks() {
        server.enqueue(FakeOpenAi.error(429, "Rate limit reached", "requests", null, "rate_limit_exceeded",
                Map.of("retry-after-ms", "150"))).enqueue(FakeOpenAi.answer("fine"));
        long started = System.nanoTime();

        LiveAnswer answer = client.chat(ask("gpt-4o", "hi"));

        assertThat(answer.text()).isEqualTo("fine");
        assertThat(server.chats()).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited retry-after-ms")
                .isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void retryAfterInSecondsIsHonouredToo() {
        server.enqueue(FakeOpenAi.error(503, "overloaded", "server_error", null, null, Map.of("retry-after", "0.2")))
                .enqueue(FakeOpenAi.answer("fine"));
        long started = System.nanoTime();

        assertThat(client.chat(ask("gpt-4o", "hi")).text()).isEqualTo("fine");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aRateLimitOnEveryTryFailsAfterTwoRetries() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(FakeOpenAi.error(429, "Rate limit reached", "requests", null, "rate_limit_exceeded",
                    Map.of("retry-after-ms", "5")));
        }

        OpenAiException e = fails();

        assertThat(e.kind()).isEqualTo(OpenAiException.Kind.RATE_LIMITED);
        assertThat(e).hasMessageContaining("on all 3 tries");
        assertThat(server.chats()).hasSize(3);
    }

    @Test
    void insufficientQuotaFailsAtOnceSayingSo() {
        server.enqueue(FakeOpenAi.error(429, "You exceeded your current quota, please check your plan and billing "
                + "details.", "insufficient_quota", null, "insufficient_quota", Map.of("retry-after-ms", "5")));

        OpenAiException e = fails();

        assertThat(e.kind()).isEqualTo(OpenAiException.Kind.QUOTA_EXCEEDED);
        assertThat(e).hasMessageContaining("no quota left").hasMessageContaining("does not retry");
        assertThat(server.chats()).hasSize(1);
    }

    @Test
    void serverErrorsAreRetriedThenNamed() {
        server.enqueue(FakeOpenAi.error(500, "boom", "server_error", null, null, Map.of()))
                .enqueue(FakeOpenAi.error(502, "bad gateway", "server_error", null, null, Map.of()))
                .enqueue(FakeOpenAi.error(500, "boom again", "server_error", null, null, Map.of()));

        OpenAiException e = fails();

        assertThat(e.kind()).isEqualTo(OpenAiException.Kind.SERVER_ERROR);
        assertThat(e).hasMessageContaining("status 500 on all 3 tries").hasMessageContaining("boom again");
    }

    @Test
    void theServerCanSayNotToRetry() {
        server.enqueue(FakeOpenAi.error(500, "do not retry", "server_error", null, null,
                Map.of("x-should-retry", "false")));

        assertThat(fails().kind()).isEqualTo(OpenAiException.Kind.SERVER_ERROR);
        assertThat(server.chats()).hasSize(1);
    }

    @Test
    void aStreamCutBeforeDoneIsIncompleteNeverShort() {
        server.enqueue(FakeOpenAi.events(FakeOpenAi.chunk("gpt-4o", true, "The 20th", null).toString(),
                FakeOpenAi.chunk("gpt-4o", false, " value", null).toString()));

        OpenAiException e = fails();

        assertThat(e.kind()).isEqualTo(OpenAiException.Kind.INCOMPLETE_STREAM);
        assertThat(e.partialText()).contains("The 20th value");
        assertThat(e).hasMessageContaining("data: [DONE]").hasMessageContaining("incomplete answer");
    }

    @Test
    void aDroppedConnectionIsConnectionLostWithThePartialText() {
        server.enqueue(FakeOpenAi.eventsThenDrop(FakeOpenAi.chunk("gpt-4o", true, "The 20th", null).toString()));

        OpenAiException e = fails();

        assertThat(e.kind()).isIn(OpenAiException.Kind.CONNECTION_LOST, OpenAiException.Kind.INCOMPLETE_STREAM);
        assertThat(e.partialText()).contains("The 20th");
    }

    @Test
    void anErrorEventMidStreamIsAStreamError() {
        server.enqueue(FakeOpenAi.events(FakeOpenAi.chunk("gpt-4o", true, "Let", null).toString(),
                "{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\"}}"));

        OpenAiException e = fails();

        assertThat(e.kind()).isEqualTo(OpenAiException.Kind.STREAM_ERROR);
        assertThat(e).hasMessageContaining("The server had an error");
        assertThat(e.partialText()).contains("Let");
    }

    @Test
    void aSignInPageAnsweredWith200IsNotServerSentEventsNotAStreamCutShort() {
        String page = "<!DOCTYPE html>\n<html><head><title>Sign in to Example Corp</title></head>\n"
                + "<body>" + "<p>Please sign in.</p>".repeat(200) + "</body></html>\n";
        server.enqueue((exchange, request) -> {
            byte[] bytes = page.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (java.io.OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });

        OpenAiException e = fails();

        assertThat(e.kind()).isEqualTo(OpenAiException.Kind.MALFORMED_RESPONSE);
        assertThat(e).hasMessageContaining("is not server-sent events")
                .hasMessageContaining("Content-Type: text/html; charset=utf-8")
                .hasMessageContaining("<!DOCTYPE html>").hasMessageNotContaining("Sign in to Example Corp")
                .hasMessageNotContaining("ended before");
    }

    @Test
    void anEventThatIsNotJsonIsMalformed() {
        server.enqueue(FakeOpenAi.events("<html>proxy login</html>"));

        OpenAiException e = fails();

        assertThat(e.kind()).isEqualTo(OpenAiException.Kind.MALFORMED_RESPONSE);
        assertThat(e).hasMessageContaining("<html>proxy login");
    }

    @Test
    void nothingListeningIsUnreachableNamingTheSettings() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (OpenAiClient down = OpenAiClient.builder().baseUrl("http://127.0.0.1:" + port + "/v1").apiKey(KEY)
                .build()) {
            OpenAiException e = fails(down);

            assertThat(e.kind()).isEqualTo(OpenAiException.Kind.UNREACHABLE);
            assertThat(e).hasMessageContaining("OPENAI_BASE_URL").hasMessageContaining("llmtest.openai.url");
            assertThat(e.modelUnavailable()).isTrue();
        }
    }
}
