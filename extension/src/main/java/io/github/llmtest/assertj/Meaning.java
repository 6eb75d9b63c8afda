package io.github.llmtest.assertj;

import io.github.llmtest.Embedding;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.internal.Texts;
import io.github.llmtest.internal.call.Embedder;
import io.github.llmtest.internal.call.Extractions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Cosine similarity of an answer to other texts, for {@code isSemanticallySimilarTo} and
 * {@code isSemanticallyCloserTo}: the answer and the texts are embedded in one call by the embedding model of the
 * test that served the answer, recorded and replayed like the test's other calls.
 */
final class Meaning {

    /** How much of each text a failure message shows. */
    static final int HEAD = 100;

    private Meaning() {
    }

    /** The answer's and each text's embedding, and the cosine of the answer's to each. */
    record Scores(String model, double[] cosines) {
    }

    static Scores score(LlmAnswer answer, String text, List<String> others) {
        Embedder embedder = Extractions.embedderOf(answer).orElseThrow(() -> new IllegalStateException(
                "isSemanticallySimilarTo and isSemanticallyCloserTo embed the answer with the embedding model of the "
                        + "@LlmTest test that served it, but this answer (" + answer.provenance() + ") was not "
                        + "served by one: it was built by hand or in another test. Assert on an answer from an Llm "
                        + "or LlmServer parameter."));
        if (text.isBlank()) {
            throw new AssertionError(String.format("%nExpecting the answer (%s) to have text to compare by meaning, "
                    + "but it is empty.", answer.provenance()));
        }
        List<String> texts = new ArrayList<>();
        texts.add(text);
        texts.addAll(others);
        List<Embedding> embeddings = embedder.embed(texts);
        double[] cosines = new double[others.size()];
        for (int i = 0; i < cosines.length; i++) {
            cosines[i] = embeddings.get(0).cosineSimilarity(embeddings.get(i + 1));
        }
        return new Scores(embedder.embeddingModel(), cosines);
    }

    static String reference(String name, String text) {
        if (Objects.requireNonNull(text, name).isBlank()) {
            throw new IllegalArgumentException("the " + name + " to compare the answer with must not be blank");
        }
        return text;
    }

    static String format(double score) {
        return String.format(Locale.ROOT, "%.4f", score);
    }

    static String head(String text) {
        return Messages.quote(Texts.head(text, HEAD).replace("\n", " "));
    }
}
