package io.github.llmtest;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test that asks for {@link LlmServer} fails, naming the setting and the property to give it, when its Spring
 * application's model client is configured for another server; and runs when it is configured for LlmServer.
 */
class FrameworkUrlsTest {

    @Configuration
    static class App {
    }

    @SpringJUnitConfig(App.class)
    @TestPropertySource(properties = "spring.ai.ollama.base-url=http://localhost:11434")
    @LlmTest
    static class ConfiguredForAnotherServer {
        @org.junit.jupiter.api.Test
        void run(LlmServer server) {
        }
    }

    @SpringJUnitConfig(App.class)
    @TestPropertySource(properties = {"spring.ai.ollama.base-url=${llmtest.server.ollama-url}",
            "spring.ai.openai.base-url=${llmtest.server.ollama-url}"})
    @LlmTest
    static class ConfiguredForLlmServer {
        @org.junit.jupiter.api.Test
        void run(LlmServer server) {
        }
    }

    @SpringJUnitConfig(App.class)
    @TestPropertySource(properties = "spring.ai.openai.base-url=${no.such.property}")
    @LlmTest
    static class Unresolvable {
        @org.junit.jupiter.api.Test
        void run(LlmServer server) {
        }
    }

    @SpringJUnitConfig(App.class)
    @TestPropertySource(properties = "spring.ai.ollama.base-url=http://localhost:11434")
    @LlmTest
    static class WithoutLlmServer {
        @org.junit.jupiter.api.Test
        void run(Llm llm) {
        }
    }

    private static EngineExecutionResults run(Class<?> testClass) {
        return Kit.run(Map.of(LlmTest.MODE_PARAMETER, "replay"), testClass);
    }

    @Test
    void aSpringApplicationConfiguredForAnotherServerFailsTheTestNamingTheSettingAndTheProperty() {
        EngineExecutionResults results = run(ConfiguredForAnotherServer.class);

        assertThat(results.testEvents().failed().count()).isEqualTo(1);
        assertThat(Kit.failure(results).getMessage())
                .contains("not configured to call LlmServer (" + System.getProperty(LlmServer.OLLAMA_URL_PROPERTY))
                .contains("spring.ai.ollama.base-url is http://localhost:11434")
                .contains("Set spring.ai.ollama.base-url=${llmtest.server.ollama-url} in "
                        + "src/test/resources/application.properties, or add it with @DynamicPropertySource");
    }

    @Test
    void aSpringApplicationConfiguredForLlmServerRuns() {
        assertThat(run(ConfiguredForLlmServer.class).testEvents().succeeded().count()).isEqualTo(1);
    }

    @Test
    void aSettingThatCannotBeResolvedIsNamed() {
        EngineExecutionResults results = run(Unresolvable.class);

        assertThat(Kit.failure(results).getMessage())
                .contains("spring.ai.openai.base-url could not be resolved")
                .contains("no.such.property")
                .contains("Set spring.ai.openai.base-url=${llmtest.server.ollama-url}");
    }

    @Test
    void aTestThatDoesNotAskForLlmServerIsNotJudged() {
        assertThat(run(WithoutLlmServer.class).testEvents().succeeded().count()).isEqualTo(1);
    }
}
