package io.github.llmtest.internal.openai;

import io.github.llmtest.fake.FakeOpenAi;
import io.github.llmtest.fake.LlamaCpp;
import io.github.llmtest.internal.provider.LiveAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.llmtest.internal.openai.OpenAiClientTest.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The OpenAI client against what llama.cpp's {@code llama-server} really sends, where it differs from OpenAI. */
class LlamaCppWireTest {

    FakeOpenAi server;
    OpenAiClient client;

    @BeforeEach
    void start() {
        server = FakeOpenAi.start();
        client = OpenAiClient.builder().baseUrl(server.url()).retries(2, Duration.ofMillis(10)).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void theRoleChunksNullContentIsNoText() {
        server.enqueue(LlamaCpp.answer(false, " \"')", "lâ", "-thumbnails"));

        LiveAnswer answer = client.chat(ask("tiny-random", "Say hello."));

        assertThat(answer.text()).isEqualTo(" \"')lâ-thumbnails");
        assertThat(answer.doneReason()).isEqualTo("stop");
    }

    @Test
    void theTimingsGiveThePromptAndGenerationTimesAndTheUsageTheCounts() {
        server.enqueue(LlamaCpp.answer(false, "a", "b", "c"));

        LiveAnswer answer = client.chat(ask("tiny-random", "Say hello."));

        assertThat(answer.metrics().promptEval()).contains(Duration.ofNanos(Math.round(LlamaCpp.PROMPT_MS * 1e6)));
        assertThat(answer.metrics().eval()).contains(Duration.ofNanos(Math.round(LlamaCpp.PREDICTED_MS * 1e6)));
        assertThat(answer.metrics().promptTokens()).as("the usage's count, cached tokens included")
                .isEqualTo(LlamaCpp.PROMPT_TOKENS);
        assertThat(answer.metrics().outputTokens()).as("with the end-of-turn token").isEqualTo(4);
    }

    @Test
    void withoutAUsageChunkTheCountsComeFromTheTimings() throws Exception {
        OpenAiStream stream = new OpenAiStream();
        stream.add(io.github.llmtest.internal.Jsons.read("{\"choices\":[{\"finish_reason\":\"length\",\"index\":0,"
                + "\"delta\":{}}],\"model\":\"tiny-random\",\"timings\":{\"cache_n\":19,\"prompt_n\":3,"
                + "\"prompt_ms\":2.958,\"predicted_n\":8,\"predicted_ms\":10.428}}"), 1_000);

        LiveAnswer answer = stream.answer(2_000);

        assertThat(answer.metrics().promptTokens()).isEqualTo(3);
        assertThat(answer.metrics().outputTokens()).isEqualTo(8);
        assertThat(answer.metrics().eval()).contains(Duration.ofNanos(10_428_000));
    }

    @Test
    void keepAliveCommentsBetweenEventsAreSkipped() {
        server.enqueue(LlamaCpp.answer(true, "Hel", "lo"));

        LiveAnswer answer = client.chat(ask("tiny-random", "Say hello."));

        assertThat(answer.text()).isEqualTo("Hello");
        assertThat(answer.metrics().outputTokens()).isEqualTo(3);
    }

    @Test
    void anUnknownModelNameServedByTheLoadedModelIsAnsweredUnderTheLoadedModelsName() {
        server.enqueue(LlamaCpp.answer(false, "Hi"));

        LiveAnswer answer = client.chat(ask("gpt-4o-mini", "Say hello."));

        assertThat(server.chats().get(0).path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(answer.model()).isEqualTo(LlamaCpp.LOADED);
    }

    @Test
    void aPromptLongerThanTheContextNamesBothSizesAndHowToRaiseTheContext() {
        server.enqueue(LlamaCpp.contextOverflow(10018, 4096));

        OpenAiException e = catchThrowableOfType(OpenAiException.class,
                () -> client.chat(ask("tiny-random", "a very long prompt")));

        assertThat(server.chats().get(0).path("stream").asBoolean()).as("a streamed request").isTrue();
        assertThat(e.kind()).isEqualTo(OpenAiException.Kind.BAD_REQUEST);
        assertThat(e.status()).hasValue(400);
        assertThat(e).hasMessageContaining("is 10018 tokens, more than the context of 4096 tokens")
                .hasMessageContaining("-c (--ctx-size), for example -c 11264");
        assertThat(server.chats()).as("not retried").hasSize(1);
    }

    @Test
    void aRequestTheServerCouldNotReadIsNamedSoAndNotRetried() {
        server.enqueue(LlamaCpp.unreadableRequest());

        OpenAiException e = catchThrowableOfType(OpenAiException.class,
                () -> client.chat(ask("tiny-random", "Say hello.")));

        assertThat(e.kind()).isEqualTo(OpenAiException.Kind.BAD_REQUEST);
        assertThat(e).hasMessageContaining("could not read the request for tiny-random (500)")
                .hasMessageContaining("[json.exception.parse_error.101]").hasMessageContaining("not retried")
                .hasMessageNotContaining("Retry later");
        assertThat(server.chats()).as("the same body would fail the same way").hasSize(1);
    }
}
