package io.github.llmtest;

import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyBudgetTest {

    @TempDir
    Path fixtures;

    @LlmTest
    @LatencyBudget(total = "5s")
    static class Budgeted {
        @org.junit.jupiter.api.Test
        void withinTheClassBudget(Llm llm) {
            llm.ask("fast question");
        }

        @org.junit.jupiter.api.Test
        @LatencyBudget(total = "20s", firstToken = "2s", minTokensPerSecond = 10)
        void methodBudgetReplacesTheClassBudget(Llm llm) {
            llm.ask("slow question");
        }

        @org.junit.jupiter.api.Test
        @LatencyBudget(firstToken = "500ms", minTokensPerSecond = 30)
        void breaksTwoFigures(Llm llm) {
            llm.ask("fast question");
            llm.ask("slow question");
        }
    }

    /** "fast question": 3 s, first token 0.4 s, 40 tok/s. "slow question": 12 s, 1.5 s, 20 tok/s. Load 1 s each. */
    private void writeFixtures() throws Exception {
        for (String method : new String[] {"withinTheClassBudget", "methodBudgetReplacesTheClassBudget",
                "breaksTwoFigures"}) {
            Kit.writeFixture(fixtures, Budgeted.class, method, "{\"llmtest_fixture_version\":1,\"interactions\":["
                    + interaction("fast question", 4000, 1400, 120, 3000) + ","
                    + interaction("slow question", 13000, 2500, 200, 10000) + "]}");
        }
    }

    private static String interaction(String prompt, double wallMs, double firstMs, int tokens, long evalMs) {
        return "{\"origin\":\"hand-written\",\"recorded_at\":\"2025-01-14T09:20:03Z\",\"request\":{\"endpoint\":\"/api/chat\","
                + "\"model\":\"phi4\",\"occurrence\":0,\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}],"
                + "\"options\":{\"temperature\":0,\"seed\":42,\"num_ctx\":4096}},\"response\":{\"text\":\"ok\"},"
                + "\"metrics\":{\"load_duration\":1000000000,\"eval_count\":" + tokens + ",\"eval_duration\":"
                + evalMs * 1_000_000 + "},\"client\":{\"wall_time_ms\":" + wallMs + ",\"first_token_ms\":" + firstMs + "}}";
    }

    @Test
    void replayedCallsAreCheckedAgainstTheirRecordedFiguresAndTheFailureNamesCallAndFigure() throws Exception {
        writeFixtures();

        EngineExecutionResults results = Kit.run(Kit.config("http://127.0.0.1:1", fixtures, "replay"), Budgeted.class);

        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(1));
        String message = Kit.failureMessage(results);
        assertThat(message).contains("@LatencyBudget broken by 1 of 2 LLM call(s)")
                .contains("call #2 (phi4, \"slow question\")")
                .contains("first token 1.50 s is over the budget of 500 ms")
                .contains("generation speed 20.0 tokens/s is under the minimum of 30.0 tokens/s")
                .contains("[recorded, not measured: replayed: recorded 2025-01-14T09:20:03Z against phi4");
        assertThat(message).doesNotContain("call #1");
    }

    @LlmTest
    static class LiveSlowFirstToken {
        @org.junit.jupiter.api.Test
        @LatencyBudget(firstToken = "100ms")
        void slow(Llm llm) {
            llm.ask("hello there");
        }
    }

    @Test
    void liveCallsAreCheckedAgainstWhatWasMeasured() {
        try (FakeOllama server = FakeOllama.start().chunkDelay(Duration.ofMillis(300))) {
            EngineExecutionResults results = Kit.run(Kit.config(server.url(), fixtures, "live"),
                    LiveSlowFirstToken.class);

            assertThat(Kit.failureMessage(results)).contains("call #1").contains("over the budget of 100 ms")
                    .contains("[measured live]");
        }
    }

    @LlmTest
    static class BadBudget {
        @org.junit.jupiter.api.Test
        @LatencyBudget(total = "soon")
        void test(Llm llm) {
            llm.ask("fast question");
        }
    }

    @Test
    void anUnreadableDurationIsAConfigurationErrorNamingTheAttribute() throws Exception {
        Kit.writeFixture(fixtures, BadBudget.class, "test", "{\"llmtest_fixture_version\":1,\"interactions\":["
                + interaction("fast question", 4000, 1400, 120, 3000) + "]}");

        EngineExecutionResults results = Kit.run(Kit.config("http://127.0.0.1:1", fixtures, "replay"), BadBudget.class);

        assertThat(Kit.failure(results)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("`total`").hasMessageContaining("'soon'");
    }
}
