package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.assertj.LlmJudge;
import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.internal.report.Transcript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Each test's transcript: which tests get one, what it holds, where it is attached. */
class TranscriptsTest {

    static final String SYSTEM = "You are a careful calculator. Box the result.";

    @TempDir
    Path work;
    FakeOllama ollama;
    /** What the fake answers "What is 2 + 2?" with. */
    volatile String sum = "<think>Two and two, carried once too often.</think>So \\boxed{5}.";

    @BeforeEach
    void start() {
        ollama = FakeOllama.start().installModel("llama3.2:latest", "a80c4f17acd5").answerWith(r -> {
            String first = r.path("messages").get(0).path("content").asText();
            if (first.startsWith("You are a strict grader")) {
                return "{\"pass\": false, \"reason\": \"It never names the currency.\"}";
            }
            return r.path("messages").toString().contains("2 + 2") ? sum : "So \\boxed{"
                    + (r.path("options").path("seed").asInt() % 2 == 0 ? "7" : "8") + "}.";
        });
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    @LlmTest
    static class Sums {
        @org.junit.jupiter.api.Test
        void addsTwoAndTwo(Llm llm) {
            LlmAnswer answer = llm.chat(LlmRequest.builder().system(SYSTEM).user("What is 2 + 2?").build());
            assertThat(answer).boxedAnswer().isEqualTo("4");
        }

        @org.junit.jupiter.api.Test
        void answersSomething(Llm llm) {
            assertThat(llm.ask("Pick a number")).boxedAnswer().isEqualTo("7");
        }
    }

    @LlmTest
    static class Judged {
        @org.junit.jupiter.api.Test
        void namesTheCurrency(Llm llm) {
            LlmAnswer answer = llm.ask("What is the final amount?");
            assertThat(answer).satisfiesRubric(LlmJudge.using(llm), "Names the currency");
        }
    }

    @LlmTest
    static class Invocations {
        @CompareModels({"phi4", "llama3.2"})
        void compared(Llm llm) {
            assertThat(llm.ask("Pick a number")).boxedAnswer().isEqualTo("7");
        }

        @org.junit.jupiter.api.Test
        @Samples(value = 3, minPassRate = 1)
        void sampled(Llm llm) {
            assertThat(llm.ask("Pick a number")).boxedAnswer().isEqualTo("7");
        }
    }

    @LlmTest
    static class Cases {
        @LlmDataset(value = "/datasets/sums.jsonl", minAccuracy = 1)
        void solves(LlmCase c, Llm llm) {
            assertThat(llm.ask(c.text("question"))).boxedAnswer().isEqualTo(c.text("answer"));
        }
    }

    Path reports() {
        return work.resolve("reports");
    }

    Path transcripts() {
        return reports().resolve(Transcript.DIRECTORY);
    }

    EngineExecutionResults run(Map<String, String> settings, Class<?> testClass) {
        Map<String, String> config = new HashMap<>(Kit.config(ollama.url(), work.resolve("fixtures"), "live"));
        config.put(LlmTest.REPORT_DIR_PARAMETER, reports().toString());
        config.putAll(settings);
        return Kit.run(config, testClass);
    }

    List<Path> files(String extension) throws IOException {
        if (!Files.isDirectory(transcripts())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(transcripts())) {
            return files.filter(f -> f.getFileName().toString().endsWith(extension)).sorted().toList();
        }
    }

    @Test
    void aFailingTestGetsASelfContainedPageAndItsJsonWithTheWholeConversation() throws IOException {
        EngineExecutionResults results = run(Map.of(), Sums.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        assertThat(files(".html")).singleElement().satisfies(f -> assertThat(f.getFileName().toString())
                .matches("TranscriptsTest\\.Sums\\.addsTwoAndTwo-[0-9a-f]{8}\\.html"));
        String page = Files.readString(files(".html").get(0));
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<style>")
                .contains("Why it failed").contains("expected: &quot;4&quot;")
                .contains("<div class=\"role\">system</div>\n<pre>" + SYSTEM)
                .contains("<div class=\"role\">user</div>\n<pre>What is 2 + 2?")
                .contains("<details><summary>Thinking (").contains("Two and two, carried once too often.")
                .contains("<h3>Answer</h3>\n<pre>So \\boxed{5}.")
                .contains("boxed answer").contains("<h3>Latency</h3>")
                .doesNotContain("<script", "<link", " src=", "url(", "@import");
        JsonNode json = Kit.read(files(".json").get(0));
        assertThat(json.path("status").asText()).isEqualTo("failed");
        assertThat(json.path("failure").asText()).contains("expected: \"4\"");
        JsonNode call = json.path("calls").get(0);
        assertThat(call.path("request").path("messages").get(0).path("content").asText()).isEqualTo(SYSTEM);
        assertThat(call.path("thinking").asText()).isEqualTo("Two and two, carried once too often.");
        assertThat(call.path("extracted").get(0).path("what").asText()).isEqualTo("boxed answer");
        assertThat(call.path("extracted").get(0).path("value").asText()).isEqualTo("5");
        assertThat(reportEntries(results, Transcript.KEY))
                .containsExactly(files(".html").get(0).toAbsolutePath().toString());
    }

    @Test
    void onJunitWithFilePublishingTheTranscriptIsAttachedToItsTestAndOnOlderJunitOnlyWritten() throws IOException {
        List<String> published = new CopyOnWriteArrayList<>();
        // fileEntryPublished exists from JUnit 5.12 on; a proxy hears it without naming its types
        TestExecutionListener recorder = (TestExecutionListener) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TestExecutionListener.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "fileEntryPublished" -> {
                        published.add(((TestIdentifier) args[0]).getDisplayName() + " " + args[1]);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "recorder";
                    default -> null;
                });
        Map<String, String> config = new HashMap<>(Kit.config(ollama.url(), work.resolve("fixtures"), "live"));
        config.put(LlmTest.REPORT_DIR_PARAMETER, reports().toString());
        config.put("junit.platform.reporting.output.dir", work.resolve("junit").toString());
        config.put("junit.jupiter.extensions.autodetection.enabled", "false");
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Sums.class))
                .configurationParameters(config).build(), recorder);

        assertThat(files(".html")).hasSize(1);
        String name = files(".html").get(0).getFileName().toString();
        if (FilePublishing.available()) { // JUnit 5.12 and newer
            assertThat(published).singleElement().asString().startsWith("addsTwoAndTwo(Llm) ").contains(name)
                    .contains("text/html");
        } else {
            assertThat(published).isEmpty();
        }
    }

    @Test
    void allWritesOneForPassingTestsTooAndNoneWritesNone() throws IOException {
        run(Map.of(LlmTest.TRANSCRIPTS_PARAMETER, "all"), Sums.class);
        assertThat(files(".html")).hasSize(2);
        assertThat(files(".json")).hasSize(2);
        String passing = Files.readString(files(".html").stream()
                .filter(f -> f.toString().contains("answersSomething")).findFirst().orElseThrow());
        assertThat(passing).contains("<span class=\"passed\">passed</span>").doesNotContain("Why it failed");

        deleteTranscripts();
        run(Map.of(LlmTest.TRANSCRIPTS_PARAMETER, "none"), Sums.class).testEvents()
                .assertStatistics(s -> s.failed(1));
        assertThat(files(".html")).isEmpty();
    }

    @Test
    void aTestThatPassesAgainLosesTheTranscriptOfItsEarlierFailure() throws IOException {
        run(Map.of(), Sums.class);
        assertThat(files(".html")).hasSize(1);

        sum = "So \\boxed{4}.";
        run(Map.of(), Sums.class).testEvents().assertStatistics(s -> s.succeeded(2));

        assertThat(files(".html")).isEmpty();
        assertThat(files(".json")).isEmpty();
    }

    @Test
    void withJenkinsAttachmentsTheFailingTestPrintsTheAttachmentLine() throws IOException {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run(Map.of(LlmTest.ATTACHMENTS_PARAMETER, "jenkins", LlmTest.TRANSCRIPTS_PARAMETER, "all"), Sums.class);
        } finally {
            System.setOut(original);
        }

        Path failing = files(".html").stream().filter(f -> f.toString().contains("addsTwoAndTwo")).findFirst()
                .orElseThrow();
        assertThat(captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("[[ATTACHMENT|")))
                .as("only the failing test's transcript is announced")
                .containsExactly("[[ATTACHMENT|" + failing.toAbsolutePath() + "]]");
    }

    @Test
    void anUnknownValueFailsTheClassNamingTheSettingAndTheValuesItTakes() {
        EngineExecutionResults results = run(Map.of(LlmTest.TRANSCRIPTS_PARAMETER, "sometimes"), Sums.class);

        assertThat(results.containerEvents().failed().list()).singleElement().satisfies(e -> assertThat(
                e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable()
                        .orElseThrow().getMessage())
                .isEqualTo("llmtest.transcripts=sometimes is not one of failures, all, none; set it to one of them "
                        + "or leave it out for failures"));
    }

    @Test
    void theJudgesVerdictAndItsReasonAreInTheTranscript() throws IOException {
        run(Map.of(), Judged.class).testEvents().assertStatistics(s -> s.failed(1));

        String page = Files.readString(files(".html").get(0));
        assertThat(page).contains("a judge's call").contains("Judge's verdict")
                .contains("judge verdict</span>: fail — It never names the currency.")
                .contains("judged</span>: fail — Names the currency");
        JsonNode calls = Kit.read(files(".json").get(0)).path("calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).path("judge").asBoolean()).isTrue();
        assertThat(calls.get(1).path("extracted").get(0).path("value").asText())
                .isEqualTo("fail — It never names the currency.");
    }

    @Test
    void everyInvocationHasItsOwnFileWithANameSafeOnEveryOperatingSystem() throws IOException {
        run(Map.of(LlmTest.TRANSCRIPTS_PARAMETER, "all"), Invocations.class);

        List<String> names = files(".html").stream().map(f -> f.getFileName().toString()).toList();
        assertThat(names).hasSize(3).allMatch(n -> n.matches("[A-Za-z0-9._-]+\\.html"));
        assertThat(names).filteredOn(n -> n.startsWith("TranscriptsTest.Invocations.compared-")).hasSize(2)
                .anyMatch(n -> n.contains("phi4")).anyMatch(n -> n.contains("llama3.2"));
        String sampled = Files.readString(transcripts().resolve(names.stream()
                .filter(n -> n.startsWith("TranscriptsTest.Invocations.sampled-")).findFirst().orElseThrow()));
        assertThat(sampled).contains("#1</a> sample 1").contains("#2</a> sample 2").contains("#3</a> sample 3")
                .contains("Call #2 · phi4 · sample 2").doesNotContain("sample 0", "sample 4");
    }

    @Test
    void aDatasetCaseShowsTheCallsOfItsOwnCase() throws IOException {
        sum = "So \\boxed{4}.";
        EngineExecutionResults results = run(Map.of(), Cases.class);

        results.testEvents().assertStatistics(s -> s.failed(10));
        String first = Files.readString(files(".html").stream().filter(f -> f.toString().contains("solves-q1-"))
                .findFirst().orElseThrow());
        assertThat(first).contains("What is 1 + 3?").doesNotContain("What is 2 + 4?");
        assertThat(files(".html")).hasSize(10);
    }

    private void deleteTranscripts() throws IOException {
        for (Path f : files("")) {
            Files.delete(f);
        }
    }

    private static List<String> reportEntries(EngineExecutionResults results, String key) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get(key))
                .filter(v -> v != null).toList();
    }
}
