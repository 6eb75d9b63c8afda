package io.github.llmtest.internal.call;

import io.github.llmtest.Embedding;

import java.util.List;

/**
 * What embeds texts for an assertion on meaning ({@code isSemanticallySimilarTo}): the session that served the
 * answer, with the configured embedding model, its calls recorded and replayed like the test's own.
 */
public interface Embedder {

    /** @return the model that embeds, as the settings name it */
    String embeddingModel();

    /**
     * @param texts the texts, at least one
     * @return their embeddings, in order
     */
    List<Embedding> embed(List<String> texts);
}
