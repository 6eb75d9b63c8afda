package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.segment.TextSegment;
import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.fake.FakeOpenAi;
import io.github.llmtest.fake.TextVectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.springframework.ai.document.MetadataMode;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaEmbeddingOptions;
import org.springframework.ai.openai.OpenAiEmbeddingOptions;
import org.springframework.ai.openai.api.OpenAiApi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's embedding calls through {@link LlmServer}, made by LangChain4j's and Spring AI's embedding models
 * for Ollama and OpenAI-compatible servers: recorded through the pipeline, stored compactly, and replayed with the
 * upstream servers closed, each vector bit for bit what the server sent.
 */
class LlmServerEmbeddingsTest {

    static final List<String> TEXTS = List.of("Refunds are paid within 14 days.",
            "Standard shipping takes three to five working days.");
    static final List<List<float[]>> SEEN = new CopyOnWriteArrayList<>();
    static final List<Integer> CALLS = new CopyOnWriteArrayList<>();

    @TempDir
    Path fixtures;
    FakeOllama ollama;
    FakeOpenAi openai;

    @LlmTest
    static class App {
        @org.junit.jupiter.api.Test
        void embeds(LlmServer server) {
            List<float[]> vectors = new ArrayList<>();
            List<TextSegment> segments = TEXTS.stream().map(TextSegment::from).toList();
            dev.langchain4j.model.ollama.OllamaEmbeddingModel.builder().baseUrl(server.ollamaUrl())
                    .modelName("nomic-embed-text").build().embedAll(segments).content()
                    .forEach(e -> vectors.add(e.vector()));
            dev.langchain4j.model.openai.OpenAiEmbeddingModel.builder().baseUrl(server.openAiUrl()).apiKey("sk-app")
                    .modelName("text-embedding-3-small").build().embedAll(segments).content()
                    .forEach(e -> vectors.add(e.vector()));
            var springOllama = org.springframework.ai.ollama.OllamaEmbeddingModel.builder()
                    .ollamaApi(OllamaApi.builder().baseUrl(server.ollamaUrl()).build())
                    .defaultOptions(OllamaEmbeddingOptions.builder().model("nomic-embed-text").build()).build();
            vectors.addAll(springOllama.embed(TEXTS));
            // Spring AI appends /v1/embeddings to the root URL itself
            var springOpenAi = new org.springframework.ai.openai.OpenAiEmbeddingModel(
                    OpenAiApi.builder().baseUrl(server.ollamaUrl()).apiKey("sk-app").build(), MetadataMode.EMBED,
                    OpenAiEmbeddingOptions.builder().model("text-embedding-3-small").build());
            vectors.addAll(springOpenAi.embed(TEXTS));
            SEEN.add(vectors);
            CALLS.add(server.calls().size());
        }
    }

    @BeforeEach
    void start() {
        SEEN.clear();
        CALLS.clear();
        ollama = FakeOllama.start().embedWith(TextVectors::of);
        openai = FakeOpenAi.start().embedWith(TextVectors::of);
    }

    @AfterEach
    void stop() {
        ollama.close();
        openai.close();
    }

    EngineExecutionResults run(String mode) {
        Map<String, String> config = Kit.config(ollama.url(), openai.url(), fixtures, mode);
        return Kit.run(config, App.class);
    }

    @Test
    void langChain4jAndSpringAiEmbeddingsReplayBitForBitWithTheServersClosed() {
        EngineExecutionResults recording = run("record");
        assertThat(Kit.failureMessage(recording)).isEmpty();
        ollama.close();
        openai.close();
        EngineExecutionResults replaying = run("replay");
        assertThat(Kit.failureMessage(replaying)).isEmpty();

        assertThat(SEEN).hasSize(2);
        List<float[]> live = SEEN.get(0);
        assertThat(live).hasSize(8);
        for (int client = 0; client < 4; client++) {
            // each client's own order (Spring AI's Ollama model hands the two back in another order than sent)
            assertThat(List.of(bits(live.get(2 * client)), bits(live.get(2 * client + 1))))
                    .as("the vectors client %d got live are the server's, bit for bit", client)
                    .containsExactlyInAnyOrder(bits(TextVectors.of(TEXTS.get(0))), bits(TextVectors.of(TEXTS.get(1))));
        }
        for (int i = 0; i < live.size(); i++) {
            assertThat(bits(SEEN.get(1).get(i))).as("replayed vector %d is the one recorded, bit for bit", i)
                    .isEqualTo(bits(live.get(i)));
        }
        assertThat(CALLS).as("embeddings are recorded, but are not answers to assert on").containsOnly(0);
    }

    @Test
    void theFixtureKeepsEachClientsRequestAndStoresItsVectorsCompactly() {
        run("record");

        JsonNode interactions = Kit.read(Kit.fixture(fixtures, App.class, "embeds")).path("interactions");
        assertThat(interactions).extracting(i -> i.path("request").path("endpoint").asText())
                .containsExactly("/api/embed", "/v1/embeddings", "/api/embed", "/v1/embeddings");
        JsonNode ollamaBody = interactions.get(0).path("response").path("body");
        assertThat(ollamaBody.path("embeddings")).hasSize(2)
                .allSatisfy(v -> assertThat(v.asText()).startsWith("f32le:"));
        JsonNode openAiBody = interactions.get(1).path("response").path("body");
        assertThat(openAiBody.path("data")).hasSize(2)
                .allSatisfy(d -> assertThat(d.path("embedding").asText()).startsWith("f32le:"));
        assertThat(openAiBody.path("data").get(0).path("index").asInt()).as("the server's order is kept").isEqualTo(1);
    }

    private static List<Integer> bits(float[] vector) {
        List<Integer> bits = new ArrayList<>(vector.length);
        for (float value : vector) {
            bits.add(Float.floatToRawIntBits(value));
        }
        return bits;
    }
}
