package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Many tests recording at once, in several classes and into the same files, lose no interaction. */
class ParallelRecordingTest {

    @TempDir
    Path fixtures;

    static Stream<Integer> numbers() {
        return IntStream.range(0, 20).boxed();
    }

    @LlmTest
    static class First {
        @ParameterizedTest
        @MethodSource("io.github.llmtest.ParallelRecordingTest#numbers")
        void sameFile(int n, Llm llm) {
            llm.ask("first " + n);
        }

        @ParameterizedTest
        @MethodSource("io.github.llmtest.ParallelRecordingTest#numbers")
        void otherFile(int n, Llm llm) {
            llm.ask("other " + n);
            llm.ask("other " + n);
        }
    }

    @LlmTest
    static class Second {
        @ParameterizedTest
        @MethodSource("io.github.llmtest.ParallelRecordingTest#numbers")
        void sameFile(int n, Llm llm) {
            llm.ask("second " + n);
        }
    }

    @Test
    void everyInteractionIsInItsFileAndEveryFileParses() throws IOException {
        try (FakeOllama server = FakeOllama.start()) {
            Map<String, String> config = Kit.config(server.url(), fixtures, "record");
            config.put("junit.jupiter.execution.parallel.enabled", "true");
            config.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
            config.put("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
            config.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
            config.put("junit.jupiter.execution.parallel.config.fixed.parallelism", "6");

            EngineExecutionResults results = Kit.run(config, First.class, Second.class);

            results.testEvents().assertStatistics(s -> s.succeeded(60).failed(0));
            assertThat(server.maxConcurrentRequests())
                    .as("one request in flight per Ollama address, however many tests run at once").isEqualTo(1);
        }
        assertThat(prompts(Kit.fixture(fixtures, First.class, "sameFile"))).hasSize(20)
                .allMatch(p -> p.startsWith("first "));
        assertThat(Kit.read(Kit.fixture(fixtures, First.class, "otherFile")).path("interactions"))
                .as("two occurrences for each of 20 prompts").hasSize(40);
        assertThat(prompts(Kit.fixture(fixtures, Second.class, "sameFile"))).hasSize(20);
        try (Stream<Path> files = Files.walk(fixtures)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).hasSize(3).allSatisfy(f -> assertThat(f.toString()).endsWith(".json"));
        }
    }

    private static Set<String> prompts(Path file) {
        Set<String> prompts = new HashSet<>();
        for (JsonNode i : Kit.read(file).path("interactions")) {
            prompts.add(i.path("request").path("messages").get(0).path("content").asText());
        }
        return prompts;
    }
}
