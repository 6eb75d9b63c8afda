package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.llmtest.CompareModels;
import io.github.llmtest.Llm;
import io.github.llmtest.LlmTest;
import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** The run report links each test to its transcript, and shows a LaTeX-escaped dollar as a dollar. */
class TranscriptLinksTest {

    @TempDir
    Path work;

    @LlmTest
    static class Interest {
        @CompareModels({"phi4", "llama3.2"})
        void compoundInterest(Llm llm) {
            assertThat(llm.ask("interest")).boxedNumber().isCloseTo(new BigDecimal("1638616.44"),
                    within(BigDecimal.ONE));
        }
    }

    @Test
    void eachTestLinksItsTranscriptAndTheComparisonShowsDollarsWithoutTheirEscape() throws Exception {
        Path reports = work.resolve("reports");
        try (FakeOllama server = FakeOllama.start().installModel("llama3.2:latest", "a80c4f17acd5")
                .answerWith(r -> r.path("model").asText().equals("phi4") ? "So \\boxed{\\$1,638,616.44}."
                        : "So \\boxed{\\$1,638,620}.")) {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(Interest.class)).configurationParameters(Map.of(
                            LlmTest.URL_PARAMETER, server.url(), LlmTest.MODE_PARAMETER, "live",
                            LlmTest.FIXTURES_DIR_PARAMETER, work.resolve("fixtures").toString(),
                            LlmTest.REPORT_DIR_PARAMETER, reports.toString(),
                            "junit.jupiter.extensions.autodetection.enabled", "false")).build());
        }

        List<Path> transcripts;
        try (var files = Files.list(reports.resolve("transcripts"))) {
            transcripts = files.filter(f -> f.toString().endsWith(".html")).toList();
        }
        assertThat(transcripts).as("the failing invocation's only").singleElement()
                .satisfies(f -> assertThat(f.getFileName().toString()).contains("llama3.2"));
        String link = "transcripts/" + transcripts.get(0).getFileName();
        JsonNode tests = new ObjectMapper().readTree(reports.resolve("report.json").toFile()).path("tests");
        assertThat(tests).filteredOn(t -> t.has("transcript")).singleElement()
                .satisfies(t -> assertThat(t.path("transcript").asText()).isEqualTo(link));
        String html = Files.readString(reports.resolve("report.html"));
        assertThat(html).contains("<a href=\"" + link + "\">transcript</a>");
        String markdown = Files.readString(reports.resolve("report.md"));
        assertThat(markdown).contains("([transcript](" + link + "))");

        String table = html.substring(html.indexOf("<h2>Models side by side</h2>"));
        table = table.substring(0, table.indexOf("</table>"));
        assertThat(table).contains("boxed number: $1,638,616.44").contains("boxed number: $1,638,620")
                .doesNotContain("\\$");
        String section = markdown.substring(markdown.indexOf("### Models side by side"));
        section = section.substring(0, section.indexOf("\n\n", section.indexOf("| test |")));
        assertThat(section).contains("boxed number: $1,638,616.44").doesNotContain("\\$");
    }
}
