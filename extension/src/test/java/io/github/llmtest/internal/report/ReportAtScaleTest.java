package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.internal.Secrets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The run report at 10,000 calls")
class ReportAtScaleTest {

    static final int CALLS = 10_000;

    @TempDir
    static Path work;
    static Path reports;
    static Document page;

    @BeforeAll
    static void writeTheReportOfALargeRun() throws Exception {
        reports = work.resolve("large");
        Reports.write(reports, LargeRun.tests(CALLS));
        page = parse(reports.resolve("report.html"));
    }

    @Test
    void theHtmlStaysUnderTwoMegabytesAndIsWellFormed() throws Exception {
        Path html = reports.resolve("report.html");

        assertThat(Files.size(html)).isLessThanOrEqualTo(HtmlReport.MAX_BYTES);
        Document document = page;
        assertThat(document.getElementsByTagName("script").getLength()).isZero();
        assertThat(document.getElementsByTagName("link").getLength()).isZero();
    }

    @Test
    void theSummaryAndTheGlanceComeBeforeAnyCallRow() throws Exception {
        String html = Files.readString(reports.resolve("report.html"));

        int summary = html.indexOf("<section id=\"summary\">");
        int glance = html.indexOf("<h2 id=\"glance\">At a glance</h2>");
        int slowest = html.indexOf("<h2 id=\"slowest\">");
        int calls = html.indexOf("<details class=\"calls\"");
        assertThat(summary).isPositive().isLessThan(glance);
        assertThat(glance).isLessThan(slowest);
        assertThat(slowest).isLessThan(calls);
        assertThat(html).contains("10000 LLM call(s) in 5000 test(s)")
                .contains("The 20 slowest of the run's 10000 calls");
    }

    @Test
    void theGlanceHasOneRowPerTestAndModelWithBoxPlotsOfMeasuredAndRecordedFigures() throws Exception {
        Document document = page;

        Element table = byId(document, "table", "glance-table");
        int rows = table.getElementsByTagName("tr").getLength() - 1;
        assertThat(rows).as("two test methods on five models").isEqualTo(10);
        assertThat(table.getElementsByTagName("svg").getLength()).as("three figures a row").isEqualTo(30);
        String text = table.getTextContent();
        assertThat(text).contains("DatasetTest#solves").contains("qwen2.5:7b").contains("measured p50")
                .contains("recorded p50").contains("test(s) ·");
        String html = Files.readString(reports.resolve("report.html"));
        assertThat(html).contains("fill=\"url(#recorded-box)\"").contains("total, recorded, not measured in this run");
    }

    @Test
    void theSlowestChartDrawsTwentyCalls() throws Exception {
        Document document = page;

        Element chart = byId(document, "svg", "slowest-chart");
        NodeList labels = chart.getElementsByTagName("text");
        long callLabels = 0;
        for (int i = 0; i < labels.getLength(); i++) {
            callLabels += labels.item(i).getTextContent().startsWith("DatasetTest#") ? 1 : 0;
        }
        assertThat(callLabels).isEqualTo(HtmlReport.SLOWEST);
    }

    @Test
    void callRowsSitInACollapsedSectionPerTestAndSayHowManyAreShown() throws Exception {
        Document document = page;

        NodeList details = document.getElementsByTagName("details");
        int sections = 0;
        int rows = 0;
        for (int i = 0; i < details.getLength(); i++) {
            Element section = (Element) details.item(i);
            if (section.getAttribute("class").equals("calls")) {
                sections++;
                assertThat(section.hasAttribute("open")).as("collapsed").isFalse();
                rows += section.getElementsByTagName("tr").getLength() - 1;
            }
        }
        assertThat(sections).isEqualTo(2);
        assertThat(rows).as("a short row for every call").isEqualTo(CALLS);
        String html = Files.readString(reports.resolve("report.html"));
        assertThat(html).doesNotContain("Showing ").contains("a call is one short line here");
    }

    @Test
    void aShortRowCutsTheAnswerAtSixtyCharactersWithTheCutMarkedAndShowsTheCost() throws Exception {
        Element table = null;
        NodeList tables = page.getElementsByTagName("table");
        for (int i = 0; i < tables.getLength() && table == null; i++) {
            Element candidate = (Element) tables.item(i);
            table = candidate.getAttribute("class").equals("dense") ? candidate : null;
        }
        assertThat(table).as("a table of short rows").isNotNull();
        NodeList rows = table.getElementsByTagName("tbody").item(0).getChildNodes();
        int priced = 0;
        int checked = 0;
        for (int i = 0; i < rows.getLength(); i++) {
            if (!(rows.item(i) instanceof Element row)) {
                continue;
            }
            NodeList cells = row.getElementsByTagName("td");
            String answer = cells.item(cells.getLength() - 1).getTextContent();
            assertThat(answer.length()).isLessThanOrEqualTo(HtmlReport.DENSE_ANSWER_CHARS + 1);
            assertThat(answer).startsWith("…").endsWith("<ok> & done.");
            assertThat(row.hasAttribute("style")).as("no inline style").isFalse();
            priced += cells.item(cells.getLength() - 2).getTextContent().startsWith("$0.000") ? 1 : 0;
            checked++;
        }
        assertThat(checked).isEqualTo(8000);
        assertThat(priced).as("the OpenAI model's calls, one in five").isEqualTo(1600);
        long bytes = Files.size(reports.resolve("report.html"));
        assertThat(bytes / (double) CALLS).as("bytes a call, everything else of the page included").isLessThan(195);
    }

    @Test
    void longAnswersAreCutWithTheCutMarkedAndTheJsonKeepsThemWhole() throws Exception {
        String html = Files.readString(reports.resolve("report.html"));
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(reports.resolve("report.json")
                .toFile());

        assertThat(html).as("short rows: the answer's end, the cut marked")
                .contains("the end of its answer cut at 60 characters, the cut marked …")
                .contains("report.json has every call whole");
        int calls = 0;
        int longest = 0;
        for (JsonNode test : json.path("tests")) {
            for (JsonNode call : test.path("calls")) {
                calls++;
                longest = Math.max(longest, call.path("answer").asText().length());
            }
        }
        assertThat(calls).isEqualTo(CALLS);
        assertThat(longest).as("the 300 KB answer, whole").isGreaterThan(200_000);
    }

    @Test
    void theMarkdownFitsAPullRequestComment() throws Exception {
        String markdown = Files.readString(reports.resolve("report.md"));

        assertThat(markdown.length()).isLessThanOrEqualTo(Reports.MD_MAX);
        assertThat(markdown).contains("### At a glance").contains("… and 9975 more call(s): see report.html or "
                + "report.json.");
    }

    @Test
    void markdownTooLongForAComment_isCutAtALineAndSaysWhatItLeftOut() throws Exception {
        List<ReportedTest> tests = LargeRun.tests(400);
        String longName = "x".repeat(2_900);
        List<ReportedTest> renamed = tests.stream().map(t -> {
            ReportedTest copy = new ReportedTest(t.uniqueId, t.displayName + longName);
            t.calls.forEach(c -> copy.calls.add(new ReportedCall(new CallEntry(c.test() + longName.substring(0,
                    200) + copy.hashCode(), c.index(), c.entry.sample(), c.entry.provider(), c.model(),
                    c.entry.mode(), c.replayed(), c.entry.recordedAt(), c.entry.key(), c.entry.prompt(),
                    c.entry.answer(), c.entry.doneReason(), c.figures(), false, c.entry.request(), null, "", null))));
            copy.status = t.status;
            copy.failure = t.failure == null ? null : t.failure + longName;
            return copy;
        }).toList();

        String markdown = Reports.markdown(renamed, Summary.of(renamed));

        assertThat(markdown.length()).isLessThanOrEqualTo(Reports.MD_MAX);
        assertThat(markdown).contains("report.md stops here to stay within a pull-request comment's 65536 "
                + "characters: left out ").endsWith("report.html and report.json have them.\n");
        String before = markdown.substring(0, markdown.indexOf("\n… report.md stops here"));
        assertThat(before).endsWith("\n");
    }

    @Test
    void aSecretAcrossTwoChunksOfAStreamedFileIsFound() {
        Secrets.register("TEST_ONLY_CHUNK_KEY", "tk-chunk-secret-4417");
        Path file = work.resolve("chunked.txt");

        assertThatThrownBy(() -> ReportFile.write(file, out -> {
            out.write("a".repeat(ReportFile.CHUNK + ReportFile.OVERLAP - 8));
            out.write("tk-chunk-secret-4417 and more text after it");
        })).hasMessageContaining("it would hold TEST_ONLY_CHUNK_KEY");
        assertThat(file).doesNotExist();
        assertThat(work.toFile().list()).noneMatch(name -> name.startsWith("chunked.txt"));
    }

    static Document parse(Path html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(html.toFile());
    }

    private static Element byId(Document document, String tag, String id) {
        NodeList all = document.getElementsByTagName(tag);
        for (int i = 0; i < all.getLength(); i++) {
            if (((Element) all.item(i)).getAttribute("id").equals(id)) {
                return (Element) all.item(i);
            }
        }
        throw new AssertionError("no <" + tag + " id=\"" + id + "\">");
    }
}
