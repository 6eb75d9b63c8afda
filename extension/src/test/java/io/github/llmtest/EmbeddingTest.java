package io.github.llmtest;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@link Embedding}: an immutable vector, and its cosine similarity. */
class EmbeddingTest {

    @Test
    void theVectorIsCopiedInAndOut() {
        float[] values = {0.25f, -0.5f, 0.125f};
        Embedding embedding = new Embedding("a text", "nomic-embed-text", values);

        values[0] = 9f;
        embedding.vector()[1] = 9f;

        assertThat(embedding.vector()).containsExactly(0.25f, -0.5f, 0.125f);
        assertThat(embedding.dimensions()).isEqualTo(3);
    }

    @Test
    void theCosineIsTheDirectComputationToOneMillionth() {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            float[] a = new float[768];
            float[] b = new float[768];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) random.nextGaussian();
                b[i] = (float) (a[i] * random.nextDouble() + random.nextGaussian());
            }
            double dot = 0;
            double aa = 0;
            double bb = 0;
            for (int i = 0; i < a.length; i++) {
                dot += a[i] * (double) b[i];
                aa += a[i] * (double) a[i];
                bb += b[i] * (double) b[i];
            }
            double direct = dot / (Math.sqrt(aa) * Math.sqrt(bb));

            assertThat(new Embedding("a", "m", a).cosineSimilarity(new Embedding("b", "m", b)))
                    .isCloseTo(direct, within(1e-6));
        }
    }

    @Test
    void sameDirectionIsOneOppositeIsMinusOneAndAZeroVectorIsZero() {
        Embedding a = new Embedding("a", "m", new float[] {1f, 2f, 3f});

        assertThat(a.cosineSimilarity(new Embedding("b", "m", new float[] {2f, 4f, 6f}))).isCloseTo(1, within(1e-9));
        assertThat(a.cosineSimilarity(new Embedding("c", "m", new float[] {-1f, -2f, -3f})))
                .isCloseTo(-1, within(1e-9));
        assertThat(a.cosineSimilarity(new Embedding("d", "m", new float[] {0f, 0f, 0f}))).isZero();
    }

    @Test
    void vectorsOfTwoModelsCannotBeComparedAndBadVectorsAreRefused() {
        Embedding a = new Embedding("a", "nomic-embed-text", new float[] {1f, 2f, 3f});

        assertThatThrownBy(() -> a.cosineSimilarity(new Embedding("b", "openai:text-embedding-3-small",
                new float[] {1f, 2f}))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 and 2 dimensions").hasMessageContaining("nomic-embed-text")
                .hasMessageContaining("openai:text-embedding-3-small");
        assertThatThrownBy(() -> new Embedding("a", "m", new float[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> new Embedding("a", "m", new float[] {Float.NaN}))
                .hasMessageContaining("not a finite number");
    }
}
