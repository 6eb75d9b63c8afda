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
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

class PairedComparisonReportTest {

    private static final String TEST = Pairs.class.getName() + "#solves";

    @TempDir
    Path work;

    @LlmTest
    static class Pairs {
        @CompareModels({"phi4", "llama3.2"})
        @LlmDataset(value = "/datasets/pairs.jsonl", minAccuracy = 0.5, minAccuracyPerTag = 0)
        void solves(LlmCase c, Llm llm) {
            assertThat(llm.ask(c.text("question"))).finalNumber().isEqualByComparingTo(c.text("answer"));
        }
    }

    /**
     * "What is k + 1?" for k = 1..30: phi4 is one off for k ≤ 2, llama3.2 for k ≥ 18. Both right: k = 3..17 (15),
     * only phi4: k = 18..30 (13), only llama3.2: k = 1, 2 (2), neither: none.
     */
    private static FakeOllama server() {
        return FakeOllama.start().installModel("llama3.2:latest", "a80c4f17acd5").answerWith(r -> {
            String q = r.path("messages").get(0).path("content").asText().replaceAll("[^0-9+]", "");
            int k = Integer.parseInt(q.split("\\+")[0]);
            boolean llama = r.path("model").asText().startsWith("llama");
            boolean off = llama ? k >= 18 : k <= 2;
            return "\\boxed{" + (off ? k + 2 : k + 1) + "}";
        });
    }

    private TestExecutionSummary run(Path reports, Map<String, String> extra) {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        try (FakeOllama server = server()) {
            Map<String, String> config = new HashMap<>(Map.of(LlmTest.URL_PARAMETER, server.url(),
                    LlmTest.FIXTURES_DIR_PARAMETER, work.resolve("fixtures").toString(),
                    LlmTest.MODE_PARAMETER, "live", LlmTest.REPORT_DIR_PARAMETER, reports.toString()));
            config.putAll(extra);
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(Pairs.class)).configurationParameters(config).build();
            LauncherFactory.create().execute(request, summary);
        }
        return summary.getSummary();
    }

    @Test
    void everyPairOfModelsGetsTheDifferenceItsIntervalTheDiscordantCasesAndTheExactPValue() throws Exception {
        Path reports = work.resolve("reports");
        run(reports, Map.of());

        JsonNode json = new ObjectMapper().readTree(Files.readString(reports.resolve("report.json")));
        JsonNode all = json.path("comparisons").get(0);
        assertThat(all.path("scope").asText()).isEqualTo("all");
        assertThat(all.path("first").asText()).isEqualTo("phi4");
        assertThat(all.path("second").asText()).isEqualTo("llama3.2");
        assertThat(all.path("cases").asInt()).isEqualTo(30);
        assertThat(all.path("both").asInt()).isEqualTo(15);
        assertThat(all.path("only_first").asInt()).isEqualTo(13);
        assertThat(all.path("only_second").asInt()).isEqualTo(2);
        assertThat(all.path("neither").asInt()).isEqualTo(0);
        assertThat(all.path("difference").asDouble()).isCloseTo(11 / 30.0, within(1e-9));
        // 2 · (1 + 15 + 105) / 2^15; the interval recomputed in Python from Newcombe's formulas: 0.1261 to 0.5584
        assertThat(all.path("p").asDouble()).isCloseTo(242 / 32768.0, within(1e-12));
        assertThat(all.path("p_holm").asDouble()).isCloseTo(242 / 32768.0, within(1e-12));
        assertThat(all.path("interval_low").asDouble()).isCloseTo(0.1261, within(0.00005));
        assertThat(all.path("interval_high").asDouble()).isCloseTo(0.5584, within(0.00005));
        assertThat(all.path("significant").asBoolean()).isTrue();
        assertThat(all.path("detectable_difference").asDouble()).isBetween(0.2, 0.5);
        assertThat(all.path("only_second_cases")).extracting(JsonNode::asText).containsExactly("p1", "p2");
        assertThat(all.path("only_first_cases")).hasSize(13);
        JsonNode low = json.path("comparisons").get(1);
        assertThat(low.path("scope").asText()).isEqualTo("low");
        assertThat(low.path("exploratory").asBoolean()).isTrue();
        assertThat(low.path("only_first").asInt()).isZero();
        assertThat(low.path("only_second").asInt()).isEqualTo(2);

        String markdown = Files.readString(reports.resolve("report.md"));
        assertThat(markdown).contains("### Models compared, pair by pair")
                .contains("| PairedComparisonReportTest$Pairs#solves on /datasets/pairs.jsonl | phi4 vs llama3.2 | 93.3% | 56.7% "
                        + "| +36.7 pts (+12.6 to +55.8) | 13 / 2 | 0.0074 (0.0074) ✱ |");
        assertThat(Files.readString(reports.resolve("report.html"))).contains("Models compared, pair by pair")
                .contains("p1, p2");
    }

    @LlmTest
    static class SampledPair {
        @CompareModels({"phi4", "llama3.2"})
        @io.github.llmtest.Samples(value = 12, minPassRate = 0)
        void fib(Llm llm) {
            assertThat(llm.ask("fib 20")).boxedAnswer().isEqualTo("6765");
        }
    }

    @Test
    void sampledComparisonsArePairedBySampleIndex() throws Exception {
        // seeds 42 + index: phi4 is wrong on sample 0 only, llama3.2 right on samples 0, 1, 2 only;
        // so 2 both, 9 only phi4, 1 only llama3.2: p = 2 · (1 + 10) / 2^10
        Path reports = work.resolve("sampled");
        try (FakeOllama server = FakeOllama.start().installModel("llama3.2:latest", "a80c4f17acd5").answerWith(r -> {
            int sample = r.path("options").path("seed").asInt() - 42;
            boolean right = r.path("model").asText().startsWith("llama") ? sample <= 2 : sample != 0;
            return right ? "\\boxed{6765}" : "\\boxed{6766}";
        })) {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(SampledPair.class))
                    .configurationParameters(Map.of(LlmTest.URL_PARAMETER, server.url(),
                            LlmTest.FIXTURES_DIR_PARAMETER, work.resolve("fixtures").toString(),
                            LlmTest.MODE_PARAMETER, "live", LlmTest.REPORT_DIR_PARAMETER, reports.toString()))
                    .build();
            LauncherFactory.create().execute(request);
        }
        JsonNode pair = new ObjectMapper().readTree(Files.readString(reports.resolve("report.json")))
                .path("comparisons").get(0);
        assertThat(pair.path("kind").asText()).isEqualTo("samples");
        assertThat(pair.path("first").asText()).isEqualTo("phi4");
        assertThat(pair.path("both").asInt()).isEqualTo(2);
        assertThat(pair.path("only_first").asInt()).isEqualTo(9);
        assertThat(pair.path("only_second").asInt()).isEqualTo(1);
        assertThat(pair.path("only_second_cases")).extracting(JsonNode::asText).containsExactly("sample 0");
        assertThat(pair.path("p").asDouble()).isCloseTo(22 / 1024.0, within(1e-12));
    }

    @Test
    void theConsoleNamesSignificantDifferencesOnly() {
        // 30 cases: 13 only phi4, 2 only llama3.2 (p = 0.0074) in one test; 3 and 1 (p = 0.625) in another
        List<ReportedTest> tests = new ArrayList<>();
        tests.addAll(cases("Clear", 15, 13, 2, 0));
        tests.addAll(cases("Unclear", 20, 3, 1, 6));
        List<String> lines = Pairwise.console(tests);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).isEqualTo("[llmtest] Clear#solves on /d.jsonl: phi4 93.3% vs llama3.2 56.7%, "
                + "+36.7 pts (+12.6 to +55.8) (p = 0.0074, Holm 0.0074)");
        String summary = new LlmReportListener(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), work).summary(tests, null);
        assertThat(summary).contains(lines.get(0)).doesNotContain("Unclear#solves");
    }

    /** The entries of a dataset run on phi4 and llama3.2 with the given split. */
    private static List<ReportedTest> cases(String test, int both, int onlyPhi, int onlyLlama, int neither) {
        List<ReportedTest> tests = new ArrayList<>();
        int[] counts = {both, onlyPhi, onlyLlama, neither};
        boolean[][] verdicts = {{true, true}, {true, false}, {false, true}, {false, false}};
        List<String> models = List.of("phi4", "llama3.2");
        for (int m = 0; m < 2; m++) {
            int id = 0;
            for (int kind = 0; kind < 4; kind++) {
                for (int i = 0; i < counts[kind]; i++) {
                    id++;
                    boolean passed = verdicts[kind][m];
                    DatasetEntry.Accuracy all = new DatasetEntry.Accuracy("all", 0, 0, 0, 1, 0, true);
                    ReportedTest t = new ReportedTest(test + m + "-" + id, "[" + models.get(m) + ", c" + id + "]");
                    t.dataset = new DatasetEntry("/d.jsonl", "com.example." + test + "#solves", models.get(m),
                            "c" + id, List.of(), passed ? DatasetEntry.PASSED : DatasetEntry.TOLERATED, null, null,
                            new ObjectMapper().createObjectNode(), List.of(),
                            new DatasetEntry.Gate(true, "", all, List.of()));
                    tests.add(t);
                }
            }
        }
        return tests;
    }

    @Test
    void sinceTheBaselineListsTheFlippedCasesAndFailsThemWhenAsked() throws Exception {
        // the baseline: llama3.2 passed every case, and one case (p31) that this version of the dataset lacks
        StringBuilder cases = new StringBuilder();
        for (int k = 1; k <= 31; k++) {
            cases.append(k == 1 ? "" : ",").append("{\"case\":\"p").append(k).append("\",\"outcome\":\"passed\"}");
        }
        Path baseline = Files.writeString(work.resolve("llm-baseline.json"), "{\"llmtest_report_version\":2,"
                + "\"datasets\":[{\"test\":\"" + TEST + "\",\"dataset\":\"/datasets/pairs.jsonl\",\"models\":["
                + "{\"model\":\"llama3.2\",\"cases\":[" + cases + "]}]}],\"tests\":[]}");
        Path reports = work.resolve("since");

        TestExecutionSummary reported = run(reports, Map.of(LlmTest.BASELINE_PARAMETER, baseline.toString()));
        assertThat(reported.getTotalFailureCount()).as("reported only").isZero();

        JsonNode since = new ObjectMapper().readTree(Files.readString(reports.resolve("report.json")))
                .path("since_baseline");
        assertThat(since.path("alpha").asDouble()).isEqualTo(0.05);
        JsonNode llama = since.path("datasets").get(0);
        assertThat(llama.path("model").asText()).isEqualTo("llama3.2");
        assertThat(llama.path("cases").asInt()).isEqualTo(30);
        assertThat(llama.path("removed").asInt()).isEqualTo(1);
        assertThat(llama.path("added").asInt()).isZero();
        assertThat(llama.path("before_accuracy").asDouble()).isEqualTo(1.0);
        assertThat(llama.path("regressed")).hasSize(13).first().extracting(JsonNode::asText).isEqualTo("p18");
        assertThat(llama.path("improved")).isEmpty();
        // 13 discordant cases, all one way: 2 / 2^13
        assertThat(llama.path("p").asDouble()).isCloseTo(2 / 8192.0, within(1e-12));
        assertThat(llama.path("significant_regression").asBoolean()).isTrue();
        assertThat(Files.readString(reports.resolve("report.md"))).contains("### Since the baseline")
                .contains("| 13 (p18, p19, p20, p21, p22, …) / 0 | 0.0002 ✱ | 0 new, 1 gone |");

        TestExecutionSummary failed = run(work.resolve("fail"), Map.of(LlmTest.BASELINE_PARAMETER,
                baseline.toString(), LlmTest.BASELINE_FAIL_PARAMETER, "true"));
        assertThat(failed.getTotalFailureCount()).as("the 13 regressed cases, on llama3.2").isEqualTo(13);
        String message = failed.getFailures().get(0).getException().getMessage();
        assertThat(message).startsWith("@LlmDataset /datasets/pairs.jsonl on llama3.2 regressed since the baseline")
                .contains("13 case(s) passed there and fail now (p18, p19,").contains("p30), 0 the other way")
                .contains("exact McNemar p = 0.0002 < llmtest.baseline.alpha = 0.05");
    }

    @Test
    void aSignificanceLevelThatIsNoLevelIsRefusedNamingTheSetting() {
        TestExecutionSummary failed = run(work.resolve("bad"), Map.of(LlmTest.BASELINE_PARAMETER, "x.json",
                LlmTest.BASELINE_FAIL_PARAMETER, "true", LlmTest.BASELINE_ALPHA_PARAMETER, "5%"));
        assertThat(failed.getTotalFailureCount()).isPositive();
        assertThat(failed.getFailures().get(0).getException().getMessage())
                .contains("llmtest.baseline.alpha=5% is not a level between 0 and 1");
    }
}
