package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.test;

/**
 * Budgets over the calls of all samples: percentiles, inter-token latency and goodput. The figures are set in the
 * fixtures, so the verdicts do not depend on this machine's speed.
 */
class LatencyPercentilesTest {

    static final List<LlmAnswer> ANSWERS = new CopyOnWriteArrayList<>();

    @TempDir
    Path fixtures;

    static void ask(Llm llm) {
        ANSWERS.add(llm.withOptions(Options.builder().temperature(0.7).build()).ask("Find the 20th value"));
    }

    @LlmTest
    static class Budgets {
        @org.junit.jupiter.api.Test
        @Samples(10)
        @LatencyBudget(firstToken = "1s", interToken = "80ms", percentile = 80, minGoodput = 0.8)
        void heldAtTheEightiethPercentile(Llm llm) {
            ask(llm);
        }

        @org.junit.jupiter.api.Test
        @Samples(10)
        @LatencyBudget(firstToken = "1s", interToken = "80ms", minTokensPerSecond = 25, percentile = 95)
        void brokenAtTheNinetyFifth(Llm llm) {
            ask(llm);
        }

        @org.junit.jupiter.api.Test
        @Samples(10)
        @LatencyBudget(interToken = "80ms", minGoodput = 0.9)
        void goodputTooLow(Llm llm) {
            ask(llm);
        }
    }

    /**
     * Records the three tests' calls, then sets each sample's figures: samples 0 to 7 have their first token after
     * 300 ms, a mean gap of 40 ms and 30 tokens/s; samples 8 and 9 take 1.5 s, 120 ms and 20 tokens/s.
     */
    @BeforeEach
    void recordThenSetTheFigures() throws Exception {
        ANSWERS.clear();
        try (FakeOllama ollama = FakeOllama.start().answerWith(r -> "The value is \\boxed{6765}.")) {
            Kit.run(Kit.config(ollama.url(), fixtures, "record"), Budgets.class);
        }
        for (String method : new String[] {"heldAtTheEightiethPercentile", "brokenAtTheNinetyFifth", "goodputTooLow"}) {
            Path file = Kit.fixture(fixtures, Budgets.class, method);
            JsonNode root = Kit.read(file);
            for (JsonNode interaction : root.path("interactions")) {
                boolean slow = interaction.path("request").path("sample").asInt() >= 8;
                ObjectNode client = (ObjectNode) interaction.path("client");
                client.put("first_token_ms", slow ? 1500.0 : 300.0).put("wall_time_ms", 5000.0);
                client.putObject("inter_token").put("gaps", 100).put("mean_ms", slow ? 120.0 : 40.0)
                        .put("p50_ms", slow ? 110.0 : 38.0).put("p95_ms", slow ? 300.0 : 70.0)
                        .put("max_ms", slow ? 900.0 : 95.0);
                ObjectNode metrics = (ObjectNode) interaction.path("metrics");
                metrics.remove("load_duration");
                metrics.put("eval_count", 150).put("eval_duration", slow ? 7_500_000_000L : 5_000_000_000L);
            }
            Files.writeString(file, Kit.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        }
        ANSWERS.clear();
    }

    EngineExecutionResults replay() {
        return Kit.run(Kit.config("http://127.0.0.1:1", fixtures, "replay"), Budgets.class);
    }

    static String failureOf(EngineExecutionResults results, String method) {
        Event failed = results.testEvents().failed().filter(e -> e.getTestDescriptor().getDisplayName()
                .startsWith(method)).findFirst().orElseThrow(() -> new AssertionError(method + " did not fail"));
        return failed.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable()
                .orElseThrow().getMessage();
    }

    @Test
    void aBudgetAtAPercentileIsJudgedOverTheCallsOfAllSamples() {
        EngineExecutionResults results = replay();

        results.testEvents().assertThatEvents().haveExactly(1, org.assertj.core.api.Assertions.allOf(
                test("heldAtTheEightiethPercentile"), org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully()));
        assertThat(failureOf(results, "brokenAtTheNinetyFifth"))
                .startsWith("@LatencyBudget broken at the 95th percentile over 10 LLM call(s)")
                .contains("p95 first token 1.50 s is over the budget of 1.00 s (95% of 10 calls must meet it); worst: "
                        + "call #9 (phi4, sample 9, \"Find the 20th value\") 1.50 s [recorded, not measured: replayed")
                .contains("p95 mean inter-token gap 120 ms is over the budget of 80 ms")
                .contains("p95 generation speed 20.0 tokens/s is under the minimum of 25.0 tokens/s");
        assertThat(failureOf(results, "goodputTooLow"))
                .startsWith("@LatencyBudget broken by 2 of 10 LLM call(s)")
                .contains("call #9 (phi4, sample 9, \"Find the 20th value\"): mean inter-token gap 120 ms is over "
                        + "the budget of 80 ms [recorded, not measured")
                .contains("goodput 80% (8 of 10 calls met every target) is under the minimum of 90%; missed by "
                        + "call #9 (phi4, sample 9");
    }

    @Test
    void interTokenFiguresReachTheAnswerAndItsAssertion() {
        replay();

        LlmAnswer slow = ANSWERS.stream().filter(a -> a.latency().interToken().orElseThrow().mean()
                .equals(Duration.ofMillis(120))).findFirst().orElseThrow();
        Latency.InterToken gaps = slow.latency().interToken().orElseThrow();
        assertThat(gaps.gaps()).isEqualTo(100);
        assertThat(gaps.p95()).isEqualTo(Duration.ofMillis(300));
        assertThat(gaps.max()).isEqualTo(Duration.ofMillis(900));
        assertThat(slow.latency().toString()).contains("inter-token mean 120 ms (p95 300 ms, max 900 ms)");
        assertThat(slow).interTokenWithin(Duration.ofMillis(150));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertThat(slow)
                        .interTokenWithin(Duration.ofMillis(100)))
                .hasMessageContaining("Expecting a mean inter-token latency within 100 ms, but it was 120 ms "
                        + "(median 110 ms, p95 300 ms, longest 900 ms over 100 gaps)")
                .hasMessageContaining("These figures were recorded, not measured in this run");
    }

    @LlmTest
    static class Streamed {
        @org.junit.jupiter.api.Test
        void asks(Llm llm) {
            ANSWERS.add(llm.ask("Count to five"));
        }
    }

    @Test
    void theClientTimesTheGapsBetweenStreamedPiecesAndTheFixtureKeepsThem() {
        ANSWERS.clear();
        try (FakeOllama ollama = FakeOllama.start().answerWith(r -> "one two three four five")
                .chunkDelay(Duration.ofMillis(20))) {
            Kit.run(Kit.config(ollama.url(), fixtures, "record"), Streamed.class)
                    .testEvents().assertStatistics(s -> s.succeeded(1));
        }
        Latency.InterToken live = ANSWERS.get(0).latency().interToken().orElseThrow();
        assertThat(live.gaps()).isPositive();
        assertThat(live.mean()).as("each piece came at least 20 ms after the one before")
                .isGreaterThanOrEqualTo(Duration.ofMillis(15));
        assertThat(live.max()).isGreaterThanOrEqualTo(live.p95()).isGreaterThanOrEqualTo(live.p50());
        JsonNode kept = Kit.read(Kit.fixture(fixtures, Streamed.class, "asks")).path("interactions").get(0)
                .path("client").path("inter_token");
        assertThat(kept.path("gaps").asInt()).isEqualTo(live.gaps());

        ANSWERS.clear();
        Kit.run(Kit.config("http://127.0.0.1:1", fixtures, "replay"), Streamed.class)
                .testEvents().assertStatistics(s -> s.succeeded(1));
        Latency.InterToken replayed = ANSWERS.get(0).latency().interToken().orElseThrow();
        assertThat(replayed.gaps()).isEqualTo(live.gaps());
        assertThat(replayed.mean().toNanos()).isCloseTo(live.mean().toNanos(), org.assertj.core.data.Offset.offset(1000L));
    }

    @LlmTest
    static class BadPercentile {
        @org.junit.jupiter.api.Test
        @LatencyBudget(total = "1s", percentile = 0)
        void zero(Llm llm) {
            llm.ask("x");
        }

        @org.junit.jupiter.api.Test
        @LatencyBudget(total = "1s", minGoodput = 1.5)
        void tooMuchGoodput(Llm llm) {
            llm.ask("x");
        }
    }

    @Test
    void aPercentileOrGoodputOutOfRangeIsAConfigurationErrorNamingIt() {
        try (FakeOllama ollama = FakeOllama.start()) {
            EngineExecutionResults results = Kit.run(Kit.config(ollama.url(), fixtures, "live"), BadPercentile.class);

            assertThat(results.testEvents().failed().stream().map(e -> e.getPayload(
                    org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow()))
                    .hasSize(2).allMatch(t -> t instanceof ExtensionConfigurationException)
                    .anyMatch(t -> t.getMessage().contains("`percentile` to be above 0 and at most 100"))
                    .anyMatch(t -> t.getMessage().contains("`minGoodput` to be a share from 0 to 1"));
        }
    }
}
