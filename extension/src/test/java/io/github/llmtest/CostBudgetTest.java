package io.github.llmtest;

import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.fake.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @CostBudget} fails a test whose calls cost more, naming the costliest; replayed calls count when asked. */
class CostBudgetTest {

    @TempDir
    Path work;
    FakeOllama ollama;
    FakeOpenAi openai;
    Path prices;

    @BeforeEach
    void start() throws Exception {
        ollama = FakeOllama.start();
        // o1: $0.30 a call, $0.12 of it reasoning; gpt-4o: $0.05 a call (see CostTest for the arithmetic)
        openai = FakeOpenAi.start()
                .forModel("o1", FakeOpenAi.answerWithUsage("6765", 10_000, 4_000, 3_000, 2_000))
                .forModel("gpt-4o", FakeOpenAi.answerWithUsage("6765", 20_000, 8_000, 1_000, 0));
        prices = Files.writeString(work.resolve("prices.json"), CostTest.PRICES);
    }

    @AfterEach
    void stop() {
        ollama.close();
        openai.close();
    }

    @LlmTest
    @CostBudget(maxUsd = 0.50)
    static class Budgeted {
        @org.junit.jupiter.api.Test
        void twoReasoningCalls(Llm llm) {
            llm.withModel("openai:gpt-4o").ask("fib 20");
            llm.withModel("openai:o1").ask("fib 20");
            llm.withModel("openai:o1").ask("fib 21");
        }

        @org.junit.jupiter.api.Test
        @CostBudget(maxUsd = 0.40)
        void oneReasoningCall(Llm llm) {
            llm.withModel("openai:gpt-4o").ask("fib 20");
            llm.withModel("openai:o1").ask("fib 20");
        }
    }

    @Test
    void aTestWhoseCallsCostMoreFailsNamingTheCostliest() {
        EngineExecutionResults results = run("record", Budgeted.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        String message = Kit.failureMessage(results);
        assertThat(message).startsWith("@CostBudget broken: 3 call(s) cost $0.650000, more than the budget of "
                + "$0.500000. The costliest:");
        assertThat(message).contains("call 2 (openai:o1): $0.300000, of it reasoning $0.120000 (2000 of 3000 output "
                + "tokens); 10000 prompt tokens, 4000 cached").contains("call 3 (openai:o1)")
                .contains("call 1 (openai:gpt-4o): $0.050000");
    }

    @LlmTest
    static class ReplayBudget {
        @org.junit.jupiter.api.Test
        @CostBudget(maxUsd = 0.10)
        void notCounted(Llm llm) {
            llm.withModel("openai:o1").ask("fib 20");
        }

        @org.junit.jupiter.api.Test
        @CostBudget(maxUsd = 0.10, countRecorded = true)
        void counted(Llm llm) {
            llm.withModel("openai:o1").ask("fib 20");
        }
    }

    @Test
    void aReplayRunCountsRecordedCostsOnlyWhenAsked() {
        run("record", ReplayBudget.class).testEvents().assertStatistics(s -> s.failed(2));
        openai.close();

        EngineExecutionResults replay = run("replay", ReplayBudget.class);

        replay.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        assertThat(Kit.failureMessage(replay)).contains("(replayed calls at their recorded cost)")
                .contains("call 1 (openai:o1, recorded cost): $0.300000");
    }

    @LlmTest
    static class NegativeBudget {
        @org.junit.jupiter.api.Test
        @CostBudget(maxUsd = -1)
        void negative(Llm llm) {
            llm.withModel("openai:o1").ask("fib 20");
        }
    }

    @Test
    void aNegativeBudgetFailsBeforeAnyCall() {
        EngineExecutionResults results = run("record", NegativeBudget.class);

        assertThat(Kit.failureMessage(results)).contains("@CostBudget requires `maxUsd`").contains("-1.0");
        assertThat(openai.requests()).isEmpty();
    }

    private EngineExecutionResults run(String mode, Class<?> testClass) {
        Map<String, String> config = Kit.config(ollama.url(), openai.url(), work.resolve("fixtures"), mode);
        config.put(LlmTest.PRICES_PARAMETER, prices.toString());
        return Kit.run(config, testClass);
    }
}
