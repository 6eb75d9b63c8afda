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
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;

/** An LLM judge against the fake server, with scripted verdicts: recorded, replayed, retried, outvoted. */
class JudgeTest {

    static final String RUBRIC = "States the final amount in dollars";
    static final String ANSWER = "After 10 years the amount is $1,638,616.44.";
    static final Queue<String> VERDICTS = new ConcurrentLinkedQueue<>();
    static volatile int votes = 1;
    static volatile boolean counted;

    @TempDir
    Path fixtures;
    FakeOllama ollama;

    @BeforeEach
    void start() {
        VERDICTS.clear();
        votes = 1;
        counted = false;
        ollama = FakeOllama.start().answerWith(r -> {
            boolean judging = r.path("messages").get(0).path("content").asText().startsWith("You are a strict grader")
                    || r.path("messages").get(0).path("content").asText().startsWith("Grade it");
            return judging ? VERDICTS.remove() : ANSWER;
        });
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    @LlmTest
    static class Judged {
        @org.junit.jupiter.api.Test
        @LatencyBudget(total = "10s")
        void statesTheAmount(Llm llm) {
            LlmAnswer answer = llm.ask("What is the final amount?");
            LlmJudge judge = LlmJudge.using(llm).majorityOf(votes);
            assertThat(answer).satisfiesRubric(counted ? judge.countedInLatency() : judge, RUBRIC);
        }
    }

    EngineExecutionResults run(String mode) {
        return Kit.run(Kit.config(ollama.url(), fixtures, mode), Judged.class);
    }

    List<JsonNode> judgeRequests() {
        List<JsonNode> out = new ArrayList<>();
        ollama.requests("/api/chat").stream().map(FakeOllama.Recorded::json)
                .filter(j -> j.path("messages").size() > 1).forEach(out::add);
        return out;
    }

    @Test
    void aPassingVerdictIsRecordedAndReplayedOffline() {
        VERDICTS.add("{\"pass\": true, \"reason\": \"It gives $1,638,616.44.\"}");

        run("record").testEvents().assertStatistics(s -> s.succeeded(1));

        JsonNode judge = judgeRequests().get(0);
        assertThat(judge.path("messages").get(0).path("content").asText()).isEqualTo(LlmJudge.DEFAULT_INSTRUCTIONS);
        assertThat(judge.path("messages").get(1).path("content").asText()).contains("Rubric:\n" + RUBRIC)
                .contains("Question:\nWhat is the final amount?").contains("Answer to judge:\n" + ANSWER);
        assertThat(judge.path("format").path("required").toString()).isEqualTo("[\"pass\",\"reason\"]");
        assertThat(judge.path("options").path("temperature").asDouble(-1)).isZero();
        JsonNode interactions = Kit.read(Kit.fixture(fixtures, Judged.class, "statesTheAmount")).path("interactions");
        assertThat(interactions).hasSize(2);

        ollama.close();
        run("replay").testEvents().assertStatistics(s -> s.succeeded(1));
    }

    @Test
    void aFailingVerdictGivesTheRubricTheReasonTheJudgeAndTheAnswer() {
        VERDICTS.add("{\"pass\": false, \"reason\": \"No currency is named.\"}");

        EngineExecutionResults results = run("live");

        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(Kit.failureMessage(results)).contains("Expecting the answer to satisfy the rubric:\n  " + RUBRIC)
                .contains("but the judge (live call to phi4) said it does not:\n  No currency is named.")
                .contains("The answer (live call to phi4) ends with:").contains("$1,638,616.44");
    }

    @Test
    void aReplyThatIsNotTheVerdictJsonIsAskedAgainOnceWithTheReason() {
        VERDICTS.add("The answer passes, I think.");
        VERDICTS.add("{\"pass\": true, \"reason\": \"Dollars are named.\"}");

        run("record").testEvents().assertStatistics(s -> s.succeeded(1));

        List<JsonNode> asked = judgeRequests();
        assertThat(asked).hasSize(2);
        JsonNode retry = asked.get(1).path("messages");
        assertThat(retry.get(2).path("role").asText()).isEqualTo("assistant");
        assertThat(retry.get(2).path("content").asText()).isEqualTo("The answer passes, I think.");
        assertThat(retry.get(3).path("content").asText()).startsWith("That reply could not be read: no JSON in it");
    }

    @Test
    void twoBadRepliesFailWithTheRawReplyNeverASilentPass() {
        VERDICTS.add("PASS");
        VERDICTS.add("{\"pass\": \"yes\", \"reason\": \"fine\"}");

        EngineExecutionResults results = run("live");

        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(Kit.failureMessage(results)).contains("did not answer with {\"pass\": …, \"reason\": …}, even when "
                + "asked again: its \"pass\" is \"yes\", not true or false").contains("{\"pass\": \"yes\"");
    }

    @Test
    void aMajorityReasksOnlyAFailingVerdictAtATemperatureWithItsOwnSeeds() {
        votes = 3;
        VERDICTS.add("{\"pass\": false, \"reason\": \"No currency.\"}");
        VERDICTS.add("{\"pass\": true, \"reason\": \"Dollars.\"}");
        VERDICTS.add("{\"pass\": true, \"reason\": \"In dollars.\"}");

        run("live").testEvents().assertStatistics(s -> s.succeeded(1));

        List<JsonNode> asked = judgeRequests();
        assertThat(asked).hasSize(3);
        assertThat(asked.get(1).path("options").path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(asked.get(1).path("options").path("seed").asInt()).isEqualTo(43);
        assertThat(asked.get(2).path("options").path("seed").asInt()).isEqualTo(44);

        ollama.clearRequests();
        VERDICTS.add("{\"pass\": true, \"reason\": \"Dollars.\"}");
        run("live").testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(judgeRequests()).as("a passing first vote stands").hasSize(1);

        VERDICTS.add("{\"pass\": false, \"reason\": \"No currency.\"}");
        VERDICTS.add("{\"pass\": false, \"reason\": \"Not in dollars.\"}");
        VERDICTS.add("{\"pass\": true, \"reason\": \"Dollars.\"}");
        EngineExecutionResults outvoted = run("live");
        assertThat(Kit.failureMessage(outvoted)).contains("said it does not (1 of 3 votes for pass):\n  No currency.");
    }

    @Test
    void judgeCallsAreLeftOutOfTheLatencyBudgetUnlessTheyCountAndTheReportShowsTheirVerdict() throws Exception {
        VERDICTS.add("{\"pass\": true, \"reason\": \"Dollars.\"}");
        run("record").testEvents().assertStatistics(s -> s.succeeded(1));
        Path file = Kit.fixture(fixtures, Judged.class, "statesTheAmount");
        JsonNode root = Kit.read(file);
        for (JsonNode interaction : root.path("interactions")) {
            if (interaction.path("request").has("format")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) interaction.path("client"))
                        .put("wall_time_ms", 60_000.0);
            }
        }
        java.nio.file.Files.writeString(file, Kit.JSON.writeValueAsString(root));
        ollama.close();

        EngineExecutionResults excluded = run("replay");
        excluded.testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(excluded.allEvents().reportingEntryPublished().stream()
                .flatMap(e -> e.getPayload(org.junit.platform.engine.reporting.ReportEntry.class).stream())
                .map(r -> r.getKeyValuePairs().getOrDefault("llmtest.extractions", "")))
                .anySatisfy(entry -> assertThat(entry).contains("judge verdict").contains("pass — Dollars."));

        counted = true;
        EngineExecutionResults countedIn = run("replay");
        assertThat(Kit.failureMessage(countedIn)).contains("@LatencyBudget broken by 1 of 2 LLM call(s)")
                .contains("call #2 (phi4, \"Rubric:").contains("is over the budget of 10.00 s");
    }
}
