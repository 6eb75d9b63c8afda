package io.github.llmtest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public API is what users may depend on: it must not grow by accident. Every public top-level type outside
 * {@code io.github.llmtest.internal} is listed here; adding one is a decision, made by editing this list.
 */
class ApiSurfaceTest {

    static final List<String> API = List.of(
            "io.github.llmtest.CompareModels",
            "io.github.llmtest.Cost",
            "io.github.llmtest.CostBudget",
            "io.github.llmtest.Embedding",
            "io.github.llmtest.EnabledIfOllamaAvailable",
            "io.github.llmtest.FixtureException",
            "io.github.llmtest.Format",
            "io.github.llmtest.LatencyBudget",
            "io.github.llmtest.Latency",
            "io.github.llmtest.Llm",
            "io.github.llmtest.LlmAnswer",
            "io.github.llmtest.LlmCase",
            "io.github.llmtest.LlmDataset",
            "io.github.llmtest.LlmMode",
            "io.github.llmtest.LlmRequest",
            "io.github.llmtest.LlmServer",
            "io.github.llmtest.LlmTest",
            "io.github.llmtest.MergeReports",
            "io.github.llmtest.Message",
            "io.github.llmtest.Options",
            "io.github.llmtest.Samples",
            "io.github.llmtest.Tool",
            "io.github.llmtest.ToolCall",
            "io.github.llmtest.answer.Answers",
            "io.github.llmtest.answer.MathEquivalence",
            "io.github.llmtest.answer.NumericAnswer",
            "io.github.llmtest.assertj.AbstractAnswerAssert",
            "io.github.llmtest.assertj.AnswerTextAssert",
            "io.github.llmtest.assertj.ExtractedAnswerAssert",
            "io.github.llmtest.assertj.JsonAnswerAssert",
            "io.github.llmtest.assertj.LlmJudge",
            "io.github.llmtest.assertj.LlmAnswerAssert",
            "io.github.llmtest.assertj.LlmAssertions",
            "io.github.llmtest.assertj.SemanticComparison");

    @Test
    void thePublicTypesOutsideInternalAreExactlyTheDocumentedApi() throws Exception {
        assertThat(publicTypesOutsideInternal()).containsExactlyInAnyOrderElementsOf(API);
    }

    @Test
    void llmIsSealedSoOnlyTheExtensionCreatesClients() {
        assertThat(Llm.class.isSealed()).isTrue();
        assertThat(LlmServer.class.isSealed()).isTrue();
    }

    static TreeSet<String> publicTypesOutsideInternal() throws IOException, URISyntaxException,
            ClassNotFoundException {
        Path classes = Path.of(Llm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replace('\\', '.')
                        .replaceAll("\\.class$", "");
                if (name.contains("$") || name.endsWith("package-info") || name.contains(".internal")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, ApiSurfaceTest.class.getClassLoader());
                if (Modifier.isPublic(type.getModifiers())) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
