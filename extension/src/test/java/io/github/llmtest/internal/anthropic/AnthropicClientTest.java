package io.github.llmtest.internal.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.Message;
import io.github.llmtest.Options;
import io.github.llmtest.Tool;
import io.github.llmtest.ToolCall;
import io.github.llmtest.fake.FakeAnthropic;
import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.provider.ChatCall;
import io.github.llmtest.internal.provider.LiveAnswer;
import io.github.llmtest.internal.provider.ProviderException;
import io.github.llmtest.internal.provider.ToolWire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Messages API client against a stand-in that speaks it as documented: what it sends, reads and fails with. */
class AnthropicClientTest {

    static final String KEY = "sk-ant-test-4b1d9e";
    static final Tool WEATHER = Tool.of("weather", "Today's weather in a city",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");

    FakeAnthropic server;
    AnthropicClient client;

    @BeforeEach
    void start() {
        server = FakeAnthropic.start();
        client = AnthropicClient.builder().baseUrl(server.url()).apiKey(KEY).retries(2, Duration.ofMillis(10))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    static ChatCall ask(String prompt) {
        return new ChatCall("claude-sonnet-4-5", List.of(Message.user(prompt)), Options.none(), null);
    }

    private AnthropicException fails(ChatCall call) {
        AnthropicException e = catchThrowableOfType(AnthropicException.class, () -> client.chat(call));
        assertThat(e).as("a failure").isNotNull();
        assertThat(e.getMessage()).as("the key is never in a message").doesNotContain(KEY);
        return e;
    }

    @Test
    void theKeyGoesInXApiKeyWithTheApiVersionAndTheSystemPromptApartFromTheMessages() {
        ChatCall call = new ChatCall("claude-sonnet-4-5", List.of(Message.system("Be brief."), Message.user("hi")),
                Options.builder().temperature(0).seed(42).numCtx(4096).stop("END").build(), null, Set.of());

        LiveAnswer answer = client.chat(call);

        FakeOllama.Recorded sent = server.requests().get(0);
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo(KEY);
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.header("authorization")).isNull();
        JsonNode body = sent.json();
        assertThat(body.path("system").asText()).isEqualTo("Be brief.");
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("max_tokens").asInt()).as("required: the documented default")
                .isEqualTo(AnthropicClient.DEFAULT_MAX_TOKENS);
        assertThat(body.path("stop_sequences").get(0).asText()).isEqualTo("END");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.has("seed")).as("not part of the API").isFalse();
        assertThat(body.has("num_ctx")).isFalse();
        assertThat(answer.text()).isEqualTo("You said: hi");
    }

    @Test
    void aStreamedAnswerKeepsThinkingApartAndCountsCacheReadsAndCreationsAsPromptTokens() {
        server.enqueue(FakeAnthropic.answer(new FakeAnthropic.Thinking("Add the last two."),
                new FakeAnthropic.Text("The 20th value is 6765.")));

        LiveAnswer answer = client.chat(ask("fib 20"));

        assertThat(answer.text()).isEqualTo("The 20th value is 6765.");
        assertThat(answer.thinking()).isEqualTo("Add the last two.");
        assertThat(answer.doneReason()).isEqualTo("end_turn");
        assertThat(answer.model()).isEqualTo("claude-sonnet-4-5");
        assertThat(answer.metrics().promptEvalCount()).isEqualTo((long) FakeAnthropic.INPUT
                + FakeAnthropic.CACHE_READ + FakeAnthropic.CACHE_CREATION);
        assertThat(answer.metrics().cachedPromptTokens()).isEqualTo((long) FakeAnthropic.CACHE_READ);
        assertThat(answer.metrics().evalCount()).as("message_delta's output tokens, not message_start's").isEqualTo(5L + io.github.llmtest.fake.Reply.split(answer.text()).size());
        assertThat(answer.firstToken()).isNotNull();
        assertThat(answer.firstAnswerToken()).isNotNull();
    }

    @Test
    void thinkingIsAskedForWithABudgetAndTakesNoDefaultTemperature() {
        ChatCall call = new ChatCall("claude-sonnet-4-5", List.of(Message.user("hi")),
                Options.builder().temperature(0).think("high").build(), null, Set.of("think"));

        client.chat(call);

        JsonNode body = server.requests().get(0).json();
        assertThat(body.path("thinking").path("type").asText()).isEqualTo("enabled");
        assertThat(body.path("thinking").path("budget_tokens").asInt()).isEqualTo(16384);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(16384 + AnthropicClient.DEFAULT_MAX_TOKENS);
        assertThat(body.has("temperature")).isFalse();
    }

    @Test
    void toolUseBlocksBecomeToolCallsAndATurnOfResultsGoesBackAsToolResultBlocks() {
        server.enqueue(FakeAnthropic.answer("tool_use", new FakeAnthropic.Text("Let me look."),
                new FakeAnthropic.ToolUse("toolu_01", "weather", "{\"city\":\"Paris\"}")));
        ChatCall first = new ChatCall("claude-sonnet-4-5", List.of(Message.user("Weather in Paris?")),
                Options.none(), null, Set.of(), List.of(WEATHER));

        LiveAnswer answer = client.chat(first);

        List<ToolCall> calls = ToolWire.read(answer.toolCalls());
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("toolu_01");
            assertThat(c.name()).isEqualTo("weather");
            assertThat(c.arguments().path("city").asText()).as("input_json_delta pieces joined").isEqualTo("Paris");
        });
        assertThat(answer.doneReason()).isEqualTo("tool_use");
        JsonNode tools = server.requests().get(0).json().path("tools");
        assertThat(tools.get(0).path("name").asText()).isEqualTo("weather");
        assertThat(tools.get(0).path("input_schema").path("required").get(0).asText()).isEqualTo("city");

        ChatCall second = new ChatCall("claude-sonnet-4-5", List.of(Message.user("Weather in Paris?"),
                Message.assistant("Let me look.", calls), Message.toolResult(calls.get(0), "18°C, sunny")),
                Options.none(), null, Set.of(), List.of(WEATHER));
        client.chat(second);

        JsonNode messages = server.requests().get(1).json().path("messages");
        assertThat(messages).hasSize(3);
        JsonNode assistant = messages.get(1);
        assertThat(assistant.path("content").get(1).path("type").asText()).isEqualTo("tool_use");
        assertThat(assistant.path("content").get(1).path("input")).isEqualTo(Jsons.object().put("city", "Paris"));
        JsonNode result = messages.get(2);
        assertThat(result.path("role").asText()).isEqualTo("user");
        assertThat(result.path("content").get(0).path("type").asText()).isEqualTo("tool_result");
        assertThat(result.path("content").get(0).path("tool_use_id").asText()).isEqualTo("toolu_01");
        assertThat(result.path("content").get(0).path("content").asText()).isEqualTo("18°C, sunny");
    }

    @Test
    void overloadedAndRateLimitedAnswersAreRetriedAfterTheWaitTheServerNames() {
        server.enqueue(FakeAnthropic.error(529, "overloaded_error", "Overloaded", Map.of()));
        server.enqueue(FakeAnthropic.error(429, "rate_limit_error", "Slow down", Map.of("retry-after", "0")));

        LiveAnswer answer = client.chat(ask("hi"));

        assertThat(answer.text()).isEqualTo("You said: hi");
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void anOverloadOnEveryTryIsBusyAndSaysSo() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(FakeAnthropic.error(529, "overloaded_error", "Overloaded", Map.of()));
        }
        AnthropicException e = fails(ask("hi"));

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.BUSY);
        assertThat(e).hasMessageContaining("overloaded").hasMessageContaining("on all 3 tries");
    }

    @Test
    void a401NamesTheKeyVariableAndA404TheModel() {
        server.enqueue(FakeAnthropic.error(401, "authentication_error", "invalid x-api-key", Map.of()));
        AnthropicException auth = fails(ask("hi"));
        assertThat(auth.kind()).isEqualTo(ProviderException.Kind.AUTHENTICATION);
        assertThat(auth).hasMessageContaining("ANTHROPIC_API_KEY").hasMessageContaining("(401)");

        server.enqueue(FakeAnthropic.error(404, "not_found_error", "model: claude-sonnet-4-5", Map.of()));
        AnthropicException model = fails(ask("hi"));
        assertThat(model.kind()).isEqualTo(ProviderException.Kind.MODEL_NOT_FOUND);
        assertThat(model).hasMessageContaining("Model 'claude-sonnet-4-5'").hasMessageContaining("anthropic:");
        assertThat(model.modelUnavailable()).isTrue();
    }

    @Test
    void anErrorEventMidStreamIsAStreamErrorKeepingWhatCameBefore() {
        server.enqueue(FakeAnthropic.errorMidStream("overloaded_error", "Overloaded"));

        AnthropicException e = fails(ask("hi"));

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.STREAM_ERROR);
        assertThat(e).hasMessageContaining("overloaded_error: Overloaded");
        assertThat(e.partialText()).contains("Half an ");
    }

    @Test
    void aStreamWithoutMessageStopIsIncomplete() {
        List<String[]> events = java.util.Collections.singletonList(FakeAnthropic.event("content_block_delta", Jsons.object()
                .put("type", "content_block_delta").put("index", 0).set("delta", Jsons.object()
                        .put("type", "text_delta").put("text", "Half"))));
        server.enqueue(FakeAnthropic.events(events));

        AnthropicException e = fails(ask("hi"));

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.INCOMPLETE_STREAM);
        assertThat(e).hasMessageContaining("message_stop");
    }

    @Test
    void optionsTheApiDoesNotTakeAreRefusedBeforeAnyCallWhenTheTestSetsThem() {
        ChatCall call = new ChatCall("claude-sonnet-4-5", List.of(Message.user("hi")),
                Options.builder().repeatPenalty(1.1).build(), null);

        AnthropicException e = fails(call);

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNSUPPORTED_OPTION);
        assertThat(e).hasMessageContaining("repeat_penalty");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void theBaseUrlMayEndInV1AsLangChain4jsDoes() {
        assertThat(AnthropicClient.normalizeBaseUrl("http://127.0.0.1:8080/v1/")).isEqualTo("http://127.0.0.1:8080");
        assertThat(AnthropicClient.normalizeBaseUrl("https://api.anthropic.com")).isEqualTo(
                "https://api.anthropic.com");
    }
}
