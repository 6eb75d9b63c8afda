package io.github.llmtest;

import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

class ModelMatrixTest {

    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @TempDir
    Path fixtures;

    @LlmTest(models = {"phi4", "llama3.2"})
    static class Compared {
        @org.junit.jupiter.api.Test
        void fibonacci(Llm llm) {
            SEEN.add(llm.model());
            assertThat(llm.ask("fib 20")).boxedAnswer().isEqualTo("6765");
        }

        @org.junit.jupiter.api.Test
        void prism(Llm llm) {
            llm.ask("prism");
        }
    }

    private FakeOllama server() {
        return FakeOllama.start().installModel("llama3.2:latest", "a80c4f17acd5")
                .answerWith(r -> r.path("model").asText().equals("phi4") ? "\\boxed{6765}" : "\\boxed{6764}");
    }

    @Test
    void eachTestRunsOncePerModelAsInvocationsNamedAfterTheModel() {
        SEEN.clear();
        try (FakeOllama server = server()) {
            EngineExecutionResults results = Kit.run(Kit.config(server.url(), fixtures, "live"), Compared.class);

            results.testEvents().assertStatistics(s -> s.started(4).succeeded(3).failed(1));
            assertThat(SEEN).containsExactlyInAnyOrder("phi4", "llama3.2");
            List<String> invocations = results.containerEvents().started().list().stream()
                    .map(e -> e.getTestDescriptor().getDisplayName()).filter(n -> n.startsWith("model ")).toList();
            assertThat(invocations).containsExactly("model phi4", "model llama3.2");
            Event failed = results.testEvents().failed().list().get(0);
            assertThat(failed.getTestDescriptor().getUniqueId().toString()).contains("class-template-invocation:#2");
            assertThat(failed.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                    .hasMessageContaining("live call to llama3.2");
            assertThat(server.generations()).extracting(r -> r.json().path("model").asText())
                    .containsOnly("phi4", "llama3.2").hasSize(4);
        }
    }

    @Test
    void eachModelIsRecordedApartAndReplayedFromItsOwnRecording() {
        try (FakeOllama server = server()) {
            Kit.run(Kit.config(server.url(), fixtures, "record"), Compared.class);
        }
        assertThat(Kit.read(Kit.fixture(fixtures, Compared.class, "fibonacci")).path("interactions"))
                .extracting(i -> i.path("request").path("model").asText())
                .containsExactlyInAnyOrder("phi4", "llama3.2");

        EngineExecutionResults replayed = Kit.run(Kit.config("http://127.0.0.1:1", fixtures, "replay"), Compared.class);

        replayed.testEvents().assertStatistics(s -> s.succeeded(3).failed(1));
        assertThat(Kit.failureMessage(replayed)).contains("boxed answer \"6764\"").contains("against llama3.2");
    }

    @LlmTest(models = {"phi4", " "})
    static class BlankModel {
        @org.junit.jupiter.api.Test
        void test(Llm llm) {
        }
    }

    @LlmTest(models = {"phi4", "phi4"})
    static class DuplicateModel {
        @org.junit.jupiter.api.Test
        void test(Llm llm) {
        }
    }

    @Test
    void misuseOfModelsIsAConfigurationErrorNamingTheAttribute() {
        for (Class<?> misused : List.of(BlankModel.class, DuplicateModel.class)) {
            EngineExecutionResults results = Kit.run(Kit.config("http://127.0.0.1:1", fixtures, "replay"), misused);

            Throwable failure = results.containerEvents().failed().list().get(0)
                    .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
            assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                    .hasMessageContaining("`models`");
        }
    }
}
