package io.github.llmtest.internal.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.Format;
import io.github.llmtest.Message;
import io.github.llmtest.Options;
import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.fake.Reply;
import io.github.llmtest.internal.provider.ChatCall;
import io.github.llmtest.internal.provider.LiveAnswer;
import io.github.llmtest.internal.provider.ServerMetrics;
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
        client = OllamaClient.builder().baseUrl(server.url()).retries(2, Duration.ofMillis(10)).build();
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
        void chatSendsStreamNestedOptionsFormatAndKeepAlive() {
            ChatCall call = new ChatCall("phi4", List.of(Message.system("Be brief."), Message.user("2+2?")),
                    Options.builder().temperature(0).seed(0).numCtx(4096).numPredict(256).topK(1)
                            .topP(0.5).minP(0.05).repeatPenalty(1.1).repeatLastN(64).presencePenalty(0)
                            .frequencyPenalty(0.25).stop("<|im_end|>", "\n\n").build(),
                    Format.schema("{\"type\":\"object\"}"));

            client.chat(call);

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
            assertThat(sent.has("keep_alive")).as("a chat leaves keep-alive to the warm-up").isFalse();
        }

        @Test
        void canonicalRequestIsTheBodyWithoutStreamUnderItsEndpoint() {
            ChatCall call = new ChatCall("phi4", List.of(Message.user("2+2?")),
                    Options.builder().temperature(0).seed(42).build(), Format.json());

            assertThat(client.canonicalRequest(call).toString()).isEqualTo("{\"endpoint\":\"/api/chat\","
                    + "\"model\":\"phi4\",\"messages\":[{\"role\":\"user\",\"content\":\"2+2?\"}],"
                    + "\"format\":\"json\",\"options\":{\"seed\":42,\"temperature\":0.0}}");
        }

        @Test
        void nonStreamingSendsStreamFalseExplicitly() {
            client.chat(new ChatCall("phi4", List.of(Message.user("hi")), Options.none(), Format.json()), false);

            JsonNode sent = server.requests("/api/chat").get(0).json();
            assertThat(sent.has("stream")).isTrue();
            assertThat(sent.path("stream").asBoolean(true)).isFalse();
            assertThat(sent.path("format").asText()).isEqualTo("json");
            assertThat(sent.has("options")).as("no options object when none are set").isFalse();
        }

        @Test
        void sendsUserAgentJsonContentTypeAndBearerKeyWhenConfigured() {
            try (OllamaClient keyed = OllamaClient.builder().baseUrl(server.url()).apiKey("sk-secret-123").build()) {
                keyed.chat(ask("phi4", "hi"));
            }
            client.chat(ask("phi4", "hi"));

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

            assertThat(merged.asMap()).containsExactly(java.util.Map.entry("num_ctx", 4096),
                    java.util.Map.entry("seed", 42), java.util.Map.entry("temperature", 0.7));
            assertThat(merged).isEqualTo(Options.builder().seed(42).numCtx(4096).temperature(0.7).build());
        }
    }

    @Nested
    @DisplayName("what the client reads")
    class Responses {

        @Test
        void streamedChatJoinsChunksAndKeepsEveryMetric() {
            server.enqueue(Reply.answer("The answer is \\boxed{6765}."));

            LiveAnswer response = client.chat(ask("phi4", "fib(20)?"));

            assertThat(response.text()).isEqualTo("The answer is \\boxed{6765}.");
            assertThat(response.model()).isEqualTo("phi4");
            assertThat(response.doneReason()).isEqualTo("stop");
            assertThat(response.createdAt()).isEqualTo("2025-01-14T09:20:03.201337Z");
            ServerMetrics m = response.metrics();
            assertThat(m.total()).contains(Duration.ofNanos(Reply.TOTAL_NS));
            assertThat(m.load()).contains(Duration.ofNanos(Reply.LOAD_NS));
            assertThat(m.promptEval()).contains(Duration.ofNanos(Reply.PROMPT_EVAL_NS));
            assertThat(m.eval()).contains(Duration.ofNanos(Reply.EVAL_NS));
            assertThat(m.promptTokens()).isEqualTo(Reply.PROMPT_TOKENS);
            assertThat(m.outputTokens()).isEqualTo(7);
            assertThat(response.firstToken()).isNotNull();
            assertThat(response.wallTime()).isGreaterThanOrEqualTo(response.firstToken());
        }

        @Test
        void theExactDocumentedStreamIsReadAndUnknownFieldsIgnored() {
            server.enqueue(Reply.lines(
                    "{\"model\":\"phi4\",\"created_at\":\"2025-01-14T09:20:01.123456Z\",\"message\":{\"role\":\"assistant\",\"content\":\"Hello\",\"images\":null},\"done\":false,\"logprobs\":[]}",
                    "{\"model\":\"phi4\",\"created_at\":\"2025-01-14T09:20:01.160021Z\",\"message\":{\"role\":\"assistant\",\"content\":\"!\"},\"done\":false}",
                    "{\"model\":\"phi4\",\"created_at\":\"2025-01-14T09:20:01.201337Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true,\"total_duration\":1745098209,\"load_duration\":106029792,\"prompt_eval_count\":23,\"prompt_eval_duration\":426000000,\"eval_count\":3,\"eval_duration\":59000000,\"remote_model\":\"x\"}"));

            LiveAnswer response = client.chat(ask("phi4", "hi"));

            assertThat(response.text()).isEqualTo("Hello!");
            assertThat(response.metrics().totalNanos()).isEqualTo(1745098209L);
            assertThat(response.metrics().promptEvalCount()).isEqualTo(23L);
        }

        @Test
        void absentMetricsStayAbsent() {
            server.enqueue(Reply.lines("{\"model\":\"phi4\",\"created_at\":\"2025-01-14T09:20:01Z\",\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"done\":true}"));

            LiveAnswer response = client.chat(ask("phi4", "hi"));

            assertThat(response.text()).isEqualTo("ok");
            assertThat(response.doneReason()).isNull();
            assertThat(response.metrics()).isEqualTo(ServerMetrics.NONE);
        }

        @Test
        void nonStreamingChatReadsTheSingleObject() {
            server.enqueue(Reply.status(200, "application/json; charset=utf-8",
                    "{\"model\":\"qwen2.5-coder\",\"created_at\":\"2026-01-28T15:41:56.376718502Z\",\"message\":{\"role\":\"assistant\",\"content\":\"def calc(a, b):\\n    return a * b\"},\"done\":true,\"done_reason\":\"stop\",\"total_duration\":1745098209,\"load_duration\":106029792,\"prompt_eval_count\":101,\"prompt_eval_duration\":512736875,\"eval_count\":17,\"eval_duration\":1109351749}"));

            LiveAnswer response = client.chat(ask("qwen2.5-coder", "code"), false);

            assertThat(response.text()).isEqualTo("def calc(a, b):\n    return a * b");
            assertThat(response.metrics().outputTokens()).isEqualTo(17);
            assertThat(response.firstToken()).as("no first token for a single object").isNull();
        }

        @Test
        void streamedAndWholeChatGiveTheSameText() {
            server.enqueue(Reply.answer("Rayleigh scattering.")).enqueue(Reply.answer("Rayleigh scattering."));

            LiveAnswer streamed = client.chat(ask("phi4", "Why blue?"));
            LiveAnswer whole = client.chat(ask("phi4", "Why blue?"), false);

            assertThat(streamed.text()).isEqualTo("Rayleigh scattering.");
            assertThat(whole.text()).isEqualTo("Rayleigh scattering.");
        }

        @Test
        void timeToFirstTokenReflectsTheDelayBeforeTheFirstChunk() {
            Duration delay = Duration.ofMillis(300);
            server.enqueue(Reply.answer("abcdefgh", delay));

            LiveAnswer response = client.chat(ask("phi4", "hi"));

            Duration firstToken = response.firstToken();
            assertThat(firstToken).isGreaterThanOrEqualTo(delay.minusMillis(20));
            assertThat(response.wallTime()).as("two chunks, each after the delay")
                    .isGreaterThanOrEqualTo(delay.multipliedBy(2).minusMillis(20));
            assertThat(firstToken).isLessThan(response.wallTime());
        }

        @Test
        void loadSendsEmptyMessagesWithKeepAliveAndReportsLoad() {
            LiveAnswer response = client.load("phi4", Duration.ofMinutes(30));

            JsonNode sent = server.requests("/api/chat").get(0).json();
            assertThat(sent.path("messages").size()).isZero();
            assertThat(sent.path("keep_alive").asText()).isEqualTo("1800s");
            assertThat(sent.path("stream").asBoolean(true)).isFalse();
            assertThat(response.doneReason()).isEqualTo("load");
            assertThat(response.text()).isEmpty();
        }

        @Test
        void atMostOneRequestIsInFlightByDefaultAndMoreWhenConfigured() throws Exception {
            server.chunkDelay(Duration.ofMillis(40));
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                for (OllamaClient c : List.of(client,
                        OllamaClient.builder().baseUrl(server.url()).maxConcurrentRequests(4).build())) {
                    List<java.util.concurrent.Future<LiveAnswer>> calls = new java.util.ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        calls.add(pool.submit(() -> c.chat(ask("phi4", "hello there"))));
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
        void probesReadVersionAndTags() {
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
        }
    }
}
