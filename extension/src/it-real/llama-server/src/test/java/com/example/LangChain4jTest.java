package com.example;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.LlmServer;
import io.github.llmtest.LlmTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's LangChain4j OpenAI clients pointed at LlmServer, which records from llama-server and replays
 * with it stopped. Two calls in each test: the second goes over the pooled upstream connection of the first.
 */
@LlmTest
class LangChain4jTest {

    /** The application's own key: LlmServer forwards llmtest's (OPENAI_API_KEY) instead, and writes neither. */
    static final String APP_KEY = "sk-app-leg-4d1f0c9e";
    static final String LOADED = "tiny-random";

    @Test
    void wholeAnswers(LlmServer server) {
        ChatModel model = OpenAiChatModel.builder().baseUrl(server.openAiUrl()).apiKey(APP_KEY).modelName(LOADED)
                .maxTokens(24).seed(7).temperature(0.8).build();

        ChatResponse hello = model.chat(UserMessage.from("Say hello."));
        ChatResponse goodbye = model.chat(UserMessage.from("Say goodbye."));

        check("LangChain4jTest-whole", server.calls(), hello, goodbye);
    }

    @Test
    void streamedAnswers(LlmServer server) throws Exception {
        StreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(server.openAiUrl()).apiKey(APP_KEY)
                .modelName(LOADED).maxTokens(24).seed(7).temperature(0.8).build();

        ChatResponse hello = stream(model, "Say hello.");
        ChatResponse goodbye = stream(model, "Say goodbye.");

        check("LangChain4jTest-streamed", server.calls(), hello, goodbye);
        for (LlmAnswer call : server.calls()) {
            assertThat(call.latency().firstToken()).as("measured at the first streamed piece").isPresent();
        }
    }

    private static void check(String transcript, List<LlmAnswer> calls, ChatResponse... responses) {
        assertThat(calls).hasSize(responses.length);
        for (int i = 0; i < responses.length; i++) {
            ChatResponse response = responses[i];
            LlmAnswer call = calls.get(i);
            assertThat(response.metadata().modelName()).as("the model that answered").isEqualTo(LOADED);
            // an answer that is only the end-of-turn token has no text: LangChain4j gives null, llmtest ""
            assertThat(Objects.toString(response.aiMessage().text(), "")).isEqualTo(call.text());
            assertThat(response.metadata().tokenUsage().outputTokenCount()).isBetween(1, 24)
                    .isEqualTo(call.latency().outputTokens().orElseThrow());
            assertThat(call.replayed()).isEqualTo(!Transcript.recording());
            assertThat(call.latency().eval()).as("timings.predicted_ms").isPresent();
            Transcript.write(transcript, call, response.metadata().modelName());
        }
    }

    private static ChatResponse stream(StreamingChatModel model, String prompt) throws Exception {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        StringBuilder pieces = new StringBuilder();
        model.chat(prompt, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                pieces.append(partial);
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
        ChatResponse response = done.get(60, TimeUnit.SECONDS);
        assertThat(Objects.toString(response.aiMessage().text(), "")).as("the pieces add up to the answer")
                .isEqualTo(pieces.toString());
        return response;
    }
}
