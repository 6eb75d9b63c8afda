package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.llmtest.CompareModels;
import io.github.llmtest.Llm;
import io.github.llmtest.LlmCase;
import io.github.llmtest.LlmDataset;
import io.github.llmtest.LlmTest;
import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

class DatasetReportTest {

    @TempDir
    Path work;

    @LlmTest
    static class Sums {
        @CompareModels({"phi4", "llama3.2"})
        @LlmDataset(value = "/datasets/sums.jsonl", minAccuracy = 0.5, minAccuracyPerTag = 0.2)
        void solves(LlmCase c, Llm llm) {
            assertThat(llm.ask(c.text("question"))).finalNumber().isEqualByComparingTo(c.text("answer"));
        }
    }

    @Test
    void theReportHasASectionPerDatasetWithEachModelsAccuracyTheGateAndTheFailingCases() throws Exception {
        Path reports = work.resolve("reports");
        // phi4 is right; llama3.2 is one off for the sums above 17 (q8, q9, q10)
        try (FakeOllama server = FakeOllama.start().installModel("llama3.2:latest", "a80c4f17acd5").answerWith(r -> {
            String q = r.path("messages").get(0).path("content").asText().replaceAll("[^0-9+]", "");
            int sum = Integer.parseInt(q.split("\\+")[0]) + Integer.parseInt(q.split("\\+")[1]);
            return "\\boxed{" + (r.path("model").asText().startsWith("llama") && sum > 17 ? sum + 1 : sum) + "}";
        })) {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Sums.class))
                    .configurationParameters(Map.of(LlmTest.URL_PARAMETER, server.url(),
                            LlmTest.FIXTURES_DIR_PARAMETER, work.resolve("fixtures").toString(),
                            LlmTest.MODE_PARAMETER, "live", LlmTest.REPORT_DIR_PARAMETER, reports.toString()))
                    .build();
            LauncherFactory.create().execute(request);
        }

        JsonNode json = new ObjectMapper().readTree(Files.readString(reports.resolve("report.json")));
        JsonNode section = json.path("datasets").get(0);
        assertThat(section.path("dataset").asText()).isEqualTo("/datasets/sums.jsonl");
        assertThat(section.path("models")).extracting(m -> m.path("model").asText())
                .containsExactly("phi4", "llama3.2");
        JsonNode llama = section.path("models").get(1);
        assertThat(llama.path("gate").path("overall").path("passed").asInt()).isEqualTo(7);
        assertThat(llama.path("gate").path("overall").path("interval_low").asDouble()).isBetween(0.39, 0.40);
        assertThat(llama.path("gate").path("held").asBoolean()).isTrue();
        assertThat(llama.path("cases")).hasSize(10);
        assertThat(llama.path("cases").get(7).path("outcome").asText()).isEqualTo("tolerated");
        List<String> outcomes = new ArrayList<>();
        json.path("tests").forEach(t -> outcomes.add(t.path("dataset").path("outcome").asText()));
        assertThat(outcomes).as("every case's verdict on its test").hasSize(20)
                .filteredOn("tolerated"::equals).hasSize(3);

        String markdown = Files.readString(reports.resolve("report.md"));
        assertThat(markdown).contains("### Datasets").contains("| gate | ✅ held (≥ 50%) | ✅ held (≥ 50%) |")
                .contains("| accuracy | 10 of 10, 100% (95% interval 72.2%–100%) | 7 of 10, 70% (95% interval")
                .contains("| tag hard | 4 of 4, 100%");
        assertThat(markdown.lines().filter(l -> l.startsWith("| llama3.2 | q")).toList()).hasSize(3)
                .first().asString().contains("| q8 | tolerated | What is 8 + 10? | answer = 18 |")
                .contains("final number: 19");
    }
}
