package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Jsons;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A transcript's page stays small and self-contained whatever the test said; its file names are safe. */
class TranscriptPageTest {

    private static final CallEntry.Figures FIGURES = new CallEntry.Figures(1200.0, 300.0, null, 100.0, 800.0, 20,
            40, 50.0, 20.0, 30.0, 45.0);

    private static CallEntry call(int index, String answer, String thinking, String system) {
        ObjectNode request = Jsons.object().put("endpoint", "/api/chat").put("model", "phi4");
        request.putArray("messages").add(Jsons.object().put("role", "system").put("content", system))
                .add(Jsons.object().put("role", "user").put("content", "What is the total?"));
        return new CallEntry("com.example.MathTest#total", index, null, "ollama", "phi4", "replay", true,
                "2026-11-30T10:00:00Z", "k" + index, "What is the total?", answer, "stop", FIGURES, false, request,
                null, thinking, null);
    }

    @Test
    void aTestWithHugeTextsGetsAPageOfAtMost200KilobytesWhoseCutsAreMarked() {
        String huge = "<&\"'> ü 漢字 ".repeat(40_000); // escaping and multi-byte characters make it heavier still
        List<CallEntry> calls = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            calls.add(call(i, huge, huge, huge));
        }
        Transcript transcript = new Transcript("com.example.MathTest#total", "total()", "[engine:junit-jupiter]",
                "failed", "expected 4\n" + huge, calls, List.of(new Extraction(1, "boxed answer", "5")));

        String page = transcript.html("MathTest.total-12345678.json");

        assertThat(page.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Transcript.MAX_HTML_BYTES);
        assertThat(page).contains("<span class=\"cut\">… [cut here: ").contains(" more characters in "
                + "MathTest.total-12345678.json]").contains("more call(s) left out to keep this page under 200 KB")
                .contains("Why it failed").contains("&lt;&amp;&quot;&#39;&gt; ü 漢字").endsWith("</html>\n");
    }

    @Test
    void aShortTranscriptIsShownWholeWithRecordedFiguresMarked() {
        Transcript transcript = new Transcript("com.example.MathTest#total", "total()", "[engine:junit-jupiter]",
                "successful", null, List.of(call(1, "So \\boxed{\\$1,638,616.44}.", "", "Be brief.")),
                List.of(new Extraction(1, "boxed answer", "\\$1,638,616.44")));

        String page = transcript.html("t.json");

        assertThat(page).doesNotContain("[cut here").doesNotContain("Why it failed")
                .contains("<span class=\"recorded\">recorded figures</span>: measured when the fixture was "
                        + "recorded (2026-11-30T10:00:00Z), not in this run.")
                .contains("boxed answer: $1,638,616.44").contains("So \\boxed{\\$1,638,616.44}.")
                .contains("<td class=\"num\">1.20 s</td>");
        JsonNode json = transcript.toJson();
        assertThat(json.path("status").asText()).isEqualTo("successful");
        assertThat(json.has("failure")).isFalse();
        assertThat(json.path("calls").get(0).path("extracted").get(0).path("value").asText())
                .as("the JSON keeps what was extracted").isEqualTo("\\$1,638,616.44");
    }

    @Test
    void fileNamesAreSafeOnEveryOperatingSystemAndUniquePerInvocation() {
        String template = "[engine:junit-jupiter]/[class:com.example.MathTest]/[test-template:total(io.github.llmtest.Llm)]";
        String first = Transcript.baseName("com.example.MathTest#total", "[1] phi4: \"what?\" <a|b> \\ / *",
                template + "/[test-template-invocation:#1]");
        String second = Transcript.baseName("com.example.MathTest#total", "[1] phi4: \"what?\" <a|b> \\ / *",
                template + "/[test-template-invocation:#2]");

        assertThat(first).matches("MathTest\\.total-1_phi4_what_a_b-[0-9a-f]{8}").isNotEqualTo(second);
        assertThat(Transcript.baseName("Con#x", "x()", "[class:Con]/[method:x()]")).as("CON is a device on Windows, "
                + "whatever follows the dot").startsWith("_Con.x-");
        assertThat(Transcript.baseName("Console#x", "x()", "[class:Console]")).startsWith("Console.x-");
        assertThat(Transcript.baseName("com.example.CON", "CON", "[class:com.example.CON]")).startsWith("_CON-");
        assertThat(Transcript.baseName("com.example.Outer$Inner#m", "m()", "u")).startsWith("Outer.Inner.m-");
        assertThat(Transcript.baseName("com.example.T#m", "ö".repeat(300), "x/[test-template-invocation:#1]"))
                .matches("T\\.m-[0-9a-f]{8}");
        assertThat(Transcript.baseName("com.example.T#" + "m".repeat(300), "m()", "u")).hasSize(100 + 9);
    }
}
