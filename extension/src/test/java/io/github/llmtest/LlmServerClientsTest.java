package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.fake.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaChatOptions;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients users have, pointed at {@link LlmServer}: each records its call from an in-process upstream that
 * speaks the real protocol, then replays it with the upstream gone.
 */
class LlmServerClientsTest {

    static final String QUESTION = "Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ...";
    static final List<String> REPLIES = new CopyOnWriteArrayList<>();
    static final List<LlmAnswer> CALLS = new CopyOnWriteArrayList<>();

    @org.junit.jupiter.api.io.TempDir
    Path fixtures;
    FakeOllama ollama;
    FakeOpenAi openai;

    /** One client of each kind users have, asking {@link #QUESTION} the way an application would. */
    enum Client {
        LANGCHAIN4J_OLLAMA("/api/chat", false) {
            @Override
            String ask(LlmServer server) {
                ChatModel model = OllamaChatModel.builder().baseUrl(server.ollamaUrl()).modelName("phi4")
                        .temperature(0.0).build();
                return model.chat(QUESTION);
            }
        },
        LANGCHAIN4J_OLLAMA_STREAMING("/api/chat", true) {
            @Override
            String ask(LlmServer server) {
                return stream(OllamaStreamingChatModel.builder().baseUrl(server.ollamaUrl()).modelName("phi4")
                        .temperature(0.0).build());
            }
        },
        LANGCHAIN4J_OPENAI("/v1/chat/completions", false) {
            @Override
            String ask(LlmServer server) {
                ChatModel model = OpenAiChatModel.builder().baseUrl(server.openAiUrl()).apiKey("sk-app-key")
                        .modelName("gpt-4o").temperature(0.0).build();
                return model.chat(QUESTION);
            }
        },
        LANGCHAIN4J_OPENAI_STREAMING("/v1/chat/completions", true) {
            @Override
            String ask(LlmServer server) {
                return stream(OpenAiStreamingChatModel.builder().baseUrl(server.openAiUrl()).apiKey("sk-app-key")
                        .modelName("gpt-4o").temperature(0.0).build());
            }
        },
        SPRING_AI_OLLAMA("/api/chat", false) {
            @Override
            String ask(LlmServer server) {
                return springOllama(server).call(QUESTION);
            }
        },
        SPRING_AI_OLLAMA_STREAMING("/api/chat", true) {
            @Override
            String ask(LlmServer server) {
                return springOllama(server).stream(new Prompt(QUESTION)).collectList()
                        .block(Duration.ofSeconds(30)).stream()
                        .map(r -> r.getResult() == null ? "" : r.getResult().getOutput().getText())
                        .map(t -> t == null ? "" : t).collect(Collectors.joining());
            }
        },
        SPRING_AI_OPENAI("/v1/chat/completions", false) {
            @Override
            String ask(LlmServer server) {
                return springOpenAi(server).call(QUESTION);
            }
        },
        SPRING_AI_OPENAI_STREAMING("/v1/chat/completions", true) {
            @Override
            String ask(LlmServer server) {
                return springOpenAi(server).stream(QUESTION).collectList().block(Duration.ofSeconds(30))
                        .stream().collect(Collectors.joining());
            }
        };

        final String endpoint;
        final boolean streams;

        Client(String endpoint, boolean streams) {
            this.endpoint = endpoint;
            this.streams = streams;
        }

        abstract String ask(LlmServer server);

        boolean openAi() {
            return endpoint.startsWith("/v1");
        }

        static String stream(StreamingChatModel model) {
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            StringBuilder text = new StringBuilder();
            model.chat(QUESTION, new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partial) {
                    text.append(partial);
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    done.complete(response);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }
            });
            try {
                ChatResponse response = done.get(30, TimeUnit.SECONDS);
                assertThat(response.aiMessage().text()).isEqualTo(text.toString());
                return text.toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        static org.springframework.ai.ollama.OllamaChatModel springOllama(LlmServer server) {
            return org.springframework.ai.ollama.OllamaChatModel.builder()
                    .ollamaApi(OllamaApi.builder().baseUrl(server.ollamaUrl()).build())
                    .defaultOptions(OllamaChatOptions.builder().model("phi4").temperature(0.0).build()).build();
        }

        static org.springframework.ai.openai.OpenAiChatModel springOpenAi(LlmServer server) {
            // Spring AI appends /v1/chat/completions to the root URL itself
            return org.springframework.ai.openai.OpenAiChatModel.builder()
                    .openAiApi(OpenAiApi.builder().baseUrl(server.ollamaUrl()).apiKey("sk-app-key").build())
                    .defaultOptions(OpenAiChatOptions.builder().model("gpt-4o").temperature(0.0).build()).build();
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
        ollama = FakeOllama.start().answerWith(r -> "Counting on: 13, 21, 34, ... 4181, 6765. The 20th value is "
                + "\\boxed{6765}.");
        openai = FakeOpenAi.start().answerWith(r -> "The 20th value is 6765.");
    }

    @AfterEach
    void stop() {
        ollama.close();
        openai.close();
    }

    EngineExecutionResults run(String mode) {
        Map<String, String> config = Kit.config(ollama.url(), openai.url(), fixtures, mode);
        return Kit.run(config, Application.class);
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void aClientsCallIsRecordedFromTheUpstreamAndReplayedWithTheUpstreamGone(Client each) {
        client = each;
        String expected = each.openAi() ? "The 20th value is 6765."
                : "Counting on: 13, 21, 34, ... 4181, 6765. The 20th value is \\boxed{6765}.";

        run("record").testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(REPLIES).containsExactly(expected);
        JsonNode sent = (each.openAi() ? openai.chats() : ollama.requests("/api/chat").stream()
                .map(FakeOllama.Recorded::json).toList()).get(0);
        assertThat(sent.path("stream").asBoolean(!each.openAi())).as("the client's own stream flag went upstream")
                .isEqualTo(each.streams);
        if (each.openAi()) {
            String key = System.getenv("OPENAI_API_KEY");
            assertThat(openai.requests().get(0).header("authorization")).as("llmtest's key, else the application's")
                    .isEqualTo("Bearer " + (key == null || key.isBlank() ? "sk-app-key" : key.strip()));
        }
        JsonNode interaction = Kit.read(Kit.fixture(fixtures, Application.class, "solves")).path("interactions").get(0);
        JsonNode request = interaction.path("request");
        assertThat(request.path("endpoint").asText()).isEqualTo(each.endpoint);
        assertThat(request.path("model").asText()).isEqualTo(each.openAi() ? "gpt-4o" : "phi4");
        assertThat(request.has("stream")).as("the stream flag is not part of the key").isFalse();
        assertThat(request.has("stream_options")).isFalse();
        assertThat(request.toString()).doesNotContain("sk-app-key");
        assertThat(interaction.path("response").path("text").asText()).isEqualTo(expected);
        assertThat(interaction.path("metrics").path("eval_count").asLong()).as("token counts recorded").isPositive();
        assertThat(CALLS).singleElement().satisfies(call -> {
            assertThat(call.replayed()).isFalse();
            assertThat(call.text()).isEqualTo(expected);
            assertThat(call.prompt()).isEqualTo(QUESTION);
            assertThat(call.model()).isEqualTo(each.openAi() ? "openai:gpt-4o" : "phi4");
            if (each.streams) {
                assertThat(call.latency().firstToken()).as("measured at the first streamed piece").isPresent();
            }
        });

        ollama.close();
        openai.close();
        REPLIES.clear();
        CALLS.clear();
        run("replay").testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(REPLIES).containsExactly(expected);
        assertThat(CALLS).singleElement().satisfies(call -> {
            assertThat(call.replayed()).isTrue();
            assertThat(call.text()).isEqualTo(expected);
        });
    }
}
