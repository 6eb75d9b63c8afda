package io.github.llmtest.internal.ollama;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OllamaHostTest {

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL                          | http://127.0.0.1:11434",
            "''                            | http://127.0.0.1:11434",
            "'   '                         | http://127.0.0.1:11434",
            "1.2.3.4                       | http://1.2.3.4:11434",
            "localhost                     | http://localhost:11434",
            ":1234                         | http://127.0.0.1:1234",
            "example.com:56789             | http://example.com:56789",
            "http://example.com            | http://example.com:80",
            "https://example.com           | https://example.com:443",
            "https://example.com/ollama    | https://example.com:443/ollama",
            "example.com/ollama/           | http://example.com:11434/ollama",
            "http://127.0.0.1:11434/       | http://127.0.0.1:11434",
            "[::1]:1337                    | http://[::1]:1337",
            "[::1]                         | http://[::1]:11434",
            "http://[0001:002:003:0004::1]:56789/path/ | http://[0001:002:003:0004::1]:56789/path",
            "'\"localhost:8080\"'          | http://localhost:8080",
    })
    void resolvesLikeTheOfficialPythonClient(String host, String expected) {
        assertThat(OllamaHost.resolve(host)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:abc", "localhost:0", "localhost:70000"})
    void rejectsAnInvalidPortNamingIt(String host) {
        assertThatThrownBy(() -> OllamaHost.resolve(host))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid port")
                .hasMessageContaining(host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com", "[::1"})
    void rejectsWhatIsNotAnHttpAddress(String host) {
        assertThatThrownBy(() -> OllamaHost.resolve(host)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(host);
    }
}
