package io.github.llmtest.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.fake.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OllamaClientTest {

    private FakeOllama server;
    private OllamaClient client;

    @BeforeEach
    void start() {
        server = FakeOllama.start();
        client = OllamaClient.builder().baseUrl(server.url()).busyRetries(2, Duration.ofMillis(10)).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Nested
    @DisplayName("what the client sends")
    class Requests {

        @Test
        void chatSendsStreamNestedOptionsFormatAndKeepAlive() {
            ChatRequest request = ChatRequest.builder("phi4")
                    .system("Be brief.")
                    .user("2+2?")
                    .options(Options.builder().temperature(0).seed(0).numCtx(4096).numPredict(256).topK(1)
                            .topP(0.5).minP(0.05).repeatPenalty(1.1).repeatLastN(64).presencePenalty(0)
                            .frequencyPenalty(0.25).stop("<|im_end|>", "\n\n").build())
                    .format(Format.schema("{\"type\":\"object\"}"))
                    .keepAlive(KeepAlive.of(Duration.ofMinutes(30)))
                    .build();

            client.chat(request);

            JsonNode sent = server.requests("/api/chat").get(0).json();
            assertThat(sent.path("stream").asBoolean(false)).isTrue();
            assertThat(sent.path("model").asText()).isEqualTo("phi4");
            assertThat(sent.path("messages").toString())
                    .isEqualTo("[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"2+2?\"}]");
            JsonNode options = sent.path("options");
            assertThat(options.has("temperature")).as("temperature 0 is sent, not dropped").isTrue();
            assertThat(options.path("temperature").asDouble(-1)).isZero();
            assertThat(options.has("seed")).as("seed 0 is sent, not dropped").isTrue();
            assertThat(options.path("seed").asInt(-1)).isZero();
            assertThat(options.path("num_ctx").asInt()).isEqualTo(4096);
            assertThat(options.path("num_predict").asInt()).isEqualTo(256);
            assertThat(options.path("top_k").asInt()).isEqualTo(1);
            assertThat(options.path("top_p").asDouble()).isEqualTo(0.5);
            assertThat(options.path("min_p").asDouble()).isEqualTo(0.05);
            assertThat(options.path("repeat_penalty").asDouble()).isEqualTo(1.1);
            assertThat(options.path("repeat_last_n").asInt()).isEqualTo(64);
            assertThat(options.path("presence_penalty").asDouble(-1)).isZero();
            assertThat(options.path("frequency_penalty").asDouble()).isEqualTo(0.25);
            assertThat(options.path("stop").toString()).isEqualTo("[\"<|im_end|>\",\"\\n\\n\"]");
            assertThat(sent.has("temperature")).as("options never go top level").isFalse();
            assertThat(sent.path("format").toString()).isEqualTo("{\"type\":\"object\"}");
            assertThat(sent.path("keep_alive").asText()).isEqualTo("1800s");
        }

        @Test
        void nonStreamingSendsStreamFalseExplicitly() {
            client.chat(ChatRequest.builder("phi4").user("hi").format(Format.json()).build(), false);

            JsonNode sent = server.requests("/api/chat").get(0).json();
            assertThat(sent.has("stream")).isTrue();
            assertThat(sent.path("stream").asBoolean(true)).isFalse();
            assertThat(sent.path("format").asText()).isEqualTo("json");
            assertThat(sent.has("options")).as("no options object when none are set").isFalse();
        }

        @Test
        void generateSendsPromptAndSystem() {
            client.generate(GenerateRequest.builder("phi4", "Why?").system("Be brief.")
                    .options(Options.builder().seed(7).build()).build());

            JsonNode sent = server.requests("/api/generate").get(0).json();
            assertThat(sent.path("prompt").asText()).isEqualTo("Why?");
            assertThat(sent.path("system").asText()).isEqualTo("Be brief.");
            assertThat(sent.path("options").path("seed").asInt()).isEqualTo(7);
            assertThat(sent.path("stream").asBoolean(false)).isTrue();
        }

        @Test
        void sendsUserAgentJsonContentTypeAndBearerKeyWhenConfigured() {
            try (OllamaClient keyed = OllamaClient.builder().baseUrl(server.url()).apiKey("sk-secret-123").build()) {
                keyed.chat(ChatRequest.builder("phi4").user("hi").build());
            }
            client.chat(ChatRequest.builder("phi4").user("hi").build());

            List<FakeOllama.Recorded> chats = server.requests("/api/chat");
            assertThat(chats.get(0).header("User-Agent")).matches("llmtest/\\S+");
            assertThat(chats.get(0).header("Content-Type")).startsWith("application/json");
            assertThat(chats.get(0).header("Accept")).isEqualTo("application/x-ndjson");
            assertThat(chats.get(0).header("Authorization")).isEqualTo("Bearer sk-secret-123");
            assertThat(chats.get(1).header("Authorization")).as("no key configured, no header").isNull();
        }

        @Test
        void optionsMergeWithOverridesWinning() {
            Options base = Options.builder().temperature(0).seed(42).numCtx(4096).build();
            Options merged = base.with(Options.builder().temperature(0.7).build());

            assertThat(merged.toJson().toString()).isEqualTo("{\"temperature\":0.7,\"seed\":42,\"num_ctx\":4096}");
        }
    }

    @Nested
    @DisplayName("what the client reads")
    class Responses {

        @Test
        void streamedChatJoinsChunksAndKeepsEveryMetric() {
            server.enqueue(Reply.answer("The answer is \\boxed{6765}."));

            OllamaResponse response = client.chat(ChatRequest.builder("phi4").user("fib(20)?").build());

            assertThat(response.text()).isEqualTo("The answer is \\boxed{6765}.");
            assertThat(response.model()).isEqualTo("phi4");
            assertThat(response.doneReason()).contains("stop");
            assertThat(response.createdAt()).contains("2025-01-14T09:20:03.201337Z");
            ServerMetrics m = response.metrics();
            assertThat(m.total()).contains(Duration.ofNanos(Reply.TOTAL_NS));
            assertThat(m.load()).contains(Duration.ofNanos(Reply.LOAD_NS));
            assertThat(m.promptEval()).contains(Duration.ofNanos(Reply.PROMPT_EVAL_NS));
            assertThat(m.eval()).contains(Duration.ofNanos(Reply.EVAL_NS));
            assertThat(m.promptTokens()).hasValue(Reply.PROMPT_TOKENS);
            assertThat(m.outputTokens()).hasValue(7);
            assertThat(m.tokensPerSecond()).hasValue(3.5);
            assertThat(response.firstToken()).isPresent();
            assertThat(response.wallTime()).isGreaterThanOrEqualTo(response.firstToken().orElseThrow());
        }

        @Test
        void theExactDocumentedStreamIsReadAndUnknownFieldsIgnored() {
            server.enqueue(Reply.lines(
                    "{\"model\":\"phi4\",\"created_at\":\"2025-01-14T09:20:01.123456Z\",\"message\":{\"role\":\"assistant\",\"content\":\"Hello\",\"images\":null},\"done\":false,\"logprobs\":[]}",
                    "{\"model\":\"phi4\",\"created_at\":\"2025-01-14T09:20:01.160021Z\",\"message\":{\"role\":\"assistant\",\"content\":\"!\"},\"done\":false}",
                    "{\"model\":\"phi4\",\"created_at\":\"2025-01-14T09:20:01.201337Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true,\"total_duration\":1745098209,\"load_duration\":106029792,\"prompt_eval_count\":23,\"prompt_eval_duration\":426000000,\"eval_count\":3,\"eval_duration\":59000000,\"remote_model\":\"x\"}"));

            OllamaResponse response = client.chat(ChatRequest.builder("phi4").user("hi").build());

            assertThat(response.text()).isEqualTo("Hello!");
            assertThat(response.metrics().totalNanos()).isEqualTo(1745098209L);
            assertThat(response.metrics().promptEvalCount()).isEqualTo(23L);
        }

        @Test
        void absentMetricsStayAbsent() {
            server.enqueue(Reply.lines("{\"model\":\"phi4\",\"created_at\":\"2025-01-14T09:20:01Z\",\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"done\":true}"));

            OllamaResponse response = client.chat(ChatRequest.builder("phi4").user("hi").build());

            assertThat(response.text()).isEqualTo("ok");
            assertThat(response.doneReason()).isEmpty();
            assertThat(response.metrics().total()).isEmpty();
            assertThat(response.metrics().promptTokens()).isEmpty();
            assertThat(response.metrics().tokensPerSecond()).isEmpty();
        }

        @Test
        void nonStreamingChatReadsTheSingleObject() {
            server.enqueue(Reply.status(200, "application/json; charset=utf-8",
                    "{\"model\":\"qwen2.5-coder\",\"created_at\":\"2026-01-28T15:41:56.376718502Z\",\"message\":{\"role\":\"assistant\",\"content\":\"def calc(a, b):\\n    return a * b\"},\"done\":true,\"done_reason\":\"stop\",\"total_duration\":1745098209,\"load_duration\":106029792,\"prompt_eval_count\":101,\"prompt_eval_duration\":512736875,\"eval_count\":17,\"eval_duration\":1109351749}"));

            OllamaResponse response = client.chat(ChatRequest.builder("qwen2.5-coder").user("code").build(), false);

            assertThat(response.text()).isEqualTo("def calc(a, b):\n    return a * b");
            assertThat(response.metrics().outputTokens()).hasValue(17);
            assertThat(response.firstToken()).as("no first token for a single object").isEmpty();
        }

        @Test
        void streamedAndWholeGenerateGiveTheSameText() {
            server.enqueue(Reply.answer("Rayleigh scattering.")).enqueue(Reply.answer("Rayleigh scattering."));

            OllamaResponse streamed = client.generate(GenerateRequest.builder("phi4", "Why blue?").build());
            OllamaResponse whole = client.generate(GenerateRequest.builder("phi4", "Why blue?").build(), false);

            assertThat(streamed.text()).isEqualTo("Rayleigh scattering.");
            assertThat(whole.text()).isEqualTo("Rayleigh scattering.");
        }

        @Test
        void timeToFirstTokenReflectsTheDelayBeforeTheFirstChunk() {
            Duration delay = Duration.ofMillis(300);
            server.enqueue(Reply.answer("abcdefgh", delay));

            OllamaResponse response = client.chat(ChatRequest.builder("phi4").user("hi").build());

            Duration firstToken = response.firstToken().orElseThrow();
            assertThat(firstToken).isGreaterThanOrEqualTo(delay.minusMillis(20));
            assertThat(response.wallTime()).as("two chunks, each after the delay")
                    .isGreaterThanOrEqualTo(delay.multipliedBy(2).minusMillis(20));
            assertThat(firstToken).isLessThan(response.wallTime());
        }

        @Test
        void loadSendsEmptyMessagesWithKeepAliveAndReportsLoad() {
            OllamaResponse response = client.load("phi4", KeepAlive.forever());

            JsonNode sent = server.requests("/api/chat").get(0).json();
            assertThat(sent.path("messages").size()).isZero();
            assertThat(sent.path("keep_alive").asText()).isEqualTo("-1s");
            assertThat(sent.path("stream").asBoolean(true)).isFalse();
            assertThat(response.doneReason()).contains("load");
            assertThat(response.text()).isEmpty();
        }

        @Test
        void atMostOneRequestIsInFlightByDefaultAndMoreWhenConfigured() throws Exception {
            server.chunkDelay(Duration.ofMillis(40));
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                for (OllamaClient c : List.of(client,
                        OllamaClient.builder().baseUrl(server.url()).maxConcurrentRequests(4).build())) {
                    List<java.util.concurrent.Future<OllamaResponse>> calls = new java.util.ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        calls.add(pool.submit(() -> c.chat(ChatRequest.builder("phi4").user("hello there").build())));
                    }
                    for (var call : calls) {
                        assertThat(call.get().text()).isEqualTo("You said: hello there");
                    }
                    if (c == client) {
                        assertThat(server.maxConcurrentRequests()).as("the default limit").isEqualTo(1);
                    } else {
                        assertThat(server.maxConcurrentRequests()).as("limit raised to 4").isGreaterThan(1);
                        c.close();
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void probesReadVersionTagsAndShow() {
            assertThat(client.isRunning()).isTrue();
            assertThat(client.version()).isEqualTo("0.12.6");
            List<ModelInfo> tags = client.tags();
            assertThat(tags).hasSize(1);
            ModelInfo phi4 = tags.get(0);
            assertThat(phi4.name()).isEqualTo("phi4:latest");
            assertThat(phi4.matches("phi4")).isTrue();
            assertThat(phi4.matches("phi4:14b")).isFalse();
            assertThat(phi4.digest()).startsWith("ac896e5b8b34");
            assertThat(phi4.size()).isEqualTo(9053116391L);
            assertThat(phi4.parameterSize()).isEqualTo("14.7B");
            assertThat(phi4.quantizationLevel()).isEqualTo("Q4_K_M");
            ModelDescription show = client.show("phi4");
            assertThat(show.capabilities()).containsExactly("completion");
            assertThat(show.family()).isEqualTo("phi3");
            assertThat(show.modelInfo()).containsEntry("phi3.context_length", "16384");
        }
    }
}
