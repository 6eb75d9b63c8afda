package io.github.llmtest;

import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.fake.TextVectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.Map;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code isSemanticallySimilarTo} and {@code isSemanticallyCloserTo}: cosine on the test's embedding model. */
class SemanticSimilarityTest {

    static final String ANSWER = "Refunds are paid back to your card within 14 days of the return.";
    static final String REFERENCE = "You get your refund within 14 days after we receive the return.";
    static final String UNRELATED = "Standard shipping takes three to five working days.";
    static volatile double threshold;
    static volatile boolean ranking;
    static volatile boolean reversed;

    @TempDir
    Path fixtures;
    FakeOllama ollama;

    @BeforeEach
    void start() {
        ranking = false;
        reversed = false;
        ollama = FakeOllama.start().answerWith(r -> ANSWER).embedWith(TextVectors::of);
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    @LlmTest
    static class Similar {
        @org.junit.jupiter.api.Test
        void refund(Llm llm) {
            LlmAnswer answer = llm.ask("How long do refunds take?");
            if (ranking) {
                assertThat(answer).isSemanticallyCloserTo(reversed ? UNRELATED : REFERENCE)
                        .thanTo(reversed ? REFERENCE : UNRELATED);
            } else {
                assertThat(answer).isSemanticallySimilarTo(REFERENCE, threshold);
            }
        }
    }

    EngineExecutionResults run(String mode) {
        return Kit.run(Kit.config(ollama.url(), fixtures, mode), Similar.class);
    }

    static double direct(String a, String b) {
        float[] x = TextVectors.of(a);
        float[] y = TextVectors.of(b);
        double dot = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * (double) y[i];
            xx += x[i] * (double) x[i];
            yy += y[i] * (double) y[i];
        }
        return dot / Math.sqrt(xx * yy);
    }

    @Test
    void theScoreIsTheCosineOfTheTwoVectorsToOneMillionth() {
        double cosine = direct(ANSWER, REFERENCE);
        org.assertj.core.api.Assertions.assertThat(cosine).as("the fake's texts share words").isBetween(0.2, 0.95);

        threshold = cosine - 1e-6;
        run("live").testEvents().assertStatistics(s -> s.succeeded(1));
        threshold = cosine + 1e-6;
        EngineExecutionResults failed = run("live");

        failed.testEvents().assertStatistics(s -> s.failed(1));
        org.assertj.core.api.Assertions.assertThat(Kit.failureMessage(failed))
                .contains("Expecting the answer to be semantically similar to the reference, but its cosine "
                        + "similarity is " + String.format(java.util.Locale.ROOT, "%.4f", cosine) + ", below the "
                        + "threshold")
                .contains("model:     nomic-embed-text")
                .contains("answer:    \"Refunds are paid back to your card")
                .contains("reference: \"You get your refund within 14 days");
    }

    @Test
    void theEmbeddingCallIsRecordedAndTheCheckReplaysWithTheServerClosed() {
        threshold = 0.2;
        run("record").testEvents().assertStatistics(s -> s.succeeded(1));
        int embedCalls = ollama.requests("/api/embed").size();
        ollama.close();

        run("replay").testEvents().assertStatistics(s -> s.succeeded(1));

        org.assertj.core.api.Assertions.assertThat(embedCalls).as("answer and reference in one call").isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(Kit.read(Kit.fixture(fixtures, Similar.class, "refund"))
                .path("interactions")).extracting(i -> i.path("request").path("endpoint").asText())
                .containsExactly("/api/chat", "/api/embed");
    }

    @Test
    void aRankingNeedsNoThresholdAndItsFailureGivesBothScores() {
        ranking = true;
        run("live").testEvents().assertStatistics(s -> s.succeeded(1));

        reversed = true;
        EngineExecutionResults failed = run("live");

        failed.testEvents().assertStatistics(s -> s.failed(1));
        org.assertj.core.api.Assertions.assertThat(Kit.failureMessage(failed))
                .contains("Expecting the answer to be closer in meaning to the first text than to the second, but "
                        + "its cosine similarity to the first is "
                        + String.format(java.util.Locale.ROOT, "%.4f", direct(ANSWER, UNRELATED)) + " and to the "
                        + "second " + String.format(java.util.Locale.ROOT, "%.4f", direct(ANSWER, REFERENCE)))
                .contains("first:  \"Standard shipping");
    }

    @Test
    void anAnswerNoTestServedCannotBeEmbeddedAndSaysWhy() {
        LlmAnswer built = LlmAnswer.builder("Refunds take 14 days.").build();

        assertThatThrownBy(() -> assertThat(built).isSemanticallySimilarTo(REFERENCE, 0.8))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("was not served by one");
        assertThatThrownBy(() -> assertThat(built).isSemanticallySimilarTo(REFERENCE, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from -1 to 1");
    }

    @Test
    void theEmbeddingModelSettingChoosesTheModel() {
        threshold = 0.2;
        Map<String, String> config = new java.util.HashMap<>(Kit.config(ollama.url(), fixtures, "live"));
        config.put(LlmTest.EMBEDDING_MODEL_PARAMETER, "mxbai-embed-large");
        Kit.run(config, Similar.class).testEvents().assertStatistics(s -> s.succeeded(1));

        org.assertj.core.api.Assertions.assertThat(ollama.requests("/api/embed")).singleElement()
                .satisfies(r -> org.assertj.core.api.Assertions.assertThat(r.json().path("model").asText())
                        .isEqualTo("mxbai-embed-large"));
    }
}
