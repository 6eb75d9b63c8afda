package io.github.llmtest;

import io.github.llmtest.internal.provider.Timeouts;
import io.github.llmtest.internal.ollama.OllamaClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Annotation first, then configuration parameter, then environment variable, then default. */
class SettingsTest {

    private final Map<String, String> parameters = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();

    private Settings resolve(Class<?> annotated) {
        List<LlmTest> annotations = annotated == null ? List.of() : List.of(annotated.getAnnotation(LlmTest.class));
        return Settings.resolve(annotations, k -> Optional.ofNullable(parameters.get(k)), environment::get);
    }

    @LlmTest
    static class Plain {
    }

    @LlmTest(model = "llama3.2", mode = LlmMode.LIVE)
    static class Pinned {
    }

    @Test
    void defaultsAreAutoPhi4AndLocalOllama() {
        Settings s = resolve(Plain.class);

        assertThat(s.mode()).isEqualTo(LlmMode.AUTO);
        assertThat(s.model()).isEqualTo("phi4");
        assertThat(s.connection(io.github.llmtest.internal.provider.ProviderTypes.defaultType()).url().plain()).isEqualTo("http://127.0.0.1:11434");
        assertThat(s.fixturesDir()).endsWithRaw(java.nio.file.Path.of("src/test/resources/llm-fixtures"));
        assertThat(s.skipWhenUnavailable()).isFalse();
    }

    @Test
    void onCiTheDefaultModeIsReplay() {
        environment.put("CI", "true");
        assertThat(resolve(Plain.class).mode()).isEqualTo(LlmMode.REPLAY);
    }

    @Test
    void ciSetToFalseKeepsAuto() {
        environment.put("CI", "false");
        assertThat(resolve(Plain.class).mode()).isEqualTo(LlmMode.AUTO);
    }

    @Test
    void environmentBeatsDefault() {
        environment.put("CI", "true");
        environment.put(LlmTest.MODE_ENV, "record");
        environment.put(LlmTest.MODEL_ENV, "qwen2.5");
        environment.put("OLLAMA_HOST", "gpu-box:8080");

        Settings s = resolve(Plain.class);

        assertThat(s.mode()).isEqualTo(LlmMode.RECORD);
        assertThat(s.model()).isEqualTo("qwen2.5");
        assertThat(s.connection(io.github.llmtest.internal.provider.ProviderTypes.defaultType()).url().plain()).isEqualTo("http://gpu-box:8080");
    }

    @Test
    void parameterBeatsEnvironment() {
        environment.put(LlmTest.MODE_ENV, "record");
        environment.put(LlmTest.MODEL_ENV, "qwen2.5");
        environment.put("OLLAMA_HOST", "gpu-box:8080");
        parameters.put(LlmTest.MODE_PARAMETER, "REPLAY");
        parameters.put(LlmTest.MODEL_PARAMETER, "mistral");
        parameters.put(LlmTest.URL_PARAMETER, ":9999");
        parameters.put(LlmTest.UNAVAILABLE_PARAMETER, "skip");

        Settings s = resolve(Plain.class);

        assertThat(s.mode()).isEqualTo(LlmMode.REPLAY);
        assertThat(s.model()).isEqualTo("mistral");
        assertThat(s.connection(io.github.llmtest.internal.provider.ProviderTypes.defaultType()).url().plain()).isEqualTo("http://127.0.0.1:9999");
        assertThat(s.skipWhenUnavailable()).isTrue();
    }

    @Test
    void annotationBeatsParameter() {
        parameters.put(LlmTest.MODE_PARAMETER, "replay");
        parameters.put(LlmTest.MODEL_PARAMETER, "mistral");

        Settings s = resolve(Pinned.class);

        assertThat(s.mode()).isEqualTo(LlmMode.LIVE);
        assertThat(s.model()).isEqualTo("llama3.2");
    }

    @Test
    void invalidModeNamesTheParameterAndTheValue() {
        parameters.put(LlmTest.MODE_PARAMETER, "sometimes");

        assertThatThrownBy(() -> resolve(Plain.class)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining(LlmTest.MODE_PARAMETER).hasMessageContaining("'sometimes'")
                .hasMessageContaining("live, record, replay or auto");
    }

    @Test
    void invalidModeInTheEnvironmentNamesTheVariable() {
        environment.put(LlmTest.MODE_ENV, "default");

        assertThatThrownBy(() -> resolve(Plain.class)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining(LlmTest.MODE_ENV);
    }

    @Test
    void invalidUrlAndUnavailablePolicyNameTheirParameter() {
        parameters.put(LlmTest.URL_PARAMETER, "localhost:notaport");
        assertThatThrownBy(() -> resolve(Plain.class)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining(LlmTest.URL_PARAMETER);

        parameters.remove(LlmTest.URL_PARAMETER);
        parameters.put(LlmTest.UNAVAILABLE_PARAMETER, "ignore");
        assertThatThrownBy(() -> resolve(Plain.class)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining(LlmTest.UNAVAILABLE_PARAMETER).hasMessageContaining("'ignore'");
    }

    @Test
    void timeoutsDefaultForALargeModelAndCanBeSet() {
        assertThat(resolve(Plain.class).timeouts()).isEqualTo(Timeouts.DEFAULT);

        parameters.put(LlmTest.CONNECT_TIMEOUT_PARAMETER, "2s");
        parameters.put(LlmTest.READ_TIMEOUT_PARAMETER, "10m");
        parameters.put(LlmTest.CALL_TIMEOUT_PARAMETER, "PT30M");
        Timeouts t = resolve(Plain.class).timeouts();

        assertThat(t.connect()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(t.read()).isEqualTo(java.time.Duration.ofMinutes(10));
        assertThat(t.call()).isEqualTo(java.time.Duration.ofMinutes(30));
        parameters.put(LlmTest.READ_TIMEOUT_PARAMETER, "forever");
        assertThatThrownBy(() -> resolve(Plain.class)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining(LlmTest.READ_TIMEOUT_PARAMETER).hasMessageContaining("'forever'");
    }

    @Test
    void apiKeyNeverAppearsInToString() {
        environment.put("OLLAMA_API_KEY", "sk-very-secret");

        Settings s = resolve(Plain.class);

        assertThat(s.connection(io.github.llmtest.internal.provider.ProviderTypes.defaultType()).apiKey()).isEqualTo("sk-very-secret");
        assertThat(s.toString()).doesNotContain("sk-very-secret");
    }
}
