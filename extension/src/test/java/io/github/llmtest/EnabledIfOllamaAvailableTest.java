package io.github.llmtest;

import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EnabledIfOllamaAvailableTest {

    @TempDir
    Path fixtures;

    @LlmTest
    @EnabledIfOllamaAvailable
    static class NeedsPhi4 {
        @org.junit.jupiter.api.Test
        void runs() {
        }
    }

    @LlmTest
    static class NeedsOtherModel {
        @org.junit.jupiter.api.Test
        @EnabledIfOllamaAvailable(model = "llama3.2")
        void runs() {
        }
    }

    private static String skipReason(EngineExecutionResults results) {
        Event skipped = results.allEvents().skipped().list().get(0);
        return skipped.getRequiredPayload(String.class);
    }

    @Test
    void runsWhenTheServerAnswersAndHasTheModel() {
        try (FakeOllama server = FakeOllama.start()) {
            Kit.run(Kit.config(server.url(), fixtures, "live"), NeedsPhi4.class)
                    .testEvents().assertStatistics(s -> s.succeeded(1).skipped(0));
        }
    }

    @Test
    void skipsSayingWhichModelToPull() {
        try (FakeOllama server = FakeOllama.start()) {
            EngineExecutionResults results = Kit.run(Kit.config(server.url(), fixtures, "live"), NeedsOtherModel.class);

            results.testEvents().assertStatistics(s -> s.skipped(1));
            assertThat(skipReason(results)).contains("does not have the model llama3.2")
                    .contains("ollama pull llama3.2");
        }
    }

    @Test
    void skipsSayingWhereItLookedWhenNothingRuns() throws Exception {
        String url = LiveFailuresTest.downUrl();

        EngineExecutionResults results = Kit.run(Kit.config(url, fixtures, "live"), NeedsPhi4.class);

        assertThat(skipReason(results)).contains("Ollama is not running at " + url).contains("ollama serve");
    }
}
