package io.github.llmtest;

import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.BeforeEach;
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

class CompareModelsTest {

    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @TempDir
    Path fixtures;

    @LlmTest
    static class Compared {
        @CompareModels({"phi4", "llama3.2"})
        void fibonacci(Llm llm) {
            SEEN.add(llm.model());
            assertThat(llm.ask("fib 20")).boxedAnswer().isEqualTo("6765");
        }

        @org.junit.jupiter.api.Test
        void prism(Llm llm) {
            SEEN.add(llm.model());
            llm.ask("prism");
        }
    }

    @LlmTest
    static class ComparedWithSetUp {
        String warmedUpWith;

        @BeforeEach
        void warmUp(Llm llm) {
            warmedUpWith = llm.model();
        }

        @CompareModels({"llama3.2", "phi4"})
        void sameModelInSetUp(Llm llm) {
            SEEN.add(warmedUpWith + "=" + llm.model());
        }
    }

    private FakeOllama server() {
        return FakeOllama.start().installModel("llama3.2:latest", "a80c4f17acd5")
                .answerWith(r -> r.path("model").asText().equals("phi4") ? "\\boxed{6765}" : "\\boxed{6764}");
    }

    @Test
    void aComparedMethodRunsOncePerModelAsTestsNamedAfterTheirModel() {
        SEEN.clear();
        try (FakeOllama server = server()) {
            EngineExecutionResults results = Kit.run(Kit.config(server.url(), fixtures, "live"), Compared.class);

            results.testEvents().assertStatistics(s -> s.started(3).succeeded(2).failed(1));
            assertThat(SEEN).containsExactlyInAnyOrder("phi4", "llama3.2", "phi4");
            List<String> names = results.testEvents().started().list().stream()
                    .map(e -> e.getTestDescriptor().getDisplayName()).toList();
            assertThat(names).contains("[phi4]", "[llama3.2]");
            Event failed = results.testEvents().failed().list().get(0);
            assertThat(failed.getTestDescriptor().getDisplayName()).isEqualTo("[llama3.2]");
            assertThat(failed.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                    .hasMessageContaining("live call to llama3.2");
            assertThat(results.containerEvents().started().list()).extracting(e -> e.getTestDescriptor()
                    .getDisplayName()).as("no class-level model layer").noneMatch(n -> n.startsWith("model "));
        }
    }

    @Test
    void lifecycleMethodsGetTheModelOfTheRunTheyPrecede() {
        SEEN.clear();
        try (FakeOllama server = server()) {
            Kit.run(Kit.config(server.url(), fixtures, "live"), ComparedWithSetUp.class)
                    .testEvents().assertStatistics(s -> s.succeeded(2));
        }
        assertThat(SEEN).containsExactly("llama3.2=llama3.2", "phi4=phi4");
    }

    @Test
    void eachModelIsRecordedApartAndReplayedFromItsOwnRecording() {
        try (FakeOllama server = server()) {
            Kit.run(Kit.config(server.url(), fixtures, "record"), Compared.class);
        }
        assertThat(Kit.read(Kit.fixture(fixtures, Compared.class, "fibonacci")).path("interactions"))
                .extracting(i -> i.path("request").path("model").asText())
                .containsExactlyInAnyOrder("phi4", "llama3.2");

        EngineExecutionResults replayed = Kit.run(Kit.config("http://127.0.0.1:1", fixtures, "replay"),
                Compared.class);

        replayed.testEvents().assertStatistics(s -> s.succeeded(2).failed(1));
        assertThat(Kit.failureMessage(replayed)).contains("boxed answer \"6764\"").contains("against llama3.2");
    }

    @LlmTest
    static class BlankModel {
        @CompareModels({"phi4", " "})
        void test(Llm llm) {
        }
    }

    @LlmTest
    static class DuplicateModel {
        @CompareModels({"phi4", "phi4"})
        void test(Llm llm) {
        }
    }

    @LlmTest
    static class NoModel {
        @CompareModels({})
        void test(Llm llm) {
        }
    }

    static class WithoutLlmTest {
        @CompareModels({"phi4"})
        void test() {
        }
    }

    @Test
    void misuseIsAConfigurationErrorNamingTheAttribute() {
        for (Class<?> misused : List.of(BlankModel.class, DuplicateModel.class, NoModel.class, WithoutLlmTest.class)) {
            EngineExecutionResults results = Kit.run(Kit.config("http://127.0.0.1:1", fixtures, "replay"), misused);

            Throwable failure = results.containerEvents().failed().list().get(0)
                    .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
            assertThat(failure).as(misused.getSimpleName()).isInstanceOf(ExtensionConfigurationException.class)
                    .hasMessageContaining("@CompareModels requires");
        }
    }
}
