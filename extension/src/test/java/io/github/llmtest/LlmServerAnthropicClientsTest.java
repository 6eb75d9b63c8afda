package io.github.llmtest;

import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.TextBlock;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import io.github.llmtest.fake.FakeAnthropic;
import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.anthropic.api.AnthropicApi;
import org.springframework.ai.chat.prompt.Prompt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients of Anthropic's Messages API pointed at {@link LlmServer}: the official SDK, LangChain4j's and Spring
 * AI's, each recording its call from an in-process stand-in that speaks the API as documented, then replaying it
 * with the stand-in gone. The application's key never reaches a fixture.
 */
class LlmServerAnthropicClientsTest {

    static final String QUESTION = "Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ...";
    static final String ANSWER = "The 20th value is 6765.";
    static final String APP_KEY = "sk-ant-app-key-81c2f0";
    static final List<String> REPLIES = new CopyOnWriteArrayList<>();
    static final List<LlmAnswer> CALLS = new CopyOnWriteArrayList<>();

    @org.junit.jupiter.api.io.TempDir
    Path fixtures;
    FakeOllama ollama;
    FakeAnthropic anthropic;

    /** One client of each kind, asking {@link #QUESTION} the way an application would. */
    enum Client {
        OFFICIAL_SDK(false) {
            @Override
            String ask(LlmServer server) {
                com.anthropic.client.AnthropicClient client = sdk(server);
                return client.messages().create(params()).content().stream().flatMap(b -> b.text().stream())
                        .map(TextBlock::text).collect(Collectors.joining());
            }
        },
        OFFICIAL_SDK_STREAMING(true) {
            @Override
            String ask(LlmServer server) {
                MessageAccumulator accumulator = MessageAccumulator.create();
                try (StreamResponse<RawMessageStreamEvent> events = sdk(server).messages()
                        .createStreaming(params())) {
                    events.stream().forEach(accumulator::accumulate);
                }
                return accumulator.message().content().stream().flatMap(b -> b.text().stream())
                        .map(TextBlock::text).collect(Collectors.joining());
            }
        },
        LANGCHAIN4J(false) {
            @Override
            String ask(LlmServer server) {
                ChatModel model = AnthropicChatModel.builder().baseUrl(server.anthropicUrl() + "/v1/")
                        .apiKey(APP_KEY).modelName("claude-sonnet-4-5").temperature(0.0).maxTokens(1024).build();
                return model.chat(QUESTION);
            }
        },
        LANGCHAIN4J_STREAMING(true) {
            @Override
            String ask(LlmServer server) {
                return LlmServerClientsTest.Client.stream(AnthropicStreamingChatModel.builder()
                        .baseUrl(server.anthropicUrl() + "/v1/").apiKey(APP_KEY).modelName("claude-sonnet-4-5")
                        .temperature(0.0).maxTokens(1024).build());
            }
        },
        SPRING_AI(false) {
            @Override
            String ask(LlmServer server) {
                return springAi(server).call(QUESTION);
            }
        },
        SPRING_AI_STREAMING(true) {
            @Override
            String ask(LlmServer server) {
                return springAi(server).stream(new Prompt(QUESTION)).collectList().block(Duration.ofSeconds(30))
                        .stream().map(r -> r.getResult() == null ? null : r.getResult().getOutput().getText())
                        .filter(Objects::nonNull).collect(Collectors.joining());
            }
        };

        final boolean streams;

        Client(boolean streams) {
            this.streams = streams;
        }

        abstract String ask(LlmServer server);

        static com.anthropic.client.AnthropicClient sdk(LlmServer server) {
            return AnthropicOkHttpClient.builder().baseUrl(server.anthropicUrl()).apiKey(APP_KEY).build();
        }

        static org.springframework.ai.anthropic.AnthropicChatModel springAi(LlmServer server) {
            // Spring AI appends /v1/messages to the root URL itself. Options of one's own replace its defaults
            // (max_tokens 500 among them), so max_tokens, which the API requires, is set here
            return org.springframework.ai.anthropic.AnthropicChatModel.builder()
                    .anthropicApi(AnthropicApi.builder().baseUrl(server.anthropicUrl()).apiKey(APP_KEY).build())
                    .defaultOptions(AnthropicChatOptions.builder().model("claude-sonnet-4-5").temperature(0.0)
                            .maxTokens(1024).build()).build();
        }

        static MessageCreateParams params() {
            return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(1024)
                    .addUserMessage(QUESTION).build();
        }
    }

    static volatile Client client;

    @LlmTest
    static class Application {
        @org.junit.jupiter.api.Test
        void solves(LlmServer server) {
            REPLIES.add(client.ask(server));
            CALLS.addAll(server.calls());
        }
    }

    @BeforeEach
    void start() {
        REPLIES.clear();
        CALLS.clear();
        ollama = FakeOllama.start();
        anthropic = FakeAnthropic.start().answerWith(r -> ANSWER);
    }

    @AfterEach
    void stop() {
        ollama.close();
        anthropic.close();
    }

    EngineExecutionResults run(String mode, Class<?> testClass) {
        Map<String, String> config = new HashMap<>(Kit.config(ollama.url(), fixtures, mode));
        config.put(LlmTest.ANTHROPIC_URL_PARAMETER, anthropic.url());
        return Kit.run(config, testClass);
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void aClientsCallIsRecordedFromTheStandInAndReplayedWithItGoneAndNoKeyWritten(Client each) throws Exception {
        client = each;

        EngineExecutionResults recorded = run("record", Application.class);
        assertThat(Kit.failureMessage(recorded)).isEmpty();
        recorded.testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(REPLIES).containsExactly(ANSWER);
        FakeOllama.Recorded sent = anthropic.requests().get(0);
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.json().path("stream").asBoolean(false)).as("the client's own stream flag went upstream")
                .isEqualTo(each.streams);
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        String key = System.getenv("ANTHROPIC_API_KEY");
        if (key == null || key.isBlank()) {
            // the application's credential, in the header its client sent it in (the SDK: a bearer token)
            assertThat(sent.header("x-api-key") != null ? sent.header("x-api-key") : sent.header("authorization"))
                    .as("the application's key went upstream: %s", sent.headers()).endsWith(APP_KEY);
        } else {
            assertThat(sent.header("x-api-key")).as("llmtest's key").isEqualTo(key.strip());
        }
        Path file = Kit.fixture(fixtures, Application.class, "solves");
        assertThat(Files.readString(file)).as("no key is written").doesNotContain(APP_KEY);
        JsonNode interaction = Kit.read(file).path("interactions").get(0);
        JsonNode request = interaction.path("request");
        assertThat(request.path("endpoint").asText()).isEqualTo("/v1/messages");
        assertThat(request.path("provider").asText()).isEqualTo("anthropic");
        assertThat(request.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(request.has("stream")).as("the stream flag is not part of the key").isFalse();
        assertThat(request.toString()).doesNotContain("stainless").doesNotContain("anthropic-version");
        assertThat(interaction.path("response").path("text").asText()).isEqualTo(ANSWER);
        assertThat(interaction.path("metrics").path("prompt_eval_count").asLong()).as("input and cache tokens")
                .isEqualTo(FakeAnthropic.INPUT + FakeAnthropic.CACHE_READ + FakeAnthropic.CACHE_CREATION);
        assertThat(interaction.path("metrics").path("cached_prompt_tokens").asLong())
                .isEqualTo(FakeAnthropic.CACHE_READ);
        assertThat(CALLS).singleElement().satisfies(call -> {
            assertThat(call.replayed()).isFalse();
            assertThat(call.text()).isEqualTo(ANSWER);
            assertThat(call.prompt()).isEqualTo(QUESTION);
            assertThat(call.model()).isEqualTo("anthropic:claude-sonnet-4-5");
            if (each.streams) {
                assertThat(call.latency().firstToken()).as("measured at the first streamed piece").isPresent();
            }
        });

        anthropic.close();
        REPLIES.clear();
        CALLS.clear();
        EngineExecutionResults replayed = run("replay", Application.class);
        assertThat(Kit.failureMessage(replayed)).isEmpty();
        replayed.testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(REPLIES).containsExactly(ANSWER);
        assertThat(CALLS).singleElement().satisfies(call -> {
            assertThat(call.replayed()).isTrue();
            assertThat(call.text()).isEqualTo(ANSWER);
        });
    }

    @LlmTest
    static class SpringAiDefaults {
        @org.junit.jupiter.api.Test
        void solves(LlmServer server) {
            // Spring AI's own defaults: no options given
            REPLIES.add(org.springframework.ai.anthropic.AnthropicChatModel.builder()
                    .anthropicApi(AnthropicApi.builder().baseUrl(server.anthropicUrl()).apiKey(APP_KEY).build())
                    .build().call(QUESTION));
        }
    }

    @Test
    void springAisBetaHeaderIsNotPassedUpstreamAndItsDefaultsAreRecordedWithoutItsKey() throws Exception {
        EngineExecutionResults recorded = run("record", SpringAiDefaults.class);
        assertThat(Kit.failureMessage(recorded)).isEmpty();
        assertThat(REPLIES).containsExactly(ANSWER);

        FakeOllama.Recorded sent = anthropic.requests().get(0);
        assertThat(sent.header("anthropic-beta")).as("Spring AI sends anthropic-beta: %s", sent.headers()).isNull();
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.json().path("max_tokens").asInt()).as("Spring AI's default").isEqualTo(500);
        assertThat(sent.json().path("model").asText()).isEqualTo("claude-3-7-sonnet-latest");
        Path file = Kit.fixture(fixtures, SpringAiDefaults.class, "solves");
        String fixture = Files.readString(file);
        assertThat(Kit.read(file).path("interactions").get(0).path("request").path("max_tokens").asInt())
                .as("max_tokens is part of the key, as the body's other settings").isEqualTo(500);
        assertThat(fixture).doesNotContain(APP_KEY).doesNotContain("anthropic-beta").doesNotContain("tools-2024")
                .doesNotContain("x-api-key");

        // what the route dropped: Spring AI, pointed at the stand-in directly, does send it
        org.springframework.ai.anthropic.AnthropicChatModel.builder()
                .anthropicApi(AnthropicApi.builder().baseUrl(anthropic.url()).apiKey(APP_KEY).build()).build()
                .call(QUESTION);
        assertThat(anthropic.requests().get(1).header("anthropic-beta")).contains("tools-2024-04-04");

        anthropic.close();
        REPLIES.clear();
        EngineExecutionResults replayed = run("replay", SpringAiDefaults.class);
        assertThat(Kit.failureMessage(replayed)).isEmpty();
        assertThat(REPLIES).containsExactly(ANSWER);
    }

    static final List<ToolUseBlock> TOOL_USES = new CopyOnWriteArrayList<>();

    @LlmTest
    static class ToolLoop {
        @org.junit.jupiter.api.Test
        void asksForTheWeather(LlmServer server) {
            com.anthropic.client.AnthropicClient sdk = Client.sdk(server);
            MessageCreateParams params = MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(1024)
                    .addTool(Tool.builder().name("weather").description("Today's weather in a city")
                            .inputSchema(Tool.InputSchema.builder().properties(Tool.InputSchema.Properties.builder()
                                    .putAdditionalProperty("city", com.anthropic.core.JsonValue.from(
                                            Map.of("type", "string"))).build()).build()).build())
                    .addUserMessage("Weather in Paris?").build();
            try (StreamResponse<RawMessageStreamEvent> events = sdk.messages().createStreaming(params)) {
                MessageAccumulator accumulator = MessageAccumulator.create();
                events.stream().forEach(accumulator::accumulate);
                accumulator.message().content().stream().flatMap(b -> b.toolUse().stream()).forEach(TOOL_USES::add);
            }
            CALLS.addAll(server.calls());
        }
    }

    @Test
    void aStreamedToolUseOfTheOfficialSdkIsRecordedAsAToolCallAndReplayedAsToolUseEvents() {
        anthropic.enqueue(FakeAnthropic.answer("tool_use", new FakeAnthropic.Thinking("Use the tool."),
                new FakeAnthropic.ToolUse("toolu_01", "weather", "{\"city\":\"Paris\"}")));

        run("record", ToolLoop.class).testEvents().assertStatistics(s -> s.succeeded(1));

        JsonNode interaction = Kit.read(Kit.fixture(fixtures, ToolLoop.class, "asksForTheWeather"))
                .path("interactions").get(0);
        assertThat(interaction.path("response").path("tool_calls").get(0).path("function").path("name").asText())
                .isEqualTo("weather");
        assertThat(interaction.path("response").path("thinking").asText()).isEqualTo("Use the tool.");
        assertThat(CALLS).singleElement().satisfies(call -> {
            assertThat(call.toolCalls()).singleElement().satisfies(c -> {
                assertThat(c.name()).isEqualTo("weather");
                assertThat(c.arguments().path("city").asText()).isEqualTo("Paris");
            });
            assertThat(call.thinking()).contains("Use the tool.");
        });

        anthropic.close();
        TOOL_USES.clear();
        CALLS.clear();
        EngineExecutionResults replayed = run("replay", ToolLoop.class);
        assertThat(Kit.failureMessage(replayed)).isEmpty();

        assertThat(TOOL_USES).singleElement().satisfies(use -> {
            assertThat(use.id()).isEqualTo("toolu_01");
            assertThat(use.name()).isEqualTo("weather");
            assertThat(use._input().toString()).contains("Paris");
        });
        assertThat(CALLS).singleElement().satisfies(call -> assertThat(call.replayed()).isTrue());
    }

    @Test
    void aCallWithNoRecordingIsRefusedInTheApisErrorShape() {
        client = Client.OFFICIAL_SDK;
        EngineExecutionResults results = run("replay", Application.class);

        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(REPLIES).isEmpty();
        assertThat(Kit.failureMessage(results)).contains("/v1/messages").contains("ANTHROPIC_API_KEY");
    }
}
