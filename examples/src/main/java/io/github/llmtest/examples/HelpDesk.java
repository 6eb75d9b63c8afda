package io.github.llmtest.examples;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;

import java.util.List;

/**
 * A small retrieval-augmented application, written the way Java teams write them with LangChain4j: a bike shop's
 * policies embedded into an in-memory embedding store; a question is embedded, the two closest policies are
 * retrieved, and a chat model answers from them. Its test, {@code HelpDeskTest}, points both models at llmtest's
 * {@code LlmServer}, so that the embedding calls and the chat call are recorded and replayed.
 */
public final class HelpDesk {

    /** The shop's policies: the documents the help desk retrieves from. */
    public static final List<String> POLICIES = List.of(
            "Returns: you can return a bike within 30 days of delivery for a full refund, as long as it has been "
                    + "ridden less than 50 km.",
            "Refunds are paid to the original payment method within 14 days after the returned bike reaches our "
                    + "workshop.",
            "Shipping: standard delivery takes three to five working days and costs 25 euros; return shipping is "
                    + "paid by the customer.",
            "Warranty: frames are guaranteed for five years and components for two years against manufacturing "
                    + "defects.",
            "Servicing: the first service within three months of purchase is free at any of our workshops.");

    /** How the chat model is asked to answer. */
    static final String INSTRUCTIONS = "You answer customers of a bike shop. Use only the policy excerpts below; "
            + "if they do not answer the question, say that you do not know. Answer in one or two sentences.";

    /**
     * What the help desk answered, and from what.
     *
     * @param answer  the chat model's answer
     * @param sources the policies it was given, closest first
     */
    public record Reply(String answer, List<String> sources) {
    }

    private final EmbeddingModel embeddings;
    private final ChatModel chat;
    private final InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();

    private HelpDesk(EmbeddingModel embeddings, ChatModel chat, List<String> documents) {
        this.embeddings = embeddings;
        this.chat = chat;
        List<TextSegment> segments = documents.stream().map(TextSegment::from).toList();
        store.addAll(embeddings.embedAll(segments).content(), segments);
    }

    /**
     * @param embeddings the model that embeds policies and questions
     * @param chat       the model that answers
     * @return a help desk over {@link #POLICIES}
     */
    public static HelpDesk over(EmbeddingModel embeddings, ChatModel chat) {
        return new HelpDesk(embeddings, chat, POLICIES);
    }

    /**
     * @param question a customer's question
     * @return the answer and the policies it was drawn from
     */
    public Reply answer(String question) {
        Embedding query = embeddings.embed(question).content();
        List<String> sources = store.search(EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(2)
                .build()).matches().stream().map(match -> match.embedded().text()).toList();
        StringBuilder prompt = new StringBuilder(INSTRUCTIONS).append("\n\n");
        for (int i = 0; i < sources.size(); i++) {
            prompt.append('[').append(i + 1).append("] ").append(sources.get(i)).append('\n');
        }
        prompt.append("\nQuestion: ").append(question);
        return new Reply(chat.chat(prompt.toString()), sources);
    }
}
