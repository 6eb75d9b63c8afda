package io.github.llmtest;

import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.fake.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code llmtest.budget.usd} caps a live run: once spent, no new live call starts; replays are never refused. */
class RunBudgetTest {

    @TempDir
    Path work;
    FakeOllama ollama;
    FakeOpenAi openai;
    Path prices;

    @BeforeEach
    void start() throws Exception {
        ollama = FakeOllama.start();
        // $0.30 a call (see CostTest for the arithmetic)
        openai = FakeOpenAi.start().forModel("o1", FakeOpenAi.answerWithUsage("6765", 10_000, 4_000, 3_000, 2_000));
        prices = Files.writeString(work.resolve("prices.json"), CostTest.PRICES);
    }

    @AfterEach
    void stop() {
        ollama.close();
        openai.close();
    }

    @LlmTest(model = "openai:o1")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ThreeCalls {
        @org.junit.jupiter.api.Test
        @Order(1)
        void first(Llm llm) {
            llm.ask("fib 20");
        }

        @org.junit.jupiter.api.Test
        @Order(2)
        void second(Llm llm) {
            llm.ask("fib 21");
        }

        @org.junit.jupiter.api.Test
        @Order(3)
        void third(Llm llm) {
            llm.ask("fib 22");
        }
    }

    @Test
    void onceTheBudgetIsSpentNoNewLiveCallStartsAndTheTestSaysWhy() {
        // $0.30 spent after the first call (under $0.50), $0.60 after the second: the third may not start
        EngineExecutionResults results = run("record", "0.50");

        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(1));
        assertThat(Kit.failureMessage(results)).contains("The run's budget was spent: 2 priced live call(s) cost "
                + "$0.6000, reaching -Dllmtest.budget.usd=0.5").contains("ThreeCalls#third could not make its call");
        assertThat(openai.requests()).hasSize(2);
    }

    @Test
    void aReplayRunIsNeverRefused() {
        run("record", null).testEvents().assertStatistics(s -> s.succeeded(3));
        openai.close();

        run("replay", "0").testEvents().assertStatistics(s -> s.succeeded(3));
    }

    @Test
    void aBudgetThatIsNotANumberFailsBeforeAnyCall() {
        EngineExecutionResults results = run("record", "five dollars");

        results.testEvents().assertStatistics(s -> s.succeeded(0));
        assertThat(results.containerEvents().failed().list().get(0)
                .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow())
                .hasMessageContaining("llmtest.budget.usd must be a number of dollars")
                .hasMessageContaining("\"five dollars\"");
        assertThat(openai.requests()).isEmpty();
    }

    @LlmTest
    static class Sums {
        @LlmDataset(value = "/datasets/sums.jsonl", minAccuracy = 0)
        void solves(LlmCase c, Llm llm) {
            llm.ask(c.text("question"));
        }
    }

    @Test
    void aRunBudgetStopsNewCallsMidDataset() {
        // phi4 is priced at $1,000 per million prompt tokens and $2,000 per million output tokens: each case's call
        // costs 40 × $0.001 + its output tokens × $0.002 = $0.052 with the fake server's answer
        Map<String, String> config = new HashMap<>(Kit.config(ollama.url(), work.resolve("fixtures"), "live"));
        config.put(LlmTest.PRICES_PARAMETER, prices.toString());
        config.put(LlmTest.BUDGET_USD_PARAMETER, "0.10");

        EngineExecutionResults results = Kit.run(config, Sums.class);

        // the cases run one after another, so the budget is spent after the second: $0.104
        results.testEvents().assertStatistics(s -> s.started(10).succeeded(2).failed(8));
        assertThat(results.testEvents().failed().list()).allSatisfy(e -> assertThat(e.getPayload(
                        org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow())
                .hasMessageContaining("The run's budget was spent: 2 priced live call(s) cost $0.1040")
                .hasMessageContaining("Sums#solves could not make its call"));
    }

    private EngineExecutionResults run(String mode, String budget) {
        Map<String, String> config = Kit.config(ollama.url(), openai.url(), work.resolve("fixtures"), mode);
        config.put(LlmTest.PRICES_PARAMETER, prices.toString());
        if (budget != null) {
            config.put(LlmTest.BUDGET_USD_PARAMETER, budget);
        }
        return Kit.run(config, ThreeCalls.class);
    }
}
