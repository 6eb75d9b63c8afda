package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.fake.FakeOpenAi;
import io.github.llmtest.internal.openai.OpenAiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Models named openai:… go to the OpenAI-compatible server, and record and replay exactly like Ollama's. */
class OpenAiModelsTest {

    static final List<LlmAnswer> ANSWERS = new CopyOnWriteArrayList<>();

    @TempDir
    Path fixtures;
    FakeOllama ollama;
    FakeOpenAi openai;

    @BeforeEach
    void start() {
        ANSWERS.clear();
        ollama = FakeOllama.start().answerWith(r -> "phi4 says \\boxed{6765}");
        openai = FakeOpenAi.start().answerWith(r -> r.path("model").asText() + " says 6765");
    }

    @AfterEach
    void stop() {
        ollama.close();
        openai.close();
    }

    EngineExecutionResults run(String mode, Class<?> testClass) {
        Map<String, String> config = Kit.config(ollama.url(), openai.url(), fixtures, mode);
        return Kit.run(config, testClass);
    }

    @LlmTest(model = "openai:gpt-4o")
    static class Gpt4o {
        @org.junit.jupiter.api.Test
        void fibonacci(Llm llm) {
            ANSWERS.add(llm.ask("Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ..."));
        }
    }

    @Test
    void anOpenAiModelIsRecordedWithItsProviderAndReplayedWithTheServerGone() {
        run("record", Gpt4o.class).testEvents().assertStatistics(s -> s.succeeded(1));
        JsonNode interaction = Kit.read(Kit.fixture(fixtures, Gpt4o.class, "fibonacci")).path("interactions").get(0);
        JsonNode request = interaction.path("request");
        assertThat(request.path("endpoint").asText()).isEqualTo("/v1/chat/completions");
        assertThat(request.path("provider").asText()).isEqualTo("openai");
        assertThat(request.path("model").asText()).isEqualTo("gpt-4o");
        assertThat(request.has("num_ctx")).as("Ollama's context size is not sent to OpenAI").isFalse();
        assertThat(request.path("temperature").asDouble(-1)).isZero();
        assertThat(request.has("stream")).isFalse();
        assertThat(interaction.path("response").path("text").asText()).isEqualTo("gpt-4o says 6765");
        assertThat(interaction.path("metrics").path("eval_count").asInt()).isPositive();
        assertThat(ANSWERS.get(0).model()).isEqualTo("openai:gpt-4o");
        assertThat(ANSWERS.get(0).latency().firstToken()).isPresent();

        openai.close();
        ANSWERS.clear();
        run("replay", Gpt4o.class).testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(ANSWERS.get(0).replayed()).isTrue();
        assertThat(ANSWERS.get(0).text()).isEqualTo("gpt-4o says 6765");
        assertThat(ANSWERS.get(0).provenance()).contains("against openai:gpt-4o");
    }

    @LlmTest
    static class Compared {
        @CompareModels({"phi4", "openai:gpt-4o", "openai:o1"})
        void fibonacci(Llm llm) {
            ANSWERS.add(llm.ask("fib 20"));
        }
    }

    @Test
    void ollamaAndOpenAiModelsAreComparedSideBySideAndRecordedApart() {
        run("auto", Compared.class).testEvents().assertStatistics(s -> s.succeeded(3));

        // the models run together (auto mode), so their answers come in whatever order the servers answer
        assertThat(ANSWERS).extracting(a -> a.model() + ": " + a.text()).containsExactlyInAnyOrder(
                "phi4: phi4 says \\boxed{6765}", "openai:gpt-4o: gpt-4o says 6765", "openai:o1: o1 says 6765");
        JsonNode o1 = openai.chats().stream().filter(c -> c.path("model").asText().equals("o1")).findFirst()
                .orElseThrow();
        assertThat(o1.path("model").asText()).isEqualTo("o1");
        assertThat(o1.has("temperature")).as("a reasoning model gets no default temperature").isFalse();
        assertThat(o1.has("seed")).isFalse();
        assertThat(Kit.read(Kit.fixture(fixtures, Compared.class, "fibonacci")).path("interactions"))
                .extracting(i -> i.path("request").path("provider").asText("ollama") + ":"
                        + i.path("request").path("model").asText())
                .containsExactlyInAnyOrder("ollama:phi4", "openai:gpt-4o", "openai:o1");

        ollama.close();
        openai.close();
        ANSWERS.clear();
        run("replay", Compared.class).testEvents().assertStatistics(s -> s.succeeded(3));
        assertThat(ANSWERS).allMatch(LlmAnswer::replayed);
    }

    @LlmTest(model = "openai:o1")
    static class TooWarm {
        @org.junit.jupiter.api.Test
        void asks(Llm llm) {
            llm.withOptions(Options.builder().temperature(0.7).build()).ask("hi");
        }
    }

    @Test
    void aTemperatureOnAReasoningModelFailsBeforeAnyCallNamingTheModel() {
        EngineExecutionResults results = run("live", TooWarm.class);

        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(Kit.failure(results)).isInstanceOf(OpenAiException.class)
                .hasMessageContaining("o1 is a reasoning model").hasMessageContaining("temperature");
        assertThat(openai.requests()).isEmpty();
    }

    @Test
    void aReplayMissForAnOpenAiModelSaysToRecordWithTheKey() {
        EngineExecutionResults results = run("replay", Gpt4o.class);

        assertThat(Kit.failureMessage(results)).contains("model:   openai:gpt-4o")
                .contains("OPENAI_API_KEY=… mvn test").contains(openai.url());
    }

    @Test
    void theBaseUrlComesFromTheParameterThenTheEnvironmentThenOpenAisDefault() {
        java.util.function.Function<String, String> noEnv = name -> null;
        assertThat(Settings.resolve(List.of(), name -> java.util.Optional.empty(), noEnv).connection(io.github.llmtest.internal.provider.ProviderTypes.byId("openai").orElseThrow()).url().plain())
                .isEqualTo("https://api.openai.com/v1");
        assertThat(Settings.resolve(List.of(), name -> java.util.Optional.empty(),
                name -> name.equals("OPENAI_BASE_URL") ? "http://127.0.0.1:8000/v1/" : null).connection(io.github.llmtest.internal.provider.ProviderTypes.byId("openai").orElseThrow()).url().plain())
                .isEqualTo("http://127.0.0.1:8000/v1");
        assertThat(Settings.resolve(List.of(), name -> name.equals(LlmTest.OPENAI_URL_PARAMETER)
                        ? java.util.Optional.of("http://gpu-box:11434/v1") : java.util.Optional.empty(),
                name -> name.equals("OPENAI_BASE_URL") ? "http://127.0.0.1:8000/v1/" : null).connection(io.github.llmtest.internal.provider.ProviderTypes.byId("openai").orElseThrow()).url().plain())
                .isEqualTo("http://gpu-box:11434/v1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Settings.resolve(List.of(),
                        name -> java.util.Optional.empty(), name -> name.equals("OPENAI_BASE_URL") ? "localhost:8000" : null))
                .isInstanceOf(org.junit.jupiter.api.extension.ExtensionConfigurationException.class)
                .hasMessageContaining("OPENAI_BASE_URL").hasMessageContaining("not an http or https URL");
    }

    @LlmTest(model = "openai:gpt-4o")
    static class Budgeted {
        @org.junit.jupiter.api.Test
        @LatencyBudget(firstToken = "100ms")
        void slowToStart(Llm llm) {
            ANSWERS.add(llm.ask("fib 20"));
        }
    }

    @Test
    void aLatencyBudgetHoldsAnOpenAiModelToTheFirstTokenTheClientMeasured() {
        openai.enqueue(FakeOpenAi.answer("6765", java.time.Duration.ofMillis(250)));

        EngineExecutionResults results = run("live", Budgeted.class);

        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(ANSWERS.get(0).latency().firstToken()).hasValueSatisfying(
                first -> assertThat(first).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(250)));
        assertThat(Kit.failureMessage(results)).contains("@LatencyBudget broken by 1 of 1 LLM call(s)")
                .contains("call #1 (openai:gpt-4o, \"fib 20\")").contains("is over the budget of 100 ms");
    }
}
