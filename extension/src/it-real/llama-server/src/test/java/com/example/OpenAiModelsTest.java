package com.example;

import io.github.llmtest.Llm;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.LlmTest;
import io.github.llmtest.Options;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls through openai: models, recorded from llama-server (-Dllmtest.mode=record, -Dllmtest.openai.url) and
 * replayed with it stopped. Two calls in a test: the second goes over the pooled connection of the first.
 */
@LlmTest(model = "openai:tiny-random")
class OpenAiModelsTest {

    static final Options SHORT = Options.builder().numPredict(24).seed(7).temperature(0.8).build();

    @Test
    void twoCallsAreRecordedWithTheServersCountsAndTimes(Llm llm) {
        LlmAnswer hello = llm.withOptions(SHORT).ask("Say hello.");
        LlmAnswer goodbye = llm.withOptions(SHORT).ask("Say goodbye.");

        for (LlmAnswer answer : new LlmAnswer[] {hello, goodbye}) {
            assertThat(answer.replayed()).isEqualTo(!Transcript.recording());
            assertThat(answer.doneReason()).hasValueSatisfying(r -> assertThat(r).isIn("stop", "length"));
            assertThat(answer.latency().promptTokens().orElse(0)).as("usage.prompt_tokens").isPositive();
            assertThat(answer.latency().outputTokens().orElse(0)).as("usage.completion_tokens, at most max_tokens")
                    .isBetween(1, 24);
            assertThat(answer.latency().promptEval()).as("timings.prompt_ms").isPresent();
            assertThat(answer.latency().eval()).as("timings.predicted_ms").isPresent();
            assertThat(answer.latency().tokensPerSecond()).isPresent();
            Transcript.write("OpenAiModelsTest", answer, "-");
        }
    }

    @Test
    void aNameTheServerDoesNotHaveIsAnsweredByItsLoadedModel(Llm llm) {
        Llm other = llm.withModel("openai:gpt-4o-mini").withOptions(SHORT);

        LlmAnswer first = other.ask("Say hello.");
        LlmAnswer second = other.ask("Say hello again.");

        assertThat(first.model()).as("the model the test asked for").isEqualTo("openai:gpt-4o-mini");
        assertThat(second.latency().outputTokens()).isPresent();
        Transcript.write("OpenAiModelsTest-other-name", first, "-");
        Transcript.write("OpenAiModelsTest-other-name", second, "-");
    }
}
