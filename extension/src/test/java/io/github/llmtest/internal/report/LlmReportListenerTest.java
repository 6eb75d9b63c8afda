package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.llmtest.Llm;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.LlmTest;
import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.fake.FakeOpenAi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Runs annotated classes through the Launcher, which loads the listener from META-INF/services. */
class LlmReportListenerTest {

    @TempDir
    Path work;

    @LlmTest
    static class Math {
        @org.junit.jupiter.api.Test
        void fibonacci(Llm llm) {
            LlmAnswer answer = llm.ask("fib 20 <please> & thanks");
            assertThat(answer).boxedAnswer().isEqualTo("6765");
        }

        @org.junit.jupiter.api.Test
        void twoCallsOneWrong(Llm llm) {
            llm.ask("first");
            LlmAnswer second = llm.ask("second");
            assertThat(second).finalNumber().isEqualByComparingTo("7");
        }
    }

    @LlmTest
    static class Sampled {
        @org.junit.jupiter.api.Test
        @io.github.llmtest.Samples(value = 4, minPassRate = 0.5)
        void sampled(Llm llm) {
            assertThat(llm.ask("fib 20")).boxedAnswer().isEqualTo("6765");
        }
    }

    @Test
    void samplesAndTheirPassRateAreInTheReport() throws Exception {
        Path reports = work.resolve("sampled");
        try (FakeOllama server = FakeOllama.start().answerWith(r ->
                r.path("options").path("seed").asInt() % 2 == 0 ? "\\boxed{6765}" : "\\boxed{6764}")) {
            run(Map.of(LlmTest.URL_PARAMETER, server.url(), LlmTest.FIXTURES_DIR_PARAMETER,
                    work.resolve("fixtures").toString(), LlmTest.MODE_PARAMETER, "live",
                    LlmTest.REPORT_DIR_PARAMETER, reports.toString()), Sampled.class);
        }

        JsonNode test = new ObjectMapper().readTree(Files.readString(reports.resolve("report.json")))
                .path("tests").get(0);
        assertThat(test.path("calls")).hasSize(4);
        assertThat(test.path("calls")).extracting(c -> c.path("sample").asInt()).containsExactly(0, 1, 2, 3);
        assertThat(test.path("samples").path("passed").asInt()).isEqualTo(2);
        assertThat(test.path("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(test.path("samples").path("failed_samples")).extracting(com.fasterxml.jackson.databind.JsonNode::asInt)
                .containsExactly(1, 3);
        String markdown = Files.readString(reports.resolve("report.md"));
        assertThat(markdown).contains("### Samples").contains("2 of 4 samples passed (50%");
        assertThat(markdown.lines().filter(l -> l.startsWith("| ❌"))).as("the failing samples' rows").hasSize(2);
        assertThat(markdown.lines().filter(l -> l.startsWith("| ✅"))).as("the passing samples' rows").hasSize(2);
        String html = Files.readString(reports.resolve("report.html"));
        assertThat(html).contains("test: successful, 2 of 4 samples passed");
        assertThat(html.split("<td>sample failed", -1)).hasSize(3);
    }

    @LlmTest
    static class Compared {
        @io.github.llmtest.CompareModels({"phi4", "llama3.2"})
        void fibonacci(Llm llm) {
            assertThat(llm.ask("fib 20")).boxedAnswer().isEqualTo("6765");
        }
    }

    @Test
    void severalModelsAreShownSideBySide() throws Exception {
        Path reports = work.resolve("models");
        try (FakeOllama server = FakeOllama.start().installModel("llama3.2:latest", "a80c4f17acd5")
                .answerWith(r -> r.path("model").asText().equals("phi4") ? "\\boxed{6765}" : "\\boxed{6764}")) {
            run(Map.of(LlmTest.URL_PARAMETER, server.url(), LlmTest.FIXTURES_DIR_PARAMETER,
                    work.resolve("fixtures").toString(), LlmTest.MODE_PARAMETER, "live",
                    LlmTest.REPORT_DIR_PARAMETER, reports.toString()), Compared.class);
        }

        List<String> markdown = Files.readAllLines(reports.resolve("report.md"));
        int header = markdown.indexOf("### Models side by side");
        assertThat(header).isPositive();
        assertThat(markdown.get(header + 2)).isEqualTo("| test | phi4 | llama3.2 |");
        assertThat(markdown.get(header + 4)).contains("Compared#fibonacci").contains("passed").contains("boxed answer: 6765")
                .contains("failed").contains("boxed answer: 6764");
        String html = Files.readString(reports.resolve("report.html"));
        assertThat(html).contains("<h2>Models side by side</h2>").contains("<th>llama3.2</th>");
        new ObjectMapper().readTree(Files.readString(reports.resolve("report.json")));
    }

    @LlmTest
    static class ComparedAcrossProviders {
        @io.github.llmtest.CompareModels({"phi4", "openai:gpt-4o", "openai:o1"})
        void compoundInterest(Llm llm) {
            assertThat(llm.ask("interest")).finalNumber().isCloseTo(new java.math.BigDecimal("1638616.44"),
                    org.assertj.core.api.Assertions.within(java.math.BigDecimal.ONE));
        }
    }

    @Test
    void ollamaAndOpenAiModelsShareTheComparisonTableAndEachCallNamesItsProvider() throws Exception {
        Path reports = work.resolve("providers");
        try (FakeOllama ollama = FakeOllama.start().answerWith(r -> "about $1,638,616.");
             FakeOpenAi openai = FakeOpenAi.start().answerWith(r -> r.path("model").asText().equals("o1")
                     ? "**$1,638,620**" : "approximately $1,638,616.44")) {
            run(Map.of(LlmTest.URL_PARAMETER, ollama.url(), LlmTest.OPENAI_URL_PARAMETER, openai.url(),
                    LlmTest.FIXTURES_DIR_PARAMETER, work.resolve("fixtures").toString(),
                    LlmTest.MODE_PARAMETER, "live", LlmTest.REPORT_DIR_PARAMETER, reports.toString()),
                    ComparedAcrossProviders.class);
        }

        List<String> markdown = Files.readAllLines(reports.resolve("report.md"));
        int header = markdown.indexOf("### Models side by side");
        assertThat(markdown.get(header + 2)).isEqualTo("| test | phi4 | openai:gpt-4o | openai:o1 |");
        assertThat(markdown.get(header + 4)).contains("ComparedAcrossProviders#compoundInterest")
                .contains("passed, ").contains("final number: $1,638,616.44").contains("failed, ")
                .contains("final number: $1,638,620");
        List<JsonNode> calls = new ArrayList<>();
        new ObjectMapper().readTree(reports.resolve("report.json").toFile()).path("tests")
                .forEach(test -> test.path("calls").forEach(calls::add));
        assertThat(calls).extracting(c -> c.path("provider").asText() + " " + c.path("model").asText())
                .containsExactly("ollama phi4", "openai openai:gpt-4o", "openai openai:o1");
        assertThat(Files.readString(reports.resolve("report.html"))).contains("<th>openai:o1</th>");
    }

    static class NoLlm {
        @org.junit.jupiter.api.Test
        void plain() {
            assertThat(1 + 1).isEqualTo(2);
        }
    }

    @Test
    void anEngineRunInsideATestWritesItsReportButPrintsNothing() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream realOut = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Path reports;
        try {
            reports = runMath();
        } finally {
            System.setOut(realOut);
        }

        assertThat(reports.resolve("report.json")).isNotEmptyFile();
        assertThat(captured.toString(StandardCharsets.UTF_8)).as("this run is nested in the build's own")
                .doesNotContain("[llmtest");
    }

    private SummaryGeneratingListener run(Map<String, String> config, Class<?> testClass,
                                          TestExecutionListener... more) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .configurationParameters(config).build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener[] all = java.util.Arrays.copyOf(more, more.length + 1);
        all[more.length] = summary;
        LauncherFactory.create().execute(request, all);
        return summary;
    }

    /** What a listener printing to a console sees of {@link Math} with {@code llmtest.output=output}, in order. */
    private List<String> printedWith(String output) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        TestExecutionListener window = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier id) {
                out.println("start " + id.getDisplayName());
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                out.println("end " + id.getDisplayName());
            }
        };
        Map<String, String> config = new java.util.HashMap<>(Map.of(LlmTest.FIXTURES_DIR_PARAMETER,
                work.resolve("fixtures-" + output).toString(), LlmTest.MODE_PARAMETER, "auto",
                LlmTest.REPORT_DIR_PARAMETER, work.resolve("reports-" + output).toString()));
        if (!output.isEmpty()) {
            config.put(LlmTest.OUTPUT_PARAMETER, output);
        }
        try (FakeOllama server = FakeOllama.start().answerWith(r -> "Adding up: \\boxed{6765}")) {
            config.put(LlmTest.URL_PARAMETER, server.url());
            run(config, Math.class, window, new LlmReportListener(out));
        }
        return console.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("[llmtest] "))
                .filter(l -> !l.matches("(start|end) (JUnit Jupiter|LlmReportListenerTest\\$Math)")).toList();
    }

    @Test
    void byDefaultOnlyTheCallsOfAFailingTestArePrintedWhileThatTestRuns() {
        List<String> printed = printedWith("");

        assertThat(printed).hasSize(6);
        assertThat(printed.subList(0, 2)).containsExactlyInAnyOrder("start fibonacci(Llm)", "end fibonacci(Llm)");
        assertThat(printed.get(2)).isEqualTo("start twoCallsOneWrong(Llm)");
        assertThat(printed.get(3)).startsWith("[llmtest.call] {\"test\":").contains("#twoCallsOneWrong\",\"call\":1");
        assertThat(printed.get(4)).contains("#twoCallsOneWrong\",\"call\":2");
        assertThat(printed.get(5)).isEqualTo("end twoCallsOneWrong(Llm)");
        assertThat(printedWith("FAILURES")).as("the value is read case-insensitively").hasSize(6);
    }

    @Test
    void withOutputCallsEveryCallIsPrintedAsItIsMadeAndWithNoneNothing() {
        List<String> calls = printedWith("calls");
        List<String> none = printedWith("none");

        assertThat(calls.stream().filter(l -> l.startsWith("[llmtest.call] "))).hasSize(3);
        int fibonacci = calls.indexOf("start fibonacci(Llm)");
        assertThat(calls.get(fibonacci + 1)).contains("#fibonacci\",\"call\":1");
        assertThat(none).noneMatch(l -> l.startsWith("[llmtest"));
        assertThat(none).hasSize(4);
    }

    private Path runMath() {
        Path reports = work.resolve("reports");
        try (FakeOllama server = FakeOllama.start().answerWith(r -> {
            String prompt = r.path("messages").get(0).path("content").asText();
            return prompt.startsWith("fib") ? "Adding up: \\boxed{6765}" : "The result is 5 apples.";
        })) {
            SummaryGeneratingListener summary = run(Map.of(LlmTest.URL_PARAMETER, server.url(),
                    LlmTest.FIXTURES_DIR_PARAMETER, work.resolve("fixtures").toString(), LlmTest.MODE_PARAMETER, "auto",
                    LlmTest.REPORT_DIR_PARAMETER, reports.toString()), Math.class);
            assertThat(summary.getSummary().getTestsFailedCount()).isEqualTo(1);
        }
        return reports;
    }

    @LlmTest
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
    static class WrittenAhead {
        /** Where the report goes, set by the test that runs this class. */
        static volatile Path reports;
        /** The bytes of report.json's calls written ahead when the second test ran, or -1. */
        static volatile long writtenAhead = -1;

        @org.junit.jupiter.api.Test
        void a(Llm llm) {
            assertThat(llm.ask("fib 20 <please> & thanks")).boxedAnswer().isEqualTo("6765");
        }

        @org.junit.jupiter.api.Test
        void b() throws java.io.IOException {
            if (!Files.isDirectory(reports)) { // nothing written ahead yet, not even the folder
                writtenAhead = 0;
                return;
            }
            try (var files = Files.list(reports)) {
                writtenAhead = files.filter(f -> f.getFileName().toString().endsWith(".calls"))
                        .mapToLong(f -> f.toFile().length()).sum();
            }
        }
    }

    @Test
    void aFinishedTestsCallsAreWrittenAheadAndTheirFileIsGoneWhenTheReportIsWritten() throws Exception {
        Path reports = work.resolve("ahead");
        ReportWarmUp.spoolFrom = 1; // as if the run had made ReportWarmUp.CALLS calls already
        try {
            runWrittenAhead(reports);
        } finally {
            ReportWarmUp.spoolFrom = ReportWarmUp.CALLS;
        }

        assertThat(WrittenAhead.writtenAhead).as("bytes of calls written when the first test had finished")
                .isGreaterThan(100);
        try (var files = Files.list(reports)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("report.json", "report.md", "report.html");
        }
        String json = Files.readString(reports.resolve("report.json"));
        assertThat(json).contains("\"prompt\":\"fib 20 <please> & thanks\"", "\"extracted\":[{");
        JsonNode call = new ObjectMapper().readTree(json).path("tests").get(0).path("calls").get(0);
        assertThat(call.path("extracted").get(0).path("value").asText()).isEqualTo("6765");
    }

    @Test
    void aShortRunWritesNoCallsAheadAndPaysNothingPerTestForIt() throws Exception {
        Path reports = work.resolve("short");
        runWrittenAhead(reports);

        assertThat(WrittenAhead.writtenAhead).as("bytes of calls written ahead in a run of one call").isZero();
        String json = Files.readString(reports.resolve("report.json"));
        assertThat(json).contains("\"prompt\":\"fib 20 <please> & thanks\"", "\"extracted\":[{");
    }

    private void runWrittenAhead(Path reports) throws Exception {
        WrittenAhead.reports = reports;
        WrittenAhead.writtenAhead = -1;
        try (FakeOllama server = FakeOllama.start().answerWith(r -> "Adding up: \\boxed{6765}")) {
            run(Map.of(LlmTest.URL_PARAMETER, server.url(), LlmTest.FIXTURES_DIR_PARAMETER,
                    work.resolve("fixtures").toString(), LlmTest.MODE_PARAMETER, "live",
                    LlmTest.REPORT_DIR_PARAMETER, reports.toString()), WrittenAhead.class);
        }
    }

    @Test
    void theJsonReportHoldsEveryCallWithItsTestResultExtractionAndLatency() throws Exception {
        Path reports = runMath();

        JsonNode root = new ObjectMapper().readTree(Files.readString(reports.resolve("report.json")));
        assertThat(root.path("summary").path("calls").asInt()).isEqualTo(3);
        assertThat(root.path("summary").path("live").asInt()).isEqualTo(3);
        assertThat(root.path("summary").path("failed_tests").asInt()).isEqualTo(1);
        JsonNode tests = root.path("tests");
        assertThat(tests).hasSize(2);
        JsonNode fib = find(tests, "Math#fibonacci");
        assertThat(fib.path("status").asText()).isEqualTo("SUCCESSFUL");
        JsonNode call = fib.path("calls").get(0);
        assertThat(call.path("model").asText()).isEqualTo("phi4");
        assertThat(call.path("replayed").asBoolean(true)).isFalse();
        assertThat(call.path("prompt").asText()).isEqualTo("fib 20 <please> & thanks");
        assertThat(call.path("answer").asText()).isEqualTo("Adding up: \\boxed{6765}");
        assertThat(call.path("extracted").get(0).path("what").asText()).isEqualTo("boxed answer");
        assertThat(call.path("extracted").get(0).path("value").asText()).isEqualTo("6765");
        for (String field : List.of("total_ms", "first_token_ms", "load_ms", "prompt_eval_ms", "eval_ms",
                "prompt_tokens", "output_tokens", "tokens_per_second")) {
            assertThat(call.has(field)).as(field).isTrue();
        }
        JsonNode wrong = find(tests, "Math#twoCallsOneWrong");
        assertThat(wrong.path("status").asText()).isEqualTo("FAILED");
        assertThat(wrong.path("failure").asText()).contains("final number");
        assertThat(wrong.path("calls")).hasSize(2);
        assertThat(wrong.path("calls").get(1).path("extracted").get(0).path("value").asText()).isEqualTo("5");
    }

    @Test
    void replayedCallsCarryTheirRecordingDate() throws Exception {
        runMath();
        Path reports = work.resolve("replayed");

        run(Map.of(LlmTest.URL_PARAMETER, "http://127.0.0.1:1", LlmTest.FIXTURES_DIR_PARAMETER,
                work.resolve("fixtures").toString(), LlmTest.MODE_PARAMETER, "replay",
                LlmTest.REPORT_DIR_PARAMETER, reports.toString()), Math.class);

        JsonNode root = new ObjectMapper().readTree(Files.readString(reports.resolve("report.json")));
        assertThat(root.path("summary").path("replayed").asInt()).isEqualTo(3);
        JsonNode call = find(root.path("tests"), "Math#fibonacci").path("calls").get(0);
        assertThat(call.path("replayed").asBoolean()).isTrue();
        assertThat(call.path("recorded_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        String html = Files.readString(reports.resolve("report.html"));
        assertThat(html).contains("recorded figures, not measured in this run").contains("replayed (recorded ")
                .contains("fill=\"url(#hatch)\"");
    }

    @Test
    void theHtmlReportIsWellFormedSelfContainedAndHasTheChart() throws Exception {
        Path reports = runMath();

        Path html = reports.resolve("report.html");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document document = factory.newDocumentBuilder().parse(html.toFile());

        Element chart = null;
        NodeList svgs = document.getElementsByTagName("svg");
        for (int i = 0; i < svgs.getLength(); i++) {
            if (((Element) svgs.item(i)).getAttribute("id").equals("slowest-chart")) {
                chart = (Element) svgs.item(i);
            }
        }
        assertThat(chart).as("the chart of the slowest calls").isNotNull();
        assertThat(svgs.getLength()).as("the chart, the box plots' shared patterns and the box plots").isGreaterThan(2);
        assertThat(document.getElementsByTagName("script").getLength()).isZero();
        assertThat(document.getElementsByTagName("link").getLength()).isZero();
        List<String> references = new ArrayList<>();
        NodeList all = document.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            for (String attribute : List.of("src", "href", "xlink:href")) {
                if (e.hasAttribute(attribute)) {
                    references.add(e.getAttribute(attribute));
                }
            }
        }
        assertThat(references).as("no external references; links to the failing tests' transcripts beside it")
                .allMatch(r -> r.startsWith("#") || r.matches("transcripts/[A-Za-z0-9._-]+\\.html"))
                .anyMatch(r -> r.startsWith("transcripts/"));
        String text = Files.readString(html);
        assertThat(text.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
                .as("nothing fetched from elsewhere; the SVG namespace is a name, not a reference")
                .doesNotContain("http:", "https:", "@import", "//")
                .contains("first token after").contains("generation").contains("model load")
                .contains("fib 20 &lt;please&gt; &amp; thanks");
        int callRows = 0;
        NodeList details = document.getElementsByTagName("details");
        for (int i = 0; i < details.getLength(); i++) {
            Element section = (Element) details.item(i);
            if (section.getAttribute("class").equals("calls")) {
                callRows += section.getElementsByTagName("tr").getLength() - 1;
            }
        }
        assertThat(callRows).as("a row per call in the tests' sections, without their headers").isEqualTo(3);
        NodeList rects = chart.getElementsByTagName("rect");
        double width = Double.parseDouble(chart.getAttribute("width"));
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            if (rect.hasAttribute("x")) {
                double end = Double.parseDouble(rect.getAttribute("x")) + Double.parseDouble(rect.getAttribute("width"));
                assertThat(end).as("every bar fits in the chart").isLessThanOrEqualTo(width);
            }
        }
    }

    @Test
    void theMarkdownReportHasOneTableRowPerCall() throws Exception {
        Path reports = runMath();

        List<String> rows = Files.readAllLines(reports.resolve("report.md")).stream()
                .filter(l -> l.startsWith("| ✅") || l.startsWith("| ❌")).toList();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).contains("Math#fibonacci").contains("phi4").contains("live")
                .contains("boxed answer: 6765").contains("\\\\boxed{6765}");
        assertThat(rows.stream().filter(r -> r.startsWith("| ❌"))).hasSize(2);
        assertThat(rows).allSatisfy(r -> assertThat(r.split("(?<!\\\\)\\|")).hasSize(12));
    }

    @Test
    void nothingIsWrittenWhenNoLlmTestRan() {
        Path reports = work.resolve("none");

        run(Map.of(LlmTest.REPORT_DIR_PARAMETER, reports.toString()), NoLlm.class);

        assertThat(reports).doesNotExist();
    }

    @Test
    void aReportThatCannotBeWrittenIsAWarningNotAFailure() throws Exception {
        Path blocker = work.resolve("a-file");
        Files.writeString(blocker, "not a directory");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        LlmReportListener listener = new LlmReportListener(new PrintStream(console, true, StandardCharsets.UTF_8),
                blocker.resolve("sub"));
        org.junit.platform.launcher.TestIdentifier id = org.junit.platform.launcher.TestIdentifier.from(
                new org.junit.platform.engine.support.descriptor.EngineDescriptor(
                        org.junit.platform.engine.UniqueId.forEngine("x"), "x"));
        listener.reportingEntryPublished(id, org.junit.platform.engine.reporting.ReportEntry.from("llmtest.call",
                "{\"test\":\"a.B#y\",\"call\":1,\"model\":\"phi4\",\"total_ms\":1.0}"));

        org.assertj.core.api.Assertions.assertThatCode(() -> listener.testPlanExecutionFinished(null))
                .doesNotThrowAnyException();

        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("[llmtest] WARNING llmtest: could not write the run report to " + blocker.resolve("sub"))
                .contains("the tests' results are not affected");
        assertThat(Files.isDirectory(blocker.resolve("sub"))).isFalse();
    }

    @Test
    void anUnwritableReportDirectoryLeavesTheTestResultsAlone() throws Exception {
        Path blocker = work.resolve("another-file");
        Files.writeString(blocker, "not a directory");

        SummaryGeneratingListener summary = run(Map.of(LlmTest.REPORT_DIR_PARAMETER, blocker.resolve("sub").toString(),
                LlmTest.MODE_PARAMETER, "live", LlmTest.URL_PARAMETER, "http://127.0.0.1:1"), Math.class);

        assertThat(summary.getSummary().getTestsFailedCount()).as("the tests fail for their own reason only")
                .isEqualTo(2);
        assertThat(summary.getSummary().getFailures()).allSatisfy(f ->
                assertThat(f.getException()).hasMessageContaining("127.0.0.1:1"));
    }

    @Test
    void theConsoleSummaryCountsCallsNamesTheSlowestAndThePath() {
        LlmReportListener listener = new LlmReportListener(new PrintStream(new ByteArrayOutputStream()));
        ReportedTest test = new ReportedTest("[engine:x]/[test:y]", "y()");
        test.calls.add(call("{\"test\":\"a.B#y\",\"call\":1,\"model\":\"phi4\",\"replayed\":true,\"total_ms\":10910.0}"));
        test.calls.add(call("{\"test\":\"a.B#y\",\"call\":2,\"model\":\"phi4\",\"replayed\":false,\"total_ms\":250.0}"));
        test.status = "SUCCESSFUL";

        String summary = listener.summary(List.of(test));

        assertThat(summary).contains("2 LLM call(s) in 1 test(s): 1 live, 1 replayed")
                .contains("10.91 s  B#y call #1 phi4 (recorded)").contains("report: ").contains("report.html");
    }

    @Test
    void aFailingTestsCallsArePrintedOneLineEachOnTheTestsOutputForSurefiresXml() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        LlmReportListener listener = new LlmReportListener(new PrintStream(console, true, StandardCharsets.UTF_8));
        org.junit.platform.launcher.TestIdentifier id = org.junit.platform.launcher.TestIdentifier.from(
                new org.junit.platform.engine.support.descriptor.EngineDescriptor(
                        org.junit.platform.engine.UniqueId.forEngine("x"), "x"));
        String longAnswer = "step ".repeat(2000) + "\\boxed{5}";

        listener.reportingEntryPublished(id, org.junit.platform.engine.reporting.ReportEntry.from("llmtest.call",
                "{\"test\":\"a.B#y\",\"call\":1,\"model\":\"phi4\",\"prompt\":\"" + "p".repeat(200)
                        + "\",\"answer\":\"" + longAnswer + "\",\"total_ms\":12.5}"));
        assertThat(console.toString(StandardCharsets.UTF_8)).as("nothing until the test fails").isEmpty();
        listener.reportingEntryPublished(id, org.junit.platform.engine.reporting.ReportEntry.from(
                CallEntry.FAILED_KEY, "true"));

        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).startsWith("[llmtest.call] {\"test\":\"a.B#y\"").contains("\"total_ms\":12.5")
                .doesNotContain("step step").contains("p".repeat(80) + "…").doesNotContain("p".repeat(81));
        assertThat(printed.lines()).hasSize(1);
    }

    private static ReportedCall call(String json) {
        try {
            return new ReportedCall(CallEntry.fromJson(new ObjectMapper().readTree(json)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode find(JsonNode tests, String suffix) {
        for (JsonNode t : tests) {
            if (t.path("name").asText().endsWith(suffix)) {
                return t;
            }
        }
        throw new AssertionError("no test named *" + suffix + " in " + tests);
    }
}
