package io.github.llmtest.examples;

import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import io.github.llmtest.Llm;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.LlmServer;
import io.github.llmtest.LlmTest;
import io.github.llmtest.assertj.LlmJudge;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A retrieval-augmented application under test: {@link HelpDesk} embeds the shop's policies and the question with
 * nomic-embed-text and answers with phi4, both through {@link LlmServer}; the test checks that the answer is
 * grounded in what was retrieved, answers the question, and means what the reference says.
 *
 * <p>The fixtures are hand-written: the answers and the judge's verdicts were written for this example and served
 * while recording by llmtest's own stand-in of Ollama (the extension's test {@code FakeOllama}, on loopback; its
 * vectors come from a word-hashing stand-in, not from nomic-embed-text), then marked
 * {@code "origin": "hand-written"}. Record them against a real Ollama with
 * {@code -Dllmtest.mode=record} (and {@code ollama pull nomic-embed-text}), then calibrate the threshold again with
 * {@link SimilarityCalibrationTest}.
 */
@LlmTest
class HelpDeskTest {

    static final String RETURNS = "How long do I have to return a bike?";
    static final String REFERENCE = "You can return a bike within 30 days of delivery if it has been ridden less "
            + "than 50 km.";

    static HelpDesk helpDesk(LlmServer server) {
        return HelpDesk.over(
                OllamaEmbeddingModel.builder().baseUrl(server.ollamaUrl()).modelName("nomic-embed-text").build(),
                OllamaChatModel.builder().baseUrl(server.ollamaUrl()).modelName("phi4").temperature(0.0).seed(42)
                        .timeout(Duration.ofMinutes(5)).build());
    }

    @Test
    void answersFromTheReturnsPolicyItRetrieved(LlmServer server, Llm llm) {
        HelpDesk.Reply reply = helpDesk(server).answer(RETURNS);

        org.assertj.core.api.Assertions.assertThat(reply.sources()).first().asString().startsWith("Returns:");
        LlmAnswer answer = server.calls().get(0);
        LlmJudge judge = LlmJudge.using(llm);
        assertThat(answer).isGroundedIn(judge, reply.sources())
                .answersTheQuestion(judge, RETURNS)
                .isSemanticallySimilarTo(REFERENCE, SimilarityCalibrationTest.THRESHOLD)
                .isSemanticallyCloserTo(HelpDesk.POLICIES.get(0)).thanTo(HelpDesk.POLICIES.get(2));
    }

    @Test
    void anAnswerThatAddsAPromiseOfItsOwnIsNotGrounded(LlmServer server, Llm llm) {
        HelpDesk.Reply reply = helpDesk(server).answer("Do you refund the shipping costs when I return a bike?");

        LlmAnswer answer = server.calls().get(0);
        assertThatThrownBy(() -> assertThat(answer).isGroundedIn(LlmJudge.using(llm), reply.sources()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("found 1 of its 2 claims unsupported")
                .hasMessageContaining("  - The shop refunds the shipping costs of a returned bike.");
    }
}
