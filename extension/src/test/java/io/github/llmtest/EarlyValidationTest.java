package io.github.llmtest;

import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad attributes fail before the test body runs, bad requests before any call, each naming what and why. */
class EarlyValidationTest {

    static final AtomicBoolean BODY_RAN = new AtomicBoolean();

    @TempDir
    Path fixtures;
    FakeOllama ollama;

    @BeforeEach
    void start() {
        BODY_RAN.set(false);
        ollama = FakeOllama.start();
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    @LlmTest
    static class BadBudgetNoCalls {
        @org.junit.jupiter.api.Test
        @LatencyBudget(total = "abc")
        void neverAsks() {
            BODY_RAN.set(true);
        }
    }

    @LlmTest
    static class TooManySamples {
        @org.junit.jupiter.api.Test
        @Samples(100_000)
        void sampled(Llm llm) {
            BODY_RAN.set(true);
            llm.ask("hi");
        }
    }

    @Test
    void annotationsAreCheckedBeforeTheBodyRunsEvenWithoutCalls() {
        EngineExecutionResults budget = Kit.run(Kit.config(ollama.url(), fixtures, "live"), BadBudgetNoCalls.class);
        assertThat(Kit.failure(budget)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("`total`").hasMessageContaining("'abc'");

        EngineExecutionResults samples = Kit.run(Kit.config(ollama.url(), fixtures, "live"), TooManySamples.class);
        assertThat(Kit.failure(samples)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("`value` to be from 1 to 1000, but was 100000");
        assertThat(BODY_RAN).isFalse();
        assertThat(ollama.requests()).isEmpty();
    }

    static volatile Runnable request;

    @LlmTest
    static class Asks {
        @org.junit.jupiter.api.Test
        void asks(Llm llm) {
            current = llm;
            request.run();
        }
    }

    static volatile Llm current;

    EngineExecutionResults ask(Runnable what) {
        request = what;
        return Kit.run(Kit.config(ollama.url(), fixtures, "live"), Asks.class);
    }

    @Test
    void badRequestsFailBeforeAnyCallNamingTheProblem() {
        assertThat(Kit.failureMessage(ask(() -> current.ask("   ")))).contains("A user message is blank");
        assertThat(Kit.failureMessage(ask(() -> current.ask("x".repeat(5_000_000)))))
                .contains("has 5000000 characters, more than the 1000000");
        assertThat(Kit.failureMessage(ask(() -> current.withModel("../../etc/passwd").ask("hi"))))
                .contains("'../../etc/passwd' is not a model name");
        assertThat(Kit.failureMessage(ask(() -> current.withModel("my model").ask("hi"))))
                .contains("'my model' is not a model name");
        assertThat(Kit.failureMessage(ask(() -> current.withModel("phi4\nX-Header: 1").ask("hi"))))
                .contains("is not a model name");
        assertThat(ollama.requests()).as("nothing reached the server").isEmpty();
    }

    @LlmTest(model = "phi4\u0000")
    static class BadModelAttribute {
        @org.junit.jupiter.api.Test
        void asks(Llm llm) {
            BODY_RAN.set(true);
        }
    }

    @Test
    void aBadModelInTheAnnotationIsAConfigurationError() {
        EngineExecutionResults results = Kit.run(Kit.config(ollama.url(), fixtures, "live"), BadModelAttribute.class);
        assertThat(Kit.failure(results)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("is not a model name");
        assertThat(BODY_RAN).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"temperature", "topP", "minP", "numPredict", "numCtx", "topK", "presencePenalty"})
    void optionsOutOfRangeNameTheOptionTheValueAndTheRange(String option) {
        assertThatThrownBy(() -> {
            Options.Builder b = Options.builder();
            switch (option) {
                case "temperature" -> b.temperature(-1);
                case "topP" -> b.topP(7);
                case "minP" -> b.minP(-0.5);
                case "numPredict" -> b.numPredict(-5);
                case "numCtx" -> b.numCtx(0);
                case "topK" -> b.topK(-1);
                default -> b.presencePenalty(3);
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be between")
                .hasMessageMatching("(?s)Option [a-z_]+ must be between .* but was .*");
    }

    @Test
    void aMessageRoleMustBeOneTheApisKnow() {
        assertThatThrownBy(() -> new Message("narrator", "Once upon a time"))
                .hasMessageContaining("role is one of [system, user, assistant, tool], but was 'narrator'");
        assertThatThrownBy(() -> Options.builder().temperature(Double.NaN)).hasMessageContaining("but was NaN");
    }
}
