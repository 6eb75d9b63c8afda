package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.assertj.LlmJudge;
import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;

/** {@code isGroundedIn} and {@code answersTheQuestion} against the fake server, with scripted judge replies. */
class GroundingTest {

    static final String QUESTION = "How long do refunds take?";
    static final String ANSWER = "Refunds are paid within 14 days. You also get a 10% voucher.";
    static final List<String> CONTEXTS = List.of("Refunds are paid to the original card within 14 days.",
            "Returns are free for 30 days after delivery.");
    static final Queue<String> REPLIES = new ConcurrentLinkedQueue<>();
    static volatile boolean relevance;

    @TempDir
    Path fixtures;
    FakeOllama ollama;

    @BeforeEach
    void start() {
        REPLIES.clear();
        relevance = false;
        ollama = FakeOllama.start().answerWith(r -> r.path("messages").size() > 1 ? REPLIES.remove() : ANSWER);
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    @LlmTest
    static class Rag {
        @org.junit.jupiter.api.Test
        void refunds(Llm llm) {
            LlmAnswer answer = llm.ask(QUESTION);
            if (relevance) {
                assertThat(answer).answersTheQuestion(LlmJudge.using(llm));
            } else {
                assertThat(answer).isGroundedIn(LlmJudge.using(llm), CONTEXTS);
            }
        }
    }

    EngineExecutionResults run(String mode) {
        return Kit.run(Kit.config(ollama.url(), fixtures, mode), Rag.class);
    }

    List<JsonNode> judgeRequests() {
        return ollama.requests("/api/chat").stream().map(FakeOllama.Recorded::json)
                .filter(j -> j.path("messages").size() > 1).toList();
    }

    static String claims(boolean secondSupported) {
        return "{\"claims\": [{\"claim\": \"Refunds are paid within 14 days.\", \"supported\": true}, "
                + "{\"claim\": \"You get a 10% voucher.\", \"supported\": " + secondSupported + "}]}";
    }

    @Test
    void theJudgeGetsTheContextsAndTheAnswerAndItsGroundedVerdictReplaysWithTheServerClosed() {
        REPLIES.add(claims(true));

        run("record").testEvents().assertStatistics(s -> s.succeeded(1));
        ollama.close();
        EngineExecutionResults replayed = run("replay");

        replayed.testEvents().assertStatistics(s -> s.succeeded(1));
        JsonNode judge = judgeRequests().get(0);
        assertThat(judge.path("messages").get(0).path("content").asText()).startsWith("You check whether an answer");
        assertThat(judge.path("messages").get(1).path("content").asText())
                .contains("[1] " + CONTEXTS.get(0)).contains("[2] " + CONTEXTS.get(1))
                .contains("Question:\n" + QUESTION).contains("Answer to check:\n" + ANSWER);
        assertThat(judge.path("format").path("required").toString()).isEqualTo("[\"claims\"]");
        assertThat(judge.path("options").path("temperature").asDouble(-1)).isZero();
    }

    @Test
    void anUngroundedAnswerFailsNamingItsUnsupportedClaimAndSoDoesItsReplay() {
        REPLIES.add(claims(false));

        EngineExecutionResults recorded = run("record");
        ollama.close();
        EngineExecutionResults replayed = run("replay");

        for (EngineExecutionResults results : List.of(recorded, replayed)) {
            results.testEvents().assertStatistics(s -> s.failed(1));
            assertThat(Kit.failureMessage(results))
                    .contains("Expecting the answer to be grounded in the 2 contexts given, but the judge")
                    .contains("found 1 of its 2 claims unsupported:\n  - You get a 10% voucher.\n")
                    .doesNotContain("  - Refunds are paid within 14 days.")
                    .contains("10% voucher.");
        }
    }

    @Test
    void aReplyThatIsNotTheClaimsJsonIsAskedAgainOnceThenFailsWithTheRawReply() {
        REPLIES.add("All claims are supported.");
        REPLIES.add(claims(true));
        run("live").testEvents().assertStatistics(s -> s.succeeded(1));
        JsonNode retry = judgeRequests().get(1).path("messages");
        assertThat(retry.get(3).path("content").asText()).startsWith("That reply could not be read: no JSON in it");

        REPLIES.add("{\"claims\": [{\"claim\": \"x\"}]}");
        REPLIES.add("{\"claims\": \"none\"}");
        EngineExecutionResults failed = run("live");
        assertThat(Kit.failureMessage(failed)).contains("did not answer with {\"claims\": [{\"claim\": …, "
                + "\"supported\": …}]}, even when asked again: its \"claims\" is \"none\", not an array");
    }

    @Test
    void answersTheQuestionIsARelevanceVerdictRecordedLikeARubric() {
        relevance = true;
        REPLIES.add("{\"pass\": false, \"reason\": \"It talks about vouchers instead.\"}");

        EngineExecutionResults failed = run("record");

        assertThat(Kit.failureMessage(failed)).contains("Expecting the answer to answer the question:\n  " + QUESTION)
                .contains("said it does not:\n  It talks about vouchers instead.");
        assertThat(judgeRequests().get(0).path("messages").get(1).path("content").asText())
                .contains(LlmJudge.RELEVANCE_RUBRIC);
        ollama.close();
        assertThat(Kit.failureMessage(run("replay"))).contains("It talks about vouchers instead.");
    }
}
