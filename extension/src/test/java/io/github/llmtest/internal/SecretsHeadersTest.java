package io.github.llmtest.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The credentials an application sends to {@code LlmServer} are kept out of files in every form they could leak in. */
class SecretsHeadersTest {

    @Test
    void aBearerTokenIsFoundAloneAndWithItsScheme() {
        assertThat(Secrets.registerHeader("Authorization", "Bearer tok-secretsheaders-4e1a")).isTrue();

        assertThat(Secrets.found("{\"user\":\"tok-secretsheaders-4e1a\"}"))
                .containsExactly("the Authorization header an application sent to LlmServer");
        assertThat(Secrets.found("Bearer tok-secretsheaders-4e1a")).isNotEmpty();
    }

    @Test
    void theDecodedUserAndPasswordOfBasicAreFoundToo() {
        String basic = Base64.getEncoder().encodeToString("alice:pw-secretsheaders-9b"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(Secrets.registerHeader("Proxy-Authorization", "Basic " + basic)).isTrue();

        assertThat(Secrets.found("the password is pw-secretsheaders-9b"))
                .containsExactly("the Proxy-Authorization header an application sent to LlmServer");
        assertThat(Secrets.found(basic)).isNotEmpty();
    }

    @Test
    void anApiKeyHeaderIsFoundAndShortValuesAreLeftAlone() {
        assertThat(Secrets.registerHeader("x-api-key", "key-secretsheaders-77")).isTrue();
        assertThat(Secrets.registerHeader("api-key", "abc")).isTrue();

        assertThat(Secrets.found("key-secretsheaders-77")).isNotEmpty();
        assertThat(Secrets.found("abc")).isEmpty();
    }
}
