package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.llmtest.CompareModels;
import io.github.llmtest.LatencyBudget;
import io.github.llmtest.Llm;
import io.github.llmtest.LlmRequest;
import io.github.llmtest.LlmTest;
import io.github.llmtest.Options;
import io.github.llmtest.Samples;
import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** What a reviewer needs from the run report, point by point; the JSON carries every figure the others show. */
class ReportForReviewersTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    Path run(String mode, FakeOllama server, Class<?>... classes) {
        return run(work, mode, server, classes);
    }

    /** Runs the classes through the Launcher (so the report listener writes its report) and returns its directory. */
    static Path run(Path work, String mode, FakeOllama server, Class<?>... classes) {
        Path reports = work.resolve("reports-" + mode + "-" + System.nanoTime());
        Map<String, String> config = new HashMap<>(Map.of(LlmTest.URL_PARAMETER, server.url(),
                LlmTest.FIXTURES_DIR_PARAMETER, work.resolve("fixtures").toString(), LlmTest.MODE_PARAMETER, mode,
                LlmTest.REPORT_DIR_PARAMETER, reports.toString()));
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request().configurationParameters(config);
        for (Class<?> c : classes) {
            request.selectors(selectClass(c));
        }
        LauncherDiscoveryRequest built = request.build();
        LauncherFactory.create().execute(built);
        return reports;
    }

    static JsonNode test(Path reports, String name) throws Exception {
        for (JsonNode t : JSON.readTree(reports.resolve("report.json").toFile()).path("tests")) {
            if (t.path("name").asText().endsWith(name)) {
                return t;
            }
        }
        throw new AssertionError("no test " + name + " in the report");
    }

    @LlmTest
    static class Tutor {
        @org.junit.jupiter.api.Test
        void wrongAnswer(Llm llm) {
            assertThat(llm.chat(LlmRequest.builder().system("You are a careful tutor. Box the answer.")
                    .user("Find the 20th value").build())).boxedAnswer().isEqualTo("6765");
        }
    }

    @Test
    void aFailureKeepsItsWholeMessageAndACallItsWholeRequest() throws Exception {
        Path reports;
        try (FakeOllama server = FakeOllama.start().answerWith(r -> "Step one.\nStep two.\n\\boxed{6764}")) {
            reports = run("live", server, Tutor.class);
        }
        JsonNode test = test(reports, "Tutor#wrongAnswer");
        assertThat(test.path("failure").asText()).contains("boxed answer \"6764\" extracted from the answer")
                .contains("expected: \"6765\"").contains("but was: \"6764\"");
        JsonNode messages = test.path("calls").get(0).path("request").path("messages");
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).path("content").asText()).isEqualTo("You are a careful tutor. Box the answer.");

        String html = Files.readString(reports.resolve("report.html"));
        assertThat(html).contains("<h2>Failures</h2>").contains("expected: &quot;6765&quot;")
                .contains("system: You are a careful tutor. Box the answer.");
        String markdown = Files.readString(reports.resolve("report.md"));
        assertThat(markdown.indexOf("### Failures")).isPositive().isLessThan(markdown.indexOf("### Calls"));
        assertThat(markdown).contains("expected: \"6765\"");
        if (Files.getFileStore(reports).supportsFileAttributeView("posix")) {
            for (String file : new String[] {"report.json", "report.md", "report.html"}) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(reports.resolve(file))))
                        .as(file).isEqualTo("rw-r--r--");
            }
        }
    }

    static final AtomicInteger ASKED = new AtomicInteger();

    @LlmTest
    static class Sampled {
        @org.junit.jupiter.api.Test
        @Samples(value = 4, minPassRate = 0.5)
        @LatencyBudget(total = "10s", percentile = 50, minGoodput = 0.5)
        void flaky(Llm llm) {
            String answer = llm.withOptions(Options.builder().temperature(0.7).build()).ask("Find the 20th value")
                    .text();
            assertThat(answer).contains("6765");
        }
    }

    @Test
    void samplesHaveDistinctLabelsAVerdictPercentilesAndGoodput() throws Exception {
        ASKED.set(0);
        Path reports;
        try (FakeOllama server = FakeOllama.start().answerWith(r -> ASKED.getAndIncrement() % 2 == 0
                ? "It is 6765." : "It is 6764.")) {
            reports = run("live", server, Sampled.class);
        }
        JsonNode test = test(reports, "Sampled#flaky");
        assertThat(test.path("verdict").asText()).isEqualTo("flaky");
        assertThat(test.path("samples").path("passed").asInt()).isEqualTo(2);
        assertThat(test.path("latency").path("calls").asInt()).isEqualTo(4);
        assertThat(test.path("latency").path("total_ms").path("p95").isNumber()).isTrue();
        assertThat(test.path("latency").path("tokens_per_second").has("p5")).isTrue();
        JsonNode budget = test.path("budget");
        assertThat(budget.path("percentile").asDouble()).isEqualTo(50);
        assertThat(budget.path("calls").asInt()).isEqualTo(4);
        assertThat(budget.path("goodput").asDouble()).isEqualTo(1.0);
        assertThat(budget.path("passed").asBoolean()).isTrue();

        String html = Files.readString(reports.resolve("report.html"));
        List<String> labels = new ArrayList<>();
        for (int sample = 0; sample < 4; sample++) {
            labels.add("Sampled#flaky #" + (sample + 1) + " · phi4 · sample " + (sample + 1));
        }
        assertThat(labels).allSatisfy(label -> assertThat(html).contains(label));
        assertThat(Files.readString(reports.resolve("report.md"))).contains("### Samples and latency budgets")
                .contains("| flaky |").contains("| measured: total p50").contains("held (p50): total").contains("goodput 100% (4 of 4), at least 50%");
    }

    @LlmTest
    static class Comparisons {
        @CompareModels({"phi4", "llama3.2"})
        void fibonacci(Llm llm) {
            llm.ask("fib");
        }

        @CompareModels({"phi4", "qwen3"})
        void prism(Llm llm) {
            llm.ask("prism");
        }

        @org.junit.jupiter.api.Test
        void notAComparison(Llm llm) {
            llm.ask("one");
            llm.withModel("llama3.2").ask("two");
        }
    }

    @Test
    void theComparisonHoldsOnlyComparisonsOneTablePerSetOfModels() throws Exception {
        Path reports;
        try (FakeOllama server = FakeOllama.start().installModel("llama3.2:latest", "a80c4f17acd5")
                .installModel("qwen3:latest", "b1c2d3e4f5a6")) {
            reports = run("live", server, Comparisons.class);
        }
        List<String> markdown = Files.readAllLines(reports.resolve("report.md"));
        assertThat(markdown).contains("| test | phi4 | llama3.2 |", "| test | phi4 | qwen3 |");
        assertThat(markdown.stream().filter(l -> l.contains("notAComparison") && l.startsWith("| Comparisons")))
                .as("not in a comparison table").isEmpty();
        int comparison = markdown.indexOf("### Models side by side");
        int next = markdown.subList(comparison + 1, markdown.size()).stream().filter(l -> l.startsWith("### "))
                .findFirst().map(markdown::indexOf).orElse(markdown.size());
        assertThat(markdown.subList(comparison, next)).noneMatch(l -> l.contains("| – |") || l.contains("notA"));
    }

    @LlmTest
    static class Recorded {
        @org.junit.jupiter.api.Test
        void fibonacci(Llm llm) {
            assertThat(llm.ask("Find the 20th value")).boxedAnswer().isNotEmpty();
        }
    }

    @Test
    void recordingOverAnOldAnswerShowsTheDriftOfWhatWasExtracted() throws Exception {
        try (FakeOllama before = FakeOllama.start().answerWith(r -> "So it is \\boxed{6765}.")) {
            run("record", before, Recorded.class);
        }
        Path reports;
        try (FakeOllama after = FakeOllama.start().answerWith(r -> "Hence \\boxed{6764}.")) {
            reports = run("record", after, Recorded.class);
        }
        JsonNode call = test(reports, "Recorded#fibonacci").path("calls").get(0);
        assertThat(call.path("previous").path("answer").asText()).isEqualTo("So it is \\boxed{6765}.");
        assertThat(call.path("previous").path("request_changed")).isEmpty();
        JsonNode drift = call.path("drift");
        assertThat(drift.path("changed").asBoolean()).isTrue();
        assertThat(drift.path("values").get(0).path("what").asText()).isEqualTo("boxed answer");
        assertThat(drift.path("values").get(0).path("before").asText()).isEqualTo("6765");
        assertThat(drift.path("values").get(0).path("after").asText()).isEqualTo("6764");
        assertThat(JSON.readTree(reports.resolve("report.json").toFile()).path("summary").path("drifted").asInt())
                .isEqualTo(1);
        String markdown = Files.readString(reports.resolve("report.md"));
        assertThat(markdown).contains("### Answer drift").contains("⚠️ changed")
                .contains("boxed answer 6765 → 6764").contains("same request");
        assertThat(markdown.indexOf("### Answer drift")).isLessThan(markdown.indexOf("### Calls"));
        assertThat(Files.readString(reports.resolve("report.html"))).contains("<h2>Answer drift</h2>")
                .contains("<span class=\"changed\">changed</span>");
    }

    static volatile String question = "Find the 20th value";

    @LlmTest
    static class Edited {
        @org.junit.jupiter.api.Test
        void fibonacci(Llm llm) {
            llm.ask(question);
        }
    }

    @Test
    void autoFillingAGapNextToAnOldRecordingShowsWhichPartOfTheRequestChanged() throws Exception {
        question = "Find the 20th value";
        try (FakeOllama server = FakeOllama.start().answerWith(r -> "\\boxed{6765}")) {
            run("auto", server, Edited.class);
        }
        question = "Find the 20th value of the sequence";
        Path reports;
        try (FakeOllama server = FakeOllama.start().answerWith(r -> "\\boxed{6765}")) {
            reports = run("auto", server, Edited.class);
        }
        JsonNode call = test(reports, "Edited#fibonacci").path("calls").get(0);
        assertThat(call.path("previous").path("request_changed").get(0).asText()).isEqualTo("messages[0].content");
        assertThat(call.path("drift").path("changed").asBoolean()).as("same text, nothing extracted").isFalse();
    }

    @LlmTest
    static class Reasons {
        @org.junit.jupiter.api.Test
        void thinksFirst(Llm llm) {
            llm.ask("Find the 20th value");
        }
    }

    @Test
    void theThinkingIsShownCollapsedAboveTheAnswer() throws Exception {
        Path reports;
        try (FakeOllama server = FakeOllama.start().answerWith(r -> "<think>2584 + 4181</think>It is 6765.")) {
            reports = run("live", server, Reasons.class);
        }
        JsonNode call = test(reports, "Reasons#thinksFirst").path("calls").get(0);
        assertThat(call.path("thinking").asText()).isEqualTo("2584 + 4181");
        assertThat(call.path("answer").asText()).isEqualTo("It is 6765.");
        String html = Files.readString(reports.resolve("report.html"));
        assertThat(html.indexOf("<summary>thinking: 2584 + 4181</summary>")).isPositive()
                .isLessThan(html.indexOf("<summary>It is 6765.</summary>"));
    }

    @LlmTest
    static class Many {
        @org.junit.jupiter.api.Test
        void asksThirty(Llm llm) {
            for (int i = 0; i < 30; i++) {
                llm.ask("question " + i);
            }
        }
    }

    @Test
    void theMarkdownStaysShortEnoughForAPullRequestComment() throws Exception {
        Path reports;
        try (FakeOllama server = FakeOllama.start()) {
            reports = run("live", server, Many.class);
        }
        List<String> markdown = Files.readAllLines(reports.resolve("report.md"));
        assertThat(markdown.stream().filter(l -> l.startsWith("| ✅"))).hasSize(Reports.MD_CALLS);
        assertThat(markdown).contains("… and 5 more call(s): see report.html or report.json.");
        assertThat(markdown.indexOf("### Slowest calls")).isLessThan(markdown.indexOf("### Calls"));
        assertThat(JSON.readTree(reports.resolve("report.json").toFile()).path("tests").get(0).path("calls"))
                .as("the JSON keeps every call").hasSize(30);
    }
}
