package io.github.llmtest.internal.report;

import io.github.llmtest.internal.Secrets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("report.json's calls written as tests finish, copied in at the end")
class CallsSpoolTest {

    @TempDir
    Path work;

    @Test
    void theReportWrittenAroundTheSpooledCallsIsTheOneWrittenWholeByteForByte() throws Exception {
        List<ReportedTest> tests = LargeRun.tests(300);
        Path whole = work.resolve("whole");
        Path spooled = work.resolve("spooled");

        Reports.write(whole, tests);
        try (CallsSpool spool = CallsSpool.open(spooled)) {
            tests.forEach(spool::add);
            Reports.write(spooled, tests, null, spool);
        }

        assertThat(withoutTime(spooled.resolve("report.json"))).isEqualTo(withoutTime(whole.resolve("report.json")));
        assertThat(Files.readString(spooled.resolve("report.html")))
                .isEqualTo(Files.readString(whole.resolve("report.html")));
    }

    @Test
    void aSpoolLeftByAKilledRunIsRemovedWhenTheNextRunOpensOneAndOtherFilesAreKept() throws Exception {
        Path reports = Files.createDirectories(work.resolve("reports"));
        Path leftover = Files.writeString(reports.resolve("report.json.123456.calls"), "[{\"prompt\":\"old\"}]");
        Path kept = Files.writeString(reports.resolve("report.json"), "{}");

        try (CallsSpool spool = CallsSpool.open(reports)) {
            spool.add(LargeRun.tests(1).get(0));
            assertThat(leftover).doesNotExist();
            assertThat(kept).hasContent("{}");
            try (Stream<Path> files = Files.list(reports)) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .hasSize(2).contains("report.json").anyMatch(n -> n.endsWith(".calls"));
            }
        }
    }

    @Test
    void aTestThatGainedACallOrAnExtractionAfterItsCallsWereWrittenIsWrittenWholeAtTheEnd() throws Exception {
        List<ReportedTest> tests = LargeRun.tests(40);
        Path spooled = work.resolve("spooled");
        Path whole = work.resolve("whole");

        try (CallsSpool spool = CallsSpool.open(spooled)) {
            tests.forEach(spool::add);
            ReportedTest late = tests.get(1);
            late.add(new ReportedCall(late.calls.get(0).entry));
            tests.get(2).calls.get(0).addExtraction(new Extraction(1, "final number", "42 ü"));

            assertThat(spool.part(late)).isEmpty();
            assertThat(spool.part(tests.get(2))).isEmpty();
            assertThat(spool.part(tests.get(3))).isPresent();
            Reports.write(spooled, tests, null, spool);
        }
        Reports.write(whole, tests);

        assertThat(withoutTime(spooled.resolve("report.json"))).isEqualTo(withoutTime(whole.resolve("report.json")))
                .contains("42 ü");
    }

    @Test
    void aSecretInACallGivesTheSpoolUpAndTheReportIsStillRefused() throws Exception {
        Secrets.register("TEST_ONLY_SPOOL_KEY", "tk-spooled-secret-5521");
        ReportedTest test = ReportSecretsTest.testWithPrompt("key tk-spooled-secret-5521");
        Path reports = work.resolve("reports");

        try (CallsSpool spool = CallsSpool.open(reports)) {
            spool.add(test);

            assertThat(spool.part(test)).isEmpty();
            assertThatThrownBy(() -> Reports.write(reports, List.of(test), null, spool))
                    .hasMessageContaining("refused to write " + reports.resolve("report.json"))
                    .hasMessageContaining("TEST_ONLY_SPOOL_KEY");
        }
        assertThat(reports.resolve("report.json")).doesNotExist();
    }

    @Test
    void closingTheSpoolDeletesItsFile() throws Exception {
        Path reports = work.resolve("reports");

        try (CallsSpool spool = CallsSpool.open(reports)) {
            LargeRun.tests(20).forEach(spool::add);
            assertThat(files(reports)).singleElement().asString().startsWith("report.json.").endsWith(".calls");
        }

        assertThat(files(reports)).isEmpty();
    }

    private static List<String> files(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static String withoutTime(Path report) throws Exception {
        return Files.readString(report).replaceFirst("\"generated_at\" : \"[^\"]*\"", "\"generated_at\" : \"-\"");
    }
}
