package io.github.llmtest.internal.report;

import io.github.llmtest.internal.Jsons;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("report.json: each call on one line, the rest indented")
class ReportJsonLayoutTest {

    @TempDir
    Path reports;

    @Test
    void eachCallIsOneLineHoldingExactlyItsTreeWrittenCompactly() throws Exception {
        List<ReportedTest> tests = LargeRun.tests(200);
        StringWriter text = new StringWriter();

        Reports.json(tests, Summary.of(tests), text);

        List<String> callLines = text.toString().lines().filter(l -> l.startsWith("        {\"test\":")).toList();
        List<String> expected = tests.stream().flatMap(t -> t.calls.stream())
                .map(c -> Jsons.compact(c.toJson())).toList();
        assertThat(callLines).hasSize(200);
        for (int i = 0; i < expected.size(); i++) {
            String line = callLines.get(i).strip();
            assertThat(line.endsWith(",") ? line.substring(0, line.length() - 1) : line).isEqualTo(expected.get(i));
        }
    }

    @Test
    void theStructureAroundTheCallsStaysIndentedAndTheFileReadsBackWhole() throws Exception {
        List<ReportedTest> tests = LargeRun.tests(200);
        Reports.write(reports, tests);
        String text = Files.readString(reports.resolve("report.json"));

        assertThat(text).startsWith("{\n  \"llmtest_report_version\" : 2,\n")
                .contains("\n  \"summary\" : {\n    \"tests\" : ", "\n      \"calls\" : [\n        {\"test\":");
        List<ReportedTest> read = ShardReports.read(reports.resolve("report.json"));
        assertThat(read).hasSameSizeAs(tests);
        for (int t = 0; t < tests.size(); t++) {
            assertThat(read.get(t).calls).hasSameSizeAs(tests.get(t).calls);
            for (int c = 0; c < tests.get(t).calls.size(); c++) {
                assertThat(read.get(t).calls.get(c).toJson()).isEqualTo(tests.get(t).calls.get(c).toJson());
            }
        }
    }

    @Test
    void aReportOfAnEarlierVersionWithEveryCallIndentedStillReadsTheSame() throws Exception {
        List<ReportedTest> tests = LargeRun.tests(100);
        Reports.write(reports, tests);
        Path indented = reports.resolve("indented.json");
        Files.writeString(indented, Jsons.pretty(Jsons.read(Files.readString(reports.resolve("report.json")))));

        List<ReportedTest> read = ShardReports.read(indented);

        assertThat(Files.readString(indented)).contains("\n        {\n          \"test\" : ");
        assertThat(read).hasSameSizeAs(tests);
        assertThat(read.get(7).calls.get(0).toJson()).isEqualTo(tests.get(7).calls.get(0).toJson());
    }

    @Test
    void theWarmUpRunsTheWritersOverTheSameTextButKeepsNothing() throws Exception {
        List<ReportedTest> tests = LargeRun.tests(500);

        long bytes = Reports.warmUp(tests, () -> false);

        assertThat(reports).isEmptyDirectory();
        Reports.write(reports, tests);
        assertThat(bytes).isEqualTo(Files.size(reports.resolve("report.json")));
    }
}
