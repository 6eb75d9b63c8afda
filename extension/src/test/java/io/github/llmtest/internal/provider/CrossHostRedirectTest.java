package io.github.llmtest.internal.provider;

import io.github.llmtest.fake.FakeOpenAi;
import io.github.llmtest.internal.openai.OpenAiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.github.llmtest.internal.provider.StaleConnectionRetryTest.CALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A server that answers 307 to another origin (here a second loopback server on another port) never receives the
 * credentials of the request: llmtest's key, Azure's {@code api-key}, or the application's headers that
 * {@code LlmServer} forwards. Another port counts as another host, as it does for OkHttp and for browsers' origins.
 */
class CrossHostRedirectTest {

    static final String KEY = "sk-test-redirect-4b1d";

    FakeOpenAi first;
    FakeOpenAi elsewhere;

    @BeforeEach
    void start() {
        first = FakeOpenAi.start();
        elsewhere = FakeOpenAi.start();
        first.answerWith(r -> "same host");
    }

    @AfterEach
    void stop() {
        first.close();
        elsewhere.close();
    }

    private FakeOpenAi.Script redirectTo(String url) {
        return (exchange, request) -> {
            exchange.getResponseHeaders().set("Location", url + "/v1/chat/completions");
            exchange.sendResponseHeaders(307, -1);
        };
    }

    private static String hostOf(FakeOpenAi server) {
        return server.url().replace("/v1", "").replace("http://", "");
    }

    @Test
    void llmtestsKeyIsNotSentToTheHostARedirectNames() {
        first.enqueue(redirectTo(elsewhere.url().replace("/v1", "")));
        try (OpenAiClient client = OpenAiClient.builder().baseUrl(first.url()).apiKey(KEY).build()) {
            RedirectRefused e = catchThrowableOfType(RedirectRefused.class, () -> client.chat(CALL));

            assertThat(e).as("the redirect is refused").isNotNull();
            assertThat(e).hasMessageContaining(hostOf(first)).hasMessageContaining(hostOf(elsewhere))
                    .hasMessageNotContaining(KEY);
            assertThat(e.status()).hasValue(307);
            assertThat(elsewhere.requests()).as("the other host got nothing").isEmpty();
        }
    }

    @Test
    void anAzureApiKeyForwardedForTheApplicationIsNotSentToTheHostARedirectNames() {
        first.enqueue(redirectTo(elsewhere.url().replace("/v1", "")));
        byte[] body = "{\"model\":\"gpt-4o\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
        try (OpenAiClient client = OpenAiClient.builder().baseUrl(first.url()).build()) {
            RedirectRefused e = catchThrowableOfType(RedirectRefused.class, () -> client.forward(
                    "/v1/chat/completions", body, "gpt-4o", Map.of("api-key", "app-secret-77"),
                    (response, started, failures) -> response.code()));

            assertThat(e).isNotNull();
            assertThat(e).hasMessageContaining(hostOf(elsewhere)).hasMessageNotContaining("app-secret-77");
            assertThat(elsewhere.requests()).isEmpty();
        }
    }

    @Test
    void aRedirectOnTheSameHostIsFollowedWithTheKey() {
        first.enqueue((exchange, request) -> {
            exchange.getResponseHeaders().set("Location", "/v1/chat/completions?moved=1");
            exchange.sendResponseHeaders(307, -1);
        });
        try (OpenAiClient client = OpenAiClient.builder().baseUrl(first.url()).apiKey(KEY).build()) {
            assertThat(client.chat(CALL).text()).isEqualTo("same host");
            assertThat(first.requests()).hasSize(2);
            assertThat(first.requests().get(1).header("authorization")).isEqualTo("Bearer " + KEY);
        }
    }

    @Test
    void aRedirectWithoutCredentialsMayGoElsewhere() {
        first.enqueue(redirectTo(elsewhere.url().replace("/v1", "")));
        elsewhere.answerWith(r -> "elsewhere");
        try (OpenAiClient client = OpenAiClient.builder().baseUrl(first.url()).build()) {
            assertThat(client.chat(CALL).text()).isEqualTo("elsewhere");
        }
    }
}
