package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.llmtest.CompareModels;
import io.github.llmtest.Llm;
import io.github.llmtest.LlmCase;
import io.github.llmtest.LlmDataset;
import io.github.llmtest.LlmTest;
import io.github.llmtest.Samples;
import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.fake.FakeOpenAi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The report's comparisons of models are the same whether the models ran ahead together (recording) or one after
 * another (replaying the same answers).
 */
class ComparedModelsReportTest {

    static final List<String> THREADS = new CopyOnWriteArrayList<>();

    @TempDir
    Path work;

    @LlmTest
    static class Compared {
        @CompareModels({"phi4", "openai:gpt-4o"})
        @LlmDataset(value = "/datasets/pairs.jsonl", minAccuracy = 0.5)
        void solves(LlmCase c, Llm llm) {
            THREADS.add(Thread.currentThread().getName());
            assertThat(llm.ask(c.text("question"))).finalNumber().isEqualByComparingTo(c.text("answer"));
        }

        @CompareModels({"phi4", "openai:gpt-4o"})
        @Samples(value = 12, minPassRate = 0)
        void fib(Llm llm) {
            THREADS.add(Thread.currentThread().getName());
            assertThat(llm.ask("fib 20")).boxedAnswer().isEqualTo("6765");
        }
    }

    /**
     * "What is k + 1?": phi4 is one off for k ≤ 2, the other model for k ≥ 18; "fib 20": phi4 is wrong on sample 0,
     * the other model right on samples 0 to 2 only.
     */
    private static String answer(JsonNode request, boolean phi, int seed) {
        String question = request.path("messages").get(0).path("content").asText();
        if (question.startsWith("fib")) {
            int sample = seed - 42;
            return (phi ? sample != 0 : sample <= 2) ? "\\boxed{6765}" : "\\boxed{6766}";
        }
        int k = Integer.parseInt(question.replaceAll("[^0-9+]", "").split("\\+")[0]);
        boolean off = phi ? k <= 2 : k >= 18;
        return "\\boxed{" + (off ? k + 2 : k + 1) + "}";
    }

    private JsonNode run(String mode, Path reports) throws Exception {
        try (FakeOllama ollama = FakeOllama.start().answerWith(r -> answer(r, true,
                r.path("options").path("seed").asInt()));
             FakeOpenAi openAi = FakeOpenAi.start().answerWith(r -> answer(r, false, r.path("seed").asInt()))) {
            Map<String, String> config = new HashMap<>(Map.of(LlmTest.URL_PARAMETER, ollama.url(),
                    LlmTest.OPENAI_URL_PARAMETER, openAi.url(),
                    LlmTest.FIXTURES_DIR_PARAMETER, work.resolve("fixtures").toString(),
                    LlmTest.MODE_PARAMETER, mode, LlmTest.REPORT_DIR_PARAMETER, reports.toString()));
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(Compared.class)).configurationParameters(config).build();
            LauncherFactory.create().execute(request);
        }
        return new ObjectMapper().readTree(Files.readString(reports.resolve("report.json"))).path("comparisons");
    }

    @Test
    void theComparisonsOfModelsThatRanTogetherEqualThoseOfTheSameAnswersOneAfterAnother() throws Exception {
        THREADS.clear();
        JsonNode together = run("record", work.resolve("recorded"));
        assertThat(THREADS).hasSize(30 * 2 + 12 * 2).allMatch(t -> t.startsWith("llmtest-"));
        THREADS.clear();

        JsonNode oneByOne = run("replay", work.resolve("replayed"));

        assertThat(THREADS).hasSize(30 * 2 + 12 * 2).noneMatch(t -> t.startsWith("llmtest-"));
        assertThat(together).extracting(c -> c.path("kind").asText()).contains("samples");
        assertThat(together.get(0).path("only_first").asInt()).isEqualTo(13);
        assertThat(together.get(0).path("only_second").asInt()).isEqualTo(2);
        assertThat(together).isEqualTo(oneByOne);
    }
}
