package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.fake.FakeAnthropic;
import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Models named anthropic:… go to the Messages API, and record and replay like every other provider's. */
class AnthropicModelsTest {

    static final List<LlmAnswer> ANSWERS = new CopyOnWriteArrayList<>();
    static final Tool WEATHER = Tool.of("weather", "Today's weather in a city",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");

    @TempDir
    Path fixtures;
    FakeOllama ollama;
    FakeAnthropic anthropic;

    @BeforeEach
    void start() {
        ANSWERS.clear();
        ollama = FakeOllama.start().answerWith(r -> "phi4 says \\boxed{6765}");
        anthropic = FakeAnthropic.start().answerWith(r -> r.path("model").asText() + " says 6765");
    }

    @AfterEach
    void stop() {
        ollama.close();
        anthropic.close();
    }

    EngineExecutionResults run(String mode, Class<?> testClass) {
        Map<String, String> config = new HashMap<>(Kit.config(ollama.url(), fixtures, mode));
        config.put(LlmTest.ANTHROPIC_URL_PARAMETER, anthropic.url());
        Path prices = fixtures.resolve("prices.json");
        try {
            java.nio.file.Files.writeString(prices, "{\"models\": {\"anthropic:claude-sonnet-4-5\": {\"input\": 3,"
                    + " \"cached_input\": 0.3, \"cache_write_input\": 3.75, \"output\": 15}}}");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        config.put("llmtest.prices", prices.toString());
        return Kit.run(config, testClass);
    }

    @LlmTest(model = "anthropic:claude-sonnet-4-5")
    static class Claude {
        @org.junit.jupiter.api.Test
        void fibonacci(Llm llm) {
            ANSWERS.add(llm.chat(LlmRequest.builder().system("Answer briefly.")
                    .user("Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ...").build()));
        }
    }

    @Test
    void aClaudeModelIsRecordedWithItsProviderAndReplayedWithTheServerGone() {
        EngineExecutionResults recorded = run("record", Claude.class);
        assertThat(Kit.failureMessage(recorded)).isEmpty();
        JsonNode interaction = Kit.read(Kit.fixture(fixtures, Claude.class, "fibonacci")).path("interactions").get(0);
        JsonNode request = interaction.path("request");
        assertThat(request.path("endpoint").asText()).isEqualTo("/v1/messages");
        assertThat(request.path("provider").asText()).isEqualTo("anthropic");
        assertThat(request.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(request.path("system").asText()).isEqualTo("Answer briefly.");
        assertThat(request.path("max_tokens").asInt()).isPositive();
        assertThat(request.has("num_ctx")).isFalse();
        assertThat(request.has("seed")).isFalse();
        assertThat(request.has("stream")).isFalse();
        assertThat(interaction.path("response").path("text").asText()).isEqualTo("claude-sonnet-4-5 says 6765");
        assertThat(interaction.path("metrics").path("cached_prompt_tokens").asInt())
                .isEqualTo(FakeAnthropic.CACHE_READ);
        LlmAnswer live = ANSWERS.get(0);
        assertThat(live.model()).isEqualTo("anthropic:claude-sonnet-4-5");
        assertThat(live.latency().firstToken()).isPresent();

        anthropic.close();
        ANSWERS.clear();
        EngineExecutionResults replayed = run("replay", Claude.class);
        assertThat(Kit.failureMessage(replayed)).isEmpty();

        assertThat(ANSWERS.get(0).replayed()).isTrue();
        assertThat(ANSWERS.get(0).text()).isEqualTo("claude-sonnet-4-5 says 6765");
        assertThat(ANSWERS.get(0).provenance()).contains("anthropic:claude-sonnet-4-5");
        assertThat(ANSWERS.get(0).cost()).as("cache reads, cache writes and plain input each at their price")
                .hasValueSatisfying(c -> {
                    assertThat(c.promptTokens()).isEqualTo(FakeAnthropic.INPUT + FakeAnthropic.CACHE_READ
                            + FakeAnthropic.CACHE_CREATION);
                    assertThat(c.cachedPromptTokens()).isEqualTo(FakeAnthropic.CACHE_READ);
                    assertThat(c.inputUsd()).isCloseTo((FakeAnthropic.INPUT * 3 + FakeAnthropic.CACHE_CREATION
                            * 3.75) / 1e6, org.assertj.core.api.Assertions.within(1e-12));
                    assertThat(c.cachedInputUsd()).isCloseTo(FakeAnthropic.CACHE_READ * 0.3 / 1e6,
                            org.assertj.core.api.Assertions.within(1e-12));
                });
    }

    @LlmTest(model = "anthropic:claude-sonnet-4-5")
    static class ToolLoop {
        @org.junit.jupiter.api.Test
        void weather(Llm llm) {
            LlmRequest.Builder turn = LlmRequest.builder().user("Weather in Paris?").tools(WEATHER);
            LlmAnswer first = llm.chat(turn.build());
            ANSWERS.add(first);
            ANSWERS.add(llm.chat(turn.assistant(first).toolResult(first.toolCalls().get(0), "18°C, sunny").build()));
        }
    }

    @Test
    void aToolLoopRecordsToolUseAndToolResultTurnsAndReplaysThem() {
        anthropic.enqueue(FakeAnthropic.answer("tool_use", new FakeAnthropic.ToolUse("toolu_01", "weather",
                "{\"city\":\"Paris\"}")));
        anthropic.enqueue(FakeAnthropic.answer(new FakeAnthropic.Text("Sunny, 18°C.")));

        EngineExecutionResults recorded = run("record", ToolLoop.class);
        assertThat(Kit.failureMessage(recorded)).isEmpty();
        assertThat(ANSWERS.get(0).toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("weather");
            assertThat(c.arguments().path("city").asText()).isEqualTo("Paris");
        });
        assertThat(ANSWERS.get(1).text()).isEqualTo("Sunny, 18°C.");
        JsonNode second = anthropic.requests().get(1).json().path("messages");
        assertThat(second.get(2).path("content").get(0).path("tool_use_id").asText()).isEqualTo("toolu_01");

        anthropic.close();
        ANSWERS.clear();
        EngineExecutionResults replayed = run("replay", ToolLoop.class);
        assertThat(Kit.failureMessage(replayed)).isEmpty();
        assertThat(ANSWERS).allMatch(LlmAnswer::replayed);
        assertThat(ANSWERS.get(0).toolCalls()).extracting(ToolCall::name).containsExactly("weather");
        assertThat(ANSWERS.get(1).text()).isEqualTo("Sunny, 18°C.");
    }

    @LlmTest
    static class Compared {
        @CompareModels({"phi4", "anthropic:claude-sonnet-4-5"})
        void fibonacci(Llm llm) {
            ANSWERS.add(llm.ask("fib 20"));
        }
    }

    @Test
    void ollamaAndClaudeModelsAreComparedSideBySide() {
        run("auto", Compared.class).testEvents().assertStatistics(s -> s.succeeded(2));

        // the models run together (auto mode), so their answers come in whatever order the servers answer
        assertThat(ANSWERS).extracting(LlmAnswer::text)
                .containsExactlyInAnyOrder("phi4 says \\boxed{6765}", "claude-sonnet-4-5 says 6765");
    }
}
