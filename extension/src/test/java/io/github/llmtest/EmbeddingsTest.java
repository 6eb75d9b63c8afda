package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.fake.FakeOpenAi;
import io.github.llmtest.fake.TextVectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code llm.embed}: recorded and replayed through the pipeline, vectors bit for bit, stored compactly. */
class EmbeddingsTest {

    static final List<String> TEXTS = List.of("The cat sat on the mat.", "A kitten sat on the rug.",
            "Quarterly revenue grew by eight percent.");
    static final List<List<Embedding>> SEEN = new CopyOnWriteArrayList<>();
    static volatile String model;

    @TempDir
    Path fixtures;
    FakeOllama ollama;
    FakeOpenAi openai;

    @BeforeEach
    void start() {
        SEEN.clear();
        model = null;
        ollama = FakeOllama.start().embedWith(TextVectors::of);
        openai = FakeOpenAi.start().embedWith(TextVectors::of);
    }

    @AfterEach
    void stop() {
        ollama.close();
        openai.close();
    }

    @LlmTest
    static class Embeds {
        @org.junit.jupiter.api.Test
        void embeds(Llm llm) {
            Llm embedding = model == null ? llm : llm.withEmbeddingModel(model);
            List<Embedding> batch = embedding.embed(TEXTS);
            List<Embedding> all = new ArrayList<>(batch);
            all.add(embedding.embed(TEXTS.get(0)));
            SEEN.add(all);
        }
    }

    EngineExecutionResults run(String mode, Map<String, String> extra) {
        Map<String, String> config = Kit.config(ollama.url(), openai.url(), fixtures, mode);
        config.putAll(extra);
        return Kit.run(config, Embeds.class);
    }

    @Test
    void ollamaVectorsAreRecordedAndReplayedBitForBitWithTheServerClosed() {
        run("record", Map.of()).testEvents().assertStatistics(s -> s.succeeded(1));
        ollama.close();
        run("replay", Map.of()).testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(SEEN).hasSize(2);
        List<Embedding> recorded = SEEN.get(0);
        List<Embedding> replayed = SEEN.get(1);
        assertThat(recorded).hasSize(4);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(recorded.get(i).vector()).as("the live vector is the server's").containsExactly(
                    TextVectors.of(TEXTS.get(i)));
            assertThat(recorded.get(i).model()).isEqualTo(LlmTest.DEFAULT_EMBEDDING_MODEL);
            assertThat(recorded.get(i).text()).isEqualTo(TEXTS.get(i));
        }
        assertThat(bits(replayed)).as("replayed vectors are the recorded ones, bit for bit")
                .isEqualTo(bits(recorded));
        assertThat(replayed).isEqualTo(recorded);
    }

    @Test
    void theRequestIsTheOneAnApplicationWouldSendAndTheFixtureStoresVectorsAsBase64OfFloat32() throws Exception {
        run("record", Map.of()).testEvents().assertStatistics(s -> s.succeeded(1));

        JsonNode sent = ollama.requests("/api/embed").get(0).json();
        assertThat(sent.path("model").asText()).isEqualTo("nomic-embed-text");
        assertThat(sent.path("input")).hasSize(3);
        Path file = Kit.fixture(fixtures, Embeds.class, "embeds");
        JsonNode interaction = Kit.read(file).path("interactions").get(0);
        assertThat(interaction.path("request").path("endpoint").asText()).isEqualTo("/api/embed");
        JsonNode stored = interaction.path("response").path("body").path("embeddings");
        assertThat(stored).hasSize(3);
        assertThat(stored.get(0).asText()).startsWith("f32le:");
        byte[] bytes = java.util.Base64.getDecoder().decode(stored.get(0).asText().substring(6));
        assertThat(bytes).hasSize(TextVectors.DIMENSIONS * 4);
        float first = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat();
        assertThat(Float.floatToIntBits(first)).isEqualTo(Float.floatToIntBits(TextVectors.of(TEXTS.get(0))[0]));
        assertThat(Files.size(file)).as("four vectors of 384 float32 values: about 2 KB each as base64")
                .isLessThan(4 * 2_100 + 4_000);
    }

    @Test
    void openAiVectorsComeBackInTheOrderOfTheInputsAndReplayBitForBit() {
        model = "openai:text-embedding-3-small";
        run("record", Map.of()).testEvents().assertStatistics(s -> s.succeeded(1));
        openai.close();
        run("replay", Map.of()).testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(openai.requests()).extracting(FakeOllama.Recorded::path).contains("/v1/embeddings");
        List<Embedding> recorded = SEEN.get(0);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(recorded.get(i).vector()).containsExactly(TextVectors.of(TEXTS.get(i)));
            assertThat(recorded.get(i).model()).isEqualTo("openai:text-embedding-3-small");
        }
        assertThat(bits(SEEN.get(1))).isEqualTo(bits(recorded));
    }

    @Test
    void theEmbeddingModelComesFromTheSetting() {
        run("record", Map.of(LlmTest.EMBEDDING_MODEL_PARAMETER, "mxbai-embed-large")).testEvents()
                .assertStatistics(s -> s.succeeded(1));

        assertThat(ollama.requests("/api/embed")).extracting(r -> r.json().path("model").asText())
                .containsOnly("mxbai-embed-large");
        assertThat(SEEN.get(0)).extracting(Embedding::model).containsOnly("mxbai-embed-large");
    }

    @Test
    void aMissInReplayNamesTheEmbeddingsRequestAndHowToRecordIt() {
        EngineExecutionResults results = run("replay", Map.of());

        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(Kit.failureMessage(results)).contains("No recorded answer for this request in replay mode")
                .contains("nomic-embed-text").contains("The cat sat on the mat.");
    }

    @Test
    void aHandWrittenFixtureMayGiveTheVectorsAsNumbers() {
        String request = "{\"endpoint\":\"/api/embed\",\"model\":\"nomic-embed-text\","
                + "\"input\":[\"The cat sat on the mat.\",\"A kitten sat on the rug.\","
                + "\"Quarterly revenue grew by eight percent.\"],\"occurrence\":0}";
        String single = request.replace(",\"A kitten sat on the rug.\",\"Quarterly revenue grew by eight percent.\"",
                "");
        Kit.writeFixture(fixtures, Embeds.class, "embeds", "{\"llmtest_fixture_version\":1,\"interactions\":["
                + interaction(request, "[[1,0],[0.6,0.8],[0,1]]") + "," + interaction(single, "[[1,0]]") + "]}");

        run("replay", Map.of()).testEvents().assertStatistics(s -> s.succeeded(1));

        List<Embedding> seen = SEEN.get(0);
        assertThat(seen.get(1).vector()).containsExactly(0.6f, 0.8f);
        assertThat(seen.get(0).cosineSimilarity(seen.get(1))).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-7));
        assertThat(seen.get(3)).isEqualTo(seen.get(0));
    }

    private static String interaction(String request, String embeddings) {
        return "{\"origin\":\"hand-written\",\"request\":" + request + ",\"response\":{\"text\":\"\",\"body\":"
                + "{\"model\":\"nomic-embed-text\",\"embeddings\":" + embeddings + "}}}";
    }

    private static List<List<Integer>> bits(List<Embedding> embeddings) {
        List<List<Integer>> bits = new ArrayList<>();
        for (Embedding e : embeddings) {
            float[] v = e.vector();
            List<Integer> b = new ArrayList<>();
            for (float value : v) {
                b.add(Float.floatToRawIntBits(value));
            }
            bits.add(b);
        }
        return bits;
    }
}
