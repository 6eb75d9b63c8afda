package io.github.llmtest;

/**
 * The model, as a test sees it. Declare a parameter of this type in a test or lifecycle method of an
 * {@link LlmTest @LlmTest} class; depending on the {@link LlmMode} each call goes to Ollama, to a fixture, or both.
 *
 * <pre>{@code
 * @Test
 * void prism(Llm llm) {
 *     LlmAnswer answer = llm.ask("If the volume of a rectangular prism is 120 cubic centimetres, ...");
 *     assertThat(answer).finalNumber().isEqualByComparingTo("5");
 *
 *     Llm creative = llm.withOptions(Options.builder().temperature(0.8).build());
 *     Llm other = llm.withModel("llama3.2");
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; the {@code with...} methods return new ones bound to the same test.
 * The extension creates them; the interface is sealed. To unit-test code that consumes answers, build an
 * {@link LlmAnswer} with {@link LlmAnswer#builder(String)} instead.
 */
public sealed interface Llm permits DefaultLlm {

    /** The options every request starts from: temperature 0, seed 42, a context of 4096 tokens. */
    Options DEFAULT_OPTIONS = Options.builder().temperature(0).seed(42).numCtx(4096).build();

    /**
     * Asks one question.
     *
     * @param prompt the user message
     * @return the answer
     */
    LlmAnswer ask(String prompt);

    /**
     * Sends a chat with a system prompt, several messages, options or a format.
     *
     * @param request the request
     * @return the answer
     */
    LlmAnswer chat(LlmRequest request);

    /**
     * Embeds one text with {@link #embeddingModel()}: a call to the provider's embeddings endpoint
     * ({@code /api/embed}, {@code /v1/embeddings}), recorded and replayed like a chat, its vector replayed bit for
     * bit.
     *
     * <pre>{@code
     * Embedding question = llm.embed("How do I reset my password?");
     * Embedding faq = llm.embed("To reset your password, open Settings and choose Security.");
     * assertThat(question.cosineSimilarity(faq)).isGreaterThan(0.6);
     * }</pre>
     *
     * @param text the text
     * @return its embedding
     */
    Embedding embed(String text);

    /**
     * Embeds several texts in one call, as {@link #embed(String)} does one.
     *
     * @param texts the texts, at least one
     * @return their embeddings, in the same order
     */
    java.util.List<Embedding> embed(java.util.List<String> texts);

    /**
     * @return the model {@link #embed} asks: {@link #withEmbeddingModel(String)}, else the setting
     * {@value LlmTest#EMBEDDING_MODEL_PARAMETER} ({@value LlmTest#EMBEDDING_MODEL_ENV}), else
     * {@value LlmTest#DEFAULT_EMBEDDING_MODEL}
     */
    String embeddingModel();

    /**
     * The same client with another embedding model.
     *
     * @param model for example {@code mxbai-embed-large} or {@code openai:text-embedding-3-small}
     * @return a new client
     */
    Llm withEmbeddingModel(String model);

    /** @return the model this client asks */
    String model();

    /** @return the options every request of this client starts from */
    Options options();

    /**
     * The same client for another model.
     *
     * @param model for example {@code llama3.2}
     * @return a new client
     */
    Llm withModel(String model);

    /**
     * The same client with some options overridden.
     *
     * @param overrides options whose set values replace this client's
     * @return a new client
     */
    Llm withOptions(Options overrides);
}
