package io.github.llmtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Replayed latency is the recorded one, with model load kept out of total and first token. */
class LatencyFromFixturesTest {

    static final List<LlmAnswer> ANSWERS = new CopyOnWriteArrayList<>();

    @TempDir
    Path fixtures;

    @LlmTest
    static class Replayed {
        @org.junit.jupiter.api.Test
        void prism(Llm llm) {
            ANSWERS.add(llm.ask("What is the length?"));
        }
    }

    @Test
    void loadTimeIsTakenOutOfTotalAndFirstToken() throws Exception {
        ANSWERS.clear();
        Kit.writeFixture(fixtures, Replayed.class, "prism", """
                {
                  "llmtest_fixture_version" : 1,
                  "interactions" : [ {
                    "origin" : "hand-written",
                    "recorded_at" : "2025-01-14T09:20:03Z",
                    "request" : {
                      "endpoint" : "/api/chat", "model" : "phi4", "occurrence" : 0,
                      "messages" : [ { "role" : "user", "content" : "What is the length?" } ],
                      "options" : { "temperature" : 0, "seed" : 42, "num_ctx" : 4096 }
                    },
                    "response" : { "text" : "The length is 5 cm.", "done_reason" : "stop" },
                    "metrics" : { "total_duration" : 9000000000, "load_duration" : 3000000000,
                                  "prompt_eval_count" : 48, "prompt_eval_duration" : 500000000,
                                  "eval_count" : 100, "eval_duration" : 5000000000 },
                    "client" : { "wall_time_ms" : 9100.0, "first_token_ms" : 3600.0 }
                  } ]
                }
                """);

        Kit.run(Kit.config("http://127.0.0.1:1", fixtures, "replay"), Replayed.class)
                .testEvents().assertStatistics(s -> s.succeeded(1));

        LlmAnswer answer = ANSWERS.get(0);
        Latency latency = answer.latency();
        assertThat(answer.replayed()).isTrue();
        assertThat(answer.text()).isEqualTo("The length is 5 cm.");
        assertThat(answer.doneReason()).contains("stop");
        assertThat(latency.total()).isEqualTo(Duration.ofMillis(6100));
        assertThat(latency.interToken()).as("a fixture from before inter-token figures still replays").isEmpty();
        assertThat(latency.firstToken()).contains(Duration.ofMillis(600));
        assertThat(latency.load()).contains(Duration.ofSeconds(3));
        assertThat(latency.promptEval()).contains(Duration.ofMillis(500));
        assertThat(latency.eval()).contains(Duration.ofSeconds(5));
        assertThat(latency.promptTokens()).hasValue(48);
        assertThat(latency.outputTokens()).hasValue(100);
        assertThat(latency.tokensPerSecond()).hasValue(20.0);
        assertThat(answer.provenance()).isEqualTo(
                "replayed: recorded 2025-01-14T09:20:03Z against phi4 (hand-written fixture)");
    }
}
