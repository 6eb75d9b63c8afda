package com.example;

import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.github.llmtest.Llm;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.LlmServer;
import io.github.llmtest.LlmTest;
import io.github.llmtest.Options;
import org.junit.jupiter.api.Test;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anthropic's Messages API as llama-server speaks it on /v1/messages: anthropic: models (-Dllmtest.anthropic.url,
 * the key in ANTHROPIC_API_KEY, sent as x-api-key), and LangChain4j's streaming Anthropic client through LlmServer.
 * Recorded from the server and replayed with it stopped; two calls in each test.
 */
@LlmTest(model = "anthropic:tiny-random")
class AnthropicTest {

    static final Options SHORT = Options.builder().numPredict(24).seed(7).temperature(0.8).build();

    @Test
    void twoCallsThroughAnthropicModels(Llm llm) {
        LlmAnswer hello = llm.withOptions(SHORT).ask("Say hello.");
        LlmAnswer goodbye = llm.withOptions(SHORT).ask("Say goodbye.");

        for (LlmAnswer answer : new LlmAnswer[] {hello, goodbye}) {
            assertThat(answer.replayed()).isEqualTo(!Transcript.recording());
            assertThat(answer.model()).isEqualTo("anthropic:tiny-random");
            assertThat(answer.doneReason()).hasValueSatisfying(r -> assertThat(r).isIn("end_turn", "length"));
            assertThat(answer.latency().promptTokens().orElse(0)).as("usage.input_tokens").isPositive();
            assertThat(answer.latency().outputTokens().orElse(0)).as("usage.output_tokens, at most max_tokens")
                    .isBetween(1, 24);
            Transcript.write("AnthropicTest-models", answer, "-");
        }
    }

    @Test
    void langChain4jsStreamingClientThroughLlmServer(LlmServer server) throws Exception {
        StreamingChatModel model = AnthropicStreamingChatModel.builder().baseUrl(server.anthropicUrl() + "/v1/")
                .apiKey(LangChain4jTest.APP_KEY).modelName("tiny-random").maxTokens(24).temperature(0.8).build();

        String hello = stream(model, "Say hello.");
        String goodbye = stream(model, "Say goodbye.");

        assertThat(server.calls()).hasSize(2);
        assertThat(server.calls()).extracting(LlmAnswer::text).containsExactly(hello, goodbye);
        for (LlmAnswer call : server.calls()) {
            assertThat(call.replayed()).isEqualTo(!Transcript.recording());
            // an answer that is only the end-of-turn token has no text, so no first token either
            assertThat(call.latency().firstToken().isPresent()).as("measured at the first streamed piece")
                    .isEqualTo(!call.text().isEmpty());
            assertThat(call.latency().outputTokens().orElse(0)).isBetween(1, 24);
            Transcript.write("AnthropicTest-langchain4j", call, "-");
        }
    }

    private static String stream(StreamingChatModel model, String prompt) throws Exception {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(prompt, new StreamingChatResponseHandler() {
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
        return Objects.toString(done.get(60, TimeUnit.SECONDS).aiMessage().text(), "");
    }
}
