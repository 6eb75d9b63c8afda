package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.github.llmtest.fake.CapturedLog;
import io.github.llmtest.fake.FakeOpenAi;
import io.github.llmtest.fake.LlamaCpp;
import io.github.llmtest.internal.openai.OpenAiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recording from an upstream that answers as llama.cpp's {@code llama-server} does (null content in the role chunk,
 * keep-alive comments, {@code timings}, the loaded model answering for any name, a context overflow as plain JSON to
 * a streamed request): an application's LangChain4j calls through {@link LlmServer}, and a test's own {@link Llm}.
 */
class LlamaCppRecordingTest {

    static final List<String> SEEN = new CopyOnWriteArrayList<>();
    static volatile boolean streaming;

    @TempDir
    Path fixtures;
    FakeOpenAi llama;

    @LlmTest
    static class App {
        @org.junit.jupiter.api.Test
        void asks(LlmServer server) throws Exception {
            String model = "gpt-4o-mini";
            if (streaming) {
                StreamingChatModel chat = OpenAiStreamingChatModel.builder().baseUrl(server.openAiUrl())
                        .apiKey("sk-app").modelName(model).build();
                SEEN.add(stream(chat));
            } else {
                ChatResponse response = OpenAiChatModel.builder().baseUrl(server.openAiUrl()).apiKey("sk-app")
                        .modelName(model).build().chat(dev.langchain4j.data.message.UserMessage.from("Say hello."));
                SEEN.add(response.metadata().modelName() + ": " + response.aiMessage().text());
            }
        }

        private static String stream(StreamingChatModel chat) throws Exception {
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            chat.chat("Say hello.", new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partial) {
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
                return response.metadata().modelName() + ": " + response.aiMessage().text();
            } catch (java.util.concurrent.ExecutionException e) {
                return "error: " + e.getCause().getMessage();
            }
        }
    }

    @LlmTest(model = "openai:gpt-4o-mini")
    static class Direct {
        @org.junit.jupiter.api.Test
        void asksTwice(Llm llm) {
            SEEN.add(llm.ask("Say hello.").text());
            SEEN.add(llm.ask("Say goodbye.").text());
        }
    }

    @BeforeEach
    void start() {
        SEEN.clear();
        llama = FakeOpenAi.start();
    }

    @AfterEach
    void stop() {
        llama.close();
    }

    EngineExecutionResults run(String mode) {
        return run(mode, App.class);
    }

    EngineExecutionResults run(String mode, Class<?> testClass) {
        Map<String, String> config = Kit.config("http://127.0.0.1:9", llama.url(), fixtures, mode);
        return Kit.run(config, testClass);
    }

    /** The warnings llmtest logs while {@code run} runs. */
    static List<String> warnings(Runnable run) {
        return CapturedLog.during(Level.WARNING, run).stream().map(LogRecord::getMessage).toList();
    }

    @Test
    void aTestsOwnCallsToAModelNameTheServerDoesNotHaveAreRecordedWithTheModelThatAnsweredAndWarnOnce() {
        llama.enqueue(LlamaCpp.answer(false, "Hel", "lo")).enqueue(LlamaCpp.answer(true, "By", "e"));

        List<String> warned = warnings(() -> run("record", Direct.class).testEvents()
                .assertStatistics(s -> s.succeeded(1)));

        assertThat(SEEN).containsExactly("Hello", "Bye");
        assertThat(warned).filteredOn(w -> w.contains("answered as")).singleElement().asString()
                .contains("asked for openai:gpt-4o-mini, but the server answered as tiny-random");
        JsonNode interactions = Kit.read(Kit.fixture(fixtures, Direct.class, "asksTwice")).path("interactions");
        assertThat(interactions).hasSize(2).allSatisfy(i ->
                assertThat(i.path("response").path("answered_by").asText()).isEqualTo(LlamaCpp.LOADED));

        llama.close();
        SEEN.clear();
        run("replay", Direct.class).testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(SEEN).containsExactly("Hello", "Bye");
    }

    static List<JsonNode> callEntries(EngineExecutionResults results) {
        return results.allEvents().reportingEntryPublished().list().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class))
                .flatMap(r -> r.getKeyValuePairs().entrySet().stream())
                .filter(e -> e.getKey().equals("llmtest.call")).map(e -> {
                    try {
                        return Kit.JSON.readTree(e.getValue());
                    } catch (java.io.IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                }).toList();
    }

    @Test
    void aStreamedAnswerWithKeepAliveCommentsAndTimingsIsRecordedUnderTheModelThatAnsweredAndReplayedAsItCame() {
        streaming = true;
        llama.enqueue(LlamaCpp.answer(true, " \"')", "lâ"));

        EngineExecutionResults recorded = run("record");

        recorded.testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(SEEN).containsExactly(LlamaCpp.LOADED + ":  \"')lâ");
        JsonNode interaction = Kit.read(Kit.fixture(fixtures, App.class, "asks")).path("interactions").get(0);
        assertThat(interaction.path("request").path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(interaction.path("response").path("answered_by").asText()).isEqualTo(LlamaCpp.LOADED);
        assertThat(interaction.path("metrics").path("prompt_eval_duration").asLong())
                .isEqualTo(Math.round(LlamaCpp.PROMPT_MS * 1e6));
        assertThat(interaction.path("metrics").path("eval_duration").asLong())
                .isEqualTo(Math.round(LlamaCpp.PREDICTED_MS * 1e6));
        assertThat(interaction.path("metrics").path("eval_count").asInt()).isEqualTo(3);
        assertThat(callEntries(recorded)).singleElement().satisfies(entry -> {
            assertThat(entry.path("model").asText()).isEqualTo("openai:gpt-4o-mini");
            assertThat(entry.path("answered_by").asText()).isEqualTo(LlamaCpp.LOADED);
        });

        llama.close();
        SEEN.clear();
        EngineExecutionResults replayed = run("replay");

        replayed.testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(SEEN).as("the same text under the same model name").containsExactly(LlamaCpp.LOADED + ":  \"')lâ");
        assertThat(callEntries(replayed)).singleElement()
                .satisfies(entry -> assertThat(entry.path("answered_by").asText()).isEqualTo(LlamaCpp.LOADED));
    }

    @Test
    void aWholeAnswerWithTimingsIsRecordedWithTheServersTimes() {
        streaming = false;
        llama.enqueue(LlamaCpp.answer(false, "Hi", " there"));

        run("record").testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(SEEN).containsExactly(LlamaCpp.LOADED + ": Hi there");
        JsonNode interaction = Kit.read(Kit.fixture(fixtures, App.class, "asks")).path("interactions").get(0);
        assertThat(interaction.path("metrics").path("prompt_eval_duration").asLong())
                .isEqualTo(Math.round(LlamaCpp.PROMPT_MS * 1e6));
        assertThat(interaction.path("metrics").path("prompt_eval_count").asInt()).isEqualTo(LlamaCpp.PROMPT_TOKENS);
    }

    @Test
    void aContextOverflowAnsweredAsJsonToAStreamedRequestReachesTheApplicationAndFailsTheTestNamingTheSizes() {
        streaming = true;
        llama.enqueue(LlamaCpp.contextOverflow(10018, 4096));

        EngineExecutionResults results = run("record");

        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(SEEN).singleElement().asString().startsWith("error: ").contains("exceeds the available context");
        assertThat(Kit.failure(results)).isInstanceOf(OpenAiException.class)
                .hasMessageContaining("is 10018 tokens, more than the context of 4096 tokens")
                .hasMessageContaining("-c (--ctx-size)");
        assertThat(Kit.fixture(fixtures, App.class, "asks")).doesNotExist();
    }
}
