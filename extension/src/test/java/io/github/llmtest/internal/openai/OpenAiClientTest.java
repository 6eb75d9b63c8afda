package io.github.llmtest.internal.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.Format;
import io.github.llmtest.Message;
import io.github.llmtest.Options;
import io.github.llmtest.fake.FakeOpenAi;
import io.github.llmtest.internal.provider.ChatCall;
import io.github.llmtest.internal.provider.LiveAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OpenAiClientTest {

    static final String KEY = "sk-test-7f3a9c1e5b";

    FakeOpenAi server;
    OpenAiClient client;

    @BeforeEach
    void start() {
        server = FakeOpenAi.start();
        client = OpenAiClient.builder().baseUrl(server.url()).apiKey(KEY).retries(2, Duration.ofMillis(10)).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    static ChatCall ask(String model, String prompt) {
        return new ChatCall(model, List.of(Message.user(prompt)), Options.none(), null);
    }

    @Nested
    @DisplayName("what the client sends")
    class Requests {

        @Test
        void aStreamedChatWithUsageTheOptionsTheFormatAndTheKey() {
            ChatCall call = new ChatCall("gpt-4o", List.of(Message.system("Be brief."), Message.user("2+2?")),
                    Options.builder().temperature(0).seed(42).topP(0.5).stop("\n\n").numPredict(256)
                            .presencePenalty(0.1).frequencyPenalty(0.2).build(), Format.json());

            client.chat(call);

            JsonNode sent = server.chats().get(0);
            assertThat(sent.path("model").asText()).isEqualTo("gpt-4o");
            assertThat(sent.path("messages").toString()).isEqualTo("[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                    + "{\"role\":\"user\",\"content\":\"2+2?\"}]");
            assertThat(sent.path("stream").asBoolean()).isTrue();
            assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();
            assertThat(sent.has("temperature")).as("temperature 0 is sent").isTrue();
            assertThat(sent.path("temperature").asDouble(-1)).isZero();
            assertThat(sent.path("seed").asInt()).isEqualTo(42);
            assertThat(sent.path("top_p").asDouble()).isEqualTo(0.5);
            assertThat(sent.path("stop").toString()).isEqualTo("[\"\\n\\n\"]");
            assertThat(sent.path("max_tokens").asInt()).as("local servers take max_tokens").isEqualTo(256);
            assertThat(sent.path("presence_penalty").asDouble()).isEqualTo(0.1);
            assertThat(sent.path("frequency_penalty").asDouble()).isEqualTo(0.2);
            assertThat(sent.path("response_format").toString()).isEqualTo("{\"type\":\"json_object\"}");
            var request = server.requests().get(0);
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
            assertThat(request.header("Accept")).isEqualTo("text/event-stream");
            assertThat(request.header("User-Agent")).matches("llmtest/\\S+");
        }

        @Test
        void aSchemaFormatIsAJsonSchemaResponseFormat() {
            client.chat(new ChatCall("gpt-4o", List.of(Message.user("x")), Options.none(),
                    Format.schema("{\"type\":\"object\",\"required\":[\"answer\"]}")));

            assertThat(server.chats().get(0).path("response_format").toString()).isEqualTo("{\"type\":\"json_schema\","
                    + "\"json_schema\":{\"name\":\"answer\",\"schema\":{\"type\":\"object\",\"required\":[\"answer\"]}}}");
        }

        @Test
        void withoutAKeyNoAuthorizationHeaderIsSent() {
            try (OpenAiClient local = OpenAiClient.builder().baseUrl(server.url()).build()) {
                local.chat(ask("phi4", "hi"));
            }

            assertThat(server.requests().get(0).header("Authorization")).isNull();
        }

        @Test
        void llmtestsDefaultContextSizeIsLeftOutButAnOllamaOptionTheTestSetIsAnErrorBeforeTheCall() {
            ChatCall defaults = new ChatCall("gpt-4o", List.of(Message.user("x")),
                    Options.builder().temperature(0).seed(42).numCtx(4096).build(), null, Set.of());
            client.chat(defaults);
            assertThat(server.chats().get(0).has("num_ctx")).isFalse();

            ChatCall topK = new ChatCall("gpt-4o", List.of(Message.user("x")), Options.builder().topK(5).build(), null);
            OpenAiException e = catchThrowableOfType(OpenAiException.class, () -> client.chat(topK));

            assertThat(e.kind()).isEqualTo(OpenAiException.Kind.UNSUPPORTED_OPTION);
            assertThat(e).hasMessageContaining("top_k is Ollama's");
            assertThat(server.chats()).as("no call was made for the bad request").hasSize(1);
        }

        @Test
        void reasoningModelsGetNoSamplingDefaultsAndTheirTokenLimitAsMaxCompletionTokens() {
            ChatCall call = new ChatCall("o1", List.of(Message.user("x")),
                    Options.builder().temperature(0).seed(42).numCtx(4096).numPredict(2000).build(), null,
                    Set.of("num_predict"));

            client.chat(call);

            JsonNode sent = server.chats().get(0);
            assertThat(sent.has("temperature")).isFalse();
            assertThat(sent.has("seed")).isFalse();
            assertThat(sent.has("max_tokens")).isFalse();
            assertThat(sent.path("max_completion_tokens").asInt()).isEqualTo(2000);
        }

        @Test
        void aTemperatureTheTestSetOnAReasoningModelIsAClearErrorBeforeTheCall() {
            ChatCall call = new ChatCall("o3-mini-2025-01-31", List.of(Message.user("x")),
                    Options.builder().temperature(0.7).build(), null, Set.of("temperature"));

            OpenAiException e = catchThrowableOfType(OpenAiException.class, () -> client.chat(call));

            assertThat(e.kind()).isEqualTo(OpenAiException.Kind.UNSUPPORTED_OPTION);
            assertThat(e).hasMessageContaining("o3-mini-2025-01-31 is a reasoning model")
                    .hasMessageContaining("temperature");
            assertThat(server.chats()).isEmpty();
        }

        @Test
        void reasoningModelsAreRecognisedByName() {
            for (String model : List.of("o1", "o1-mini", "o1-2024-12-17", "o3", "o3-mini", "o4-mini", "gpt-5",
                    "gpt-5-mini", "gpt-5.1")) {
                assertThat(OpenAiClient.isReasoningModel(model)).as(model).isTrue();
            }
            for (String model : List.of("gpt-4o", "gpt-4o-mini", "gpt-4.1", "phi4", "omni", "o")) {
                assertThat(OpenAiClient.isReasoningModel(model)).as(model).isFalse();
            }
        }

        @Test
        void theCanonicalRequestHasTheEndpointAndProviderAndNoStreamFields() {
            ChatCall call = new ChatCall("gpt-4o", List.of(Message.user("2+2?")),
                    Options.builder().temperature(0).seed(42).numCtx(4096).build(), null, Set.of());

            assertThat(client.canonicalRequest(call).toString()).isEqualTo("{\"endpoint\":\"/v1/chat/completions\","
                    + "\"provider\":\"openai\",\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
                    + "\"2+2?\"}],\"seed\":42,\"temperature\":0.0}");
        }

        @Test
        void openAiAndAzureGetMaxCompletionTokensAndAzureItsOwnKeyHeader() {
            OpenAiClient azure = OpenAiClient.builder().baseUrl("https://team.openai.azure.com/openai/v1/").build();
            OpenAiClient openai = OpenAiClient.builder().build();

            assertThat(azure.azure()).isTrue();
            assertThat(azure.baseUrl()).isEqualTo("https://team.openai.azure.com/openai/v1");
            assertThat(openai.azure()).isFalse();
            assertThat(openai.baseUrl()).isEqualTo(OpenAiClient.DEFAULT_URL);
            assertThat(catchThrowableOfType(IllegalArgumentException.class,
                    () -> OpenAiClient.normalizeBaseUrl("api.openai.com/v1"))).hasMessageContaining("not an http");
        }
    }

    @Nested
    @DisplayName("what the client reads")
    class Responses {

        @Test
        void theStreamIsJoinedWithItsFinishReasonUsageAndTimeToFirstToken() {
            server.enqueue(FakeOpenAi.answer("The 20th value is 6765.", Duration.ofMillis(20)));

            LiveAnswer answer = client.chat(ask("gpt-4o", "fib"));

            assertThat(answer.text()).isEqualTo("The 20th value is 6765.");
            assertThat(answer.doneReason()).isEqualTo("stop");
            assertThat(answer.model()).isEqualTo("gpt-4o");
            assertThat(answer.metrics().promptTokens()).isEqualTo(23);
            assertThat(answer.metrics().outputTokens()).isEqualTo(6);
            assertThat(answer.firstToken()).isNotNull().isGreaterThanOrEqualTo(Duration.ofMillis(20));
            assertThat(answer.wallTime()).isGreaterThan(answer.firstToken());
            assertThat(answer.thinking()).isEmpty();
        }

        @Test
        void reasoningDeltasAreKeptApartFromTheAnswerWithTheirTokenCount() {
            server.enqueue(FakeOpenAi.events(
                    "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"reasoning_content\":\"Let me add: 2+2 = \"},\"finish_reason\":null}]}",
                    "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"4, so 99 is wrong.\"},\"finish_reason\":null}]}",
                    "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\\\\boxed{4}\"},\"finish_reason\":null}]}",
                    "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
                    FakeOpenAi.usage("o1", 10, 120, 114).toString(),
                    "[DONE]"));

            LiveAnswer answer = client.chat(ask("o1", "2+2"));

            assertThat(answer.text()).isEqualTo("\\boxed{4}");
            assertThat(answer.thinking()).isEqualTo("Let me add: 2+2 = 4, so 99 is wrong.");
            assertThat(answer.metrics().reasoningTokens()).isEqualTo(114L);
            assertThat(answer.metrics().outputTokens()).isEqualTo(120);
        }

        @Test
        void llamaCppTimingsAreKeptAndCommentsAndUnknownFieldsIgnored() {
            server.enqueue((exchange, request) -> {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                try (var out = exchange.getResponseBody()) {
                    out.write((": keep-alive\n\nevent: message\ndata: {\"choices\":[{\"index\":0,\"delta\":"
                            + "{\"content\":\"ok\"},\"finish_reason\":null,\"logprobs\":null}],\"obfuscation\":\"x\"}\n\n"
                            + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}],"
                            + "\"timings\":{\"prompt_n\":5,\"prompt_ms\":12.5,\"predicted_n\":1,\"predicted_ms\":40.25}}\n\n"
                            + "data: [DONE]\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            });

            LiveAnswer answer = client.chat(ask("qwen", "x"));

            assertThat(answer.text()).isEqualTo("ok");
            assertThat(answer.doneReason()).isEqualTo("length");
            assertThat(answer.metrics().promptEval()).contains(Duration.ofNanos(12_500_000));
            assertThat(answer.metrics().eval()).contains(Duration.ofNanos(40_250_000));
            assertThat(answer.metrics().promptTokens()).as("no usage chunk was sent: the timings' prompt_n")
                    .isEqualTo(5);
            assertThat(answer.metrics().outputTokens()).as("the timings' predicted_n").isEqualTo(1);
        }
    }
}
