package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.fake.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Each call is priced from the price table and its recorded usage; the report sums the costs per test and run. */
class CostTest {

    /**
     * The prices (dollars per million tokens) the hand computations below use. o1: 10,000 prompt tokens of which
     * 4,000 cached, 3,000 output tokens of which 2,000 reasoning: 6,000 × 15 + 4,000 × 7.5 + 1,000 × 60
     * + 2,000 × 60 = $0.09 + $0.03 + $0.06 + $0.12 = $0.30. gpt-4o: 20,000 prompt tokens of which 8,000 cached, 1,000
     * output: 12,000 × 2.5 + 8,000 × 1.25 + 1,000 × 10 = $0.03 + $0.01 + $0.01 = $0.05. phi4 (Ollama, given a price):
     * 40 prompt tokens × 1,000 + its output tokens × 2,000.
     */
    static final String PRICES = """
            {"taken": "2026-12-01", "source": "a test",
             "models": {"openai:o1*": {"input": 15, "cached_input": 7.5, "output": 60, "reasoning": 60},
                        "openai:gpt-4o*": {"input": 2.5, "cached_input": 1.25, "output": 10},
                        "openai:gpt-4o-mini": {"input": 0.15, "output": 0.6},
                        "phi4": {"input": 1000, "output": 2000}}}
            """;

    static final List<LlmAnswer> ANSWERS = new CopyOnWriteArrayList<>();

    @TempDir
    Path work;
    FakeOllama ollama;
    FakeOpenAi openai;
    Path prices;

    @BeforeEach
    void start() throws Exception {
        ANSWERS.clear();
        ollama = FakeOllama.start().installModel("llama3.2:latest", "a80c4f17acd5").answerWith(r -> "six seven");
        openai = FakeOpenAi.start()
                .forModel("o1", FakeOpenAi.answerWithUsage("6765", 10_000, 4_000, 3_000, 2_000))
                .forModel("gpt-4o", FakeOpenAi.answerWithUsage("6765", 20_000, 8_000, 1_000, 0));
        prices = Files.writeString(work.resolve("prices.json"), PRICES);
    }

    @AfterEach
    void stop() {
        ollama.close();
        openai.close();
    }

    @LlmTest
    static class ThreeModels {
        @org.junit.jupiter.api.Test
        void fibonacci(Llm llm) {
            ANSWERS.add(llm.withModel("openai:o1").ask("fib 20"));
            ANSWERS.add(llm.withModel("openai:gpt-4o").ask("fib 20"));
            ANSWERS.add(llm.ask("fib 20"));
            ANSWERS.add(llm.withModel("llama3.2").ask("fib 20"));
        }
    }

    @Test
    void aCallIsPricedFromItsUsageWithCachedAndReasoningTokensApart() {
        run("record", ThreeModels.class).testEvents().assertStatistics(s -> s.succeeded(1));

        Cost o1 = ANSWERS.get(0).cost().orElseThrow();
        assertThat(o1.model()).isEqualTo("openai:o1*");
        assertThat(o1.promptTokens()).isEqualTo(10_000);
        assertThat(o1.cachedPromptTokens()).isEqualTo(4_000);
        assertThat(o1.reasoningTokens()).isEqualTo(2_000);
        assertThat(o1.inputUsd()).isCloseTo(0.09, within(1e-9));
        assertThat(o1.cachedInputUsd()).isCloseTo(0.03, within(1e-9));
        assertThat(o1.outputUsd()).isCloseTo(0.06, within(1e-9));
        assertThat(o1.reasoningUsd()).isCloseTo(0.12, within(1e-9));
        assertThat(o1.totalUsd()).isCloseTo(0.30, within(1e-9));
        assertThat(ANSWERS.get(1).cost().orElseThrow().totalUsd()).isCloseTo(0.05, within(1e-9));
        int phi4Output = ANSWERS.get(2).latency().outputTokens().orElseThrow();
        assertThat(ANSWERS.get(2).cost().orElseThrow().totalUsd())
                .isCloseTo((40 * 1000 + phi4Output * 2000) / 1e6, within(1e-9));
        assertThat(ANSWERS.get(3).cost()).as("a local model without a price costs nothing known").isEmpty();
    }

    @Test
    void aReplayedCallHasTheCostItHadWhenRecorded() {
        run("record", ThreeModels.class).testEvents().assertStatistics(s -> s.succeeded(1));
        ANSWERS.clear();
        openai.close();
        ollama.close();

        run("replay", ThreeModels.class).testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(ANSWERS.get(0).replayed()).isTrue();
        assertThat(ANSWERS.get(0).cost().orElseThrow().totalUsd()).isCloseTo(0.30, within(1e-9));
        assertThat(ANSWERS.get(0).cost().orElseThrow().cachedPromptTokens()).isEqualTo(4_000);
        assertThat(ANSWERS.get(1).cost().orElseThrow().totalUsd()).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void theReportSumsTheCostsPerTestAndRunToTheCent() throws Exception {
        Path reports = work.resolve("reports");
        launch("record", reports, ThreeModels.class);
        int phi4Output = ANSWERS.get(2).latency().outputTokens().orElseThrow();
        double expected = 0.30 + 0.05 + (40 * 1000 + phi4Output * 2000) / 1e6;

        JsonNode report = new ObjectMapper().readTree(Files.readString(reports.resolve("report.json")));
        JsonNode run = report.path("cost");
        assertThat(run.path("priced_calls").asInt()).isEqualTo(3);
        assertThat(run.path("live_usd").asDouble()).isCloseTo(expected, within(0.005));
        assertThat(run.path("recorded_usd").asDouble()).isZero();
        assertThat(run.path("judge_usd").asDouble()).isZero();
        assertThat(run.path("reasoning_usd").asDouble()).isCloseTo(0.12, within(0.005));
        assertThat(run.path("by_model").path("openai:o1").asDouble()).isCloseTo(0.30, within(0.005));
        JsonNode test = report.path("tests").get(0);
        assertThat(test.path("cost").path("live_usd").asDouble()).isCloseTo(expected, within(0.005));
        JsonNode firstCall = test.path("calls").get(0).path("cost");
        assertThat(firstCall.path("usd").asDouble()).isCloseTo(0.30, within(1e-9));
        assertThat(firstCall.path("reasoning_tokens").asInt()).isEqualTo(2_000);
        assertThat(firstCall.path("cached_prompt_tokens").asInt()).isEqualTo(4_000);
        assertThat(firstCall.path("recorded").asBoolean(true)).isFalse();
        assertThat(test.path("calls").get(3).has("cost")).isFalse();
        assertThat(Files.readString(reports.resolve("report.md")))
                .contains(String.format(java.util.Locale.ROOT, "Cost of 3 priced call(s): $%.4f live", expected));

        ANSWERS.clear();
        Path replayed = work.resolve("replayed");
        launch("replay", replayed, ThreeModels.class);
        JsonNode again = new ObjectMapper().readTree(Files.readString(replayed.resolve("report.json")));
        assertThat(again.path("cost").path("live_usd").asDouble()).isZero();
        assertThat(again.path("cost").path("recorded_usd").asDouble()).isCloseTo(expected, within(0.005));
        assertThat(again.path("tests").get(0).path("calls").get(0).path("cost").path("recorded").asBoolean())
                .as("a replayed call shows its recorded cost").isTrue();
    }

    @Test
    void aMalformedPriceFileFailsBeforeAnyCallNamingTheFileAndEntry() throws Exception {
        Files.writeString(prices, """
                {"models": {"openai:gpt-4o*": {"input": 2.5, "output": "ten"}}}
                """);

        EngineExecutionResults results = run("record", ThreeModels.class);

        results.testEvents().assertStatistics(s -> s.succeeded(0));
        String message = classFailure(results);
        assertThat(message).contains(prices.toString()).contains("\"openai:gpt-4o*\"").contains("\"output\"");
        assertThat(openai.requests()).isEmpty();
        assertThat(ollama.requests("/api/chat")).isEmpty();
    }

    @Test
    void aPriceFileThatIsNotThereIsAConfigurationError() {
        Map<String, String> config = config("record");
        config.put(LlmTest.PRICES_PARAMETER, work.resolve("missing.json").toString());

        EngineExecutionResults results = Kit.run(config, ThreeModels.class);

        assertThat(classFailure(results)).contains("missing.json").contains(LlmTest.PRICES_PARAMETER);
        assertThat(openai.requests()).isEmpty();
    }

    @LlmTest
    static class Cheap {
        @org.junit.jupiter.api.Test
        void reasoning(Llm llm) {
            assertThat(llm.withModel("openai:o1").ask("fib 20")).costsAtMost(0.10);
        }
    }

    @Test
    void costsAtMostFailsShowingTheReasoningApart() {
        String message = Kit.failureMessage(run("record", Cheap.class));

        assertThat(message).contains("Expecting a cost of at most $0.100000, but the call cost $0.300000")
                .contains("reasoning: 2000 tokens: $0.120000").contains("10000 tokens (4000 cached)");
    }

    /** The class fails in {@code @BeforeAll}, before any of its tests starts. */
    private static String classFailure(EngineExecutionResults results) {
        Throwable failure = results.containerEvents().failed().list().get(0)
                .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow();
        assertThat(failure).isInstanceOf(org.junit.jupiter.api.extension.ExtensionConfigurationException.class);
        return failure.getMessage();
    }

    private Map<String, String> config(String mode) {
        Map<String, String> config = Kit.config(ollama.url(), openai.url(), work.resolve("fixtures"), mode);
        config.put(LlmTest.PRICES_PARAMETER, prices.toString());
        return config;
    }

    private EngineExecutionResults run(String mode, Class<?> testClass) {
        return Kit.run(config(mode), testClass);
    }

    private void launch(String mode, Path reports, Class<?> testClass) {
        Map<String, String> config = config(mode);
        config.put(LlmTest.REPORT_DIR_PARAMETER, reports.toString());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .configurationParameters(config).build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, summary);
        assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(1);
    }
}
