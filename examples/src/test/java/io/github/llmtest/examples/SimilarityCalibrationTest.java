package io.github.llmtest.examples;

import io.github.llmtest.Embedding;
import io.github.llmtest.Llm;
import io.github.llmtest.LlmTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link #THRESHOLD} was chosen: a handful of pairs a person judges to mean the same, and a handful that do
 * not, embedded by the embedding model the tests use. A threshold works when it lies between the lowest score of
 * a similar pair and the highest score of a dissimilar one; this test keeps it there, so re-recording with another
 * model (whose scores differ) says at once when the threshold must move. The fixture's vectors come from the
 * word-hashing stand-in that served {@link HelpDeskTest}'s fixtures, not from nomic-embed-text.
 */
@LlmTest
class SimilarityCalibrationTest {

    /** Between the similar pairs' lowest score and the dissimilar pairs' highest, in this fixture. */
    static final double THRESHOLD = 0.45;

    static final List<List<String>> SIMILAR = List.of(
            List.of("You can return a bike within 30 days of delivery.",
                    "You can send your bike back within 30 days of delivery."),
            List.of("Refunds are paid within 14 days.", "You get your refund paid within 14 days."),
            List.of("The first service is free.", "Your first service at our workshop is free of charge."));

    static final List<List<String>> DISSIMILAR = List.of(
            List.of("You can return a bike within 30 days of delivery.",
                    "Frames are guaranteed for five years."),
            List.of("Refunds are paid within 14 days.", "Standard delivery costs 25 euros."),
            List.of("The first service is free.", "Return shipping is paid by the customer."));

    @Test
    void theThresholdSeparatesSimilarPairsFromDissimilarOnes(Llm llm) {
        double lowestSimilar = SIMILAR.stream().mapToDouble(pair -> score(llm, pair)).min().orElseThrow();
        double highestDissimilar = DISSIMILAR.stream().mapToDouble(pair -> score(llm, pair)).max().orElseThrow();

        assertThat(lowestSimilar).as("the lowest score of a similar pair").isGreaterThan(THRESHOLD);
        assertThat(highestDissimilar).as("the highest score of a dissimilar pair").isLessThan(THRESHOLD);
    }

    private static double score(Llm llm, List<String> pair) {
        List<Embedding> embeddings = llm.embed(pair);
        return embeddings.get(0).cosineSimilarity(embeddings.get(1));
    }
}
