package io.github.llmtest.internal.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Jsons;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** report.json's calls are written straight from their fields: the text must be the tree's, byte for byte. */
class StreamedCallJsonTest {

    @Test
    void aCallWithEveryFieldIsWrittenAsItsTreeWouldBe() throws IOException {
        ObjectNode request = Jsons.object().put("model", "phi4");
        request.putArray("messages").addObject().put("role", "user").put("content", "Hi \"there\" \u00e9\n");
        request.putObject("options").put("temperature", 0.2).put("seed", 42L);
        JsonNode toolCalls = Jsons.read("[{\"id\":\"c1\",\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2.5}}]");
        CallEntry entry = new CallEntry("com.example.T#m", 3, 2, "openai", "openai:gpt-4o", "record", false,
                "2026-11-20T10:15:30Z", "key-1", "What is 2+2? <b>&</b>", "It is \\boxed{4}.\t\u2028", "stop",
                new CallEntry.Figures(1234.5, 100.25, 0.0, 40.0, 900.0, 210, 17, 18.5, 55.0, 70.0, 99.0), true,
                request, new CallEntry.Previous("It is 5.", "2026-10-01T00:00:00Z", "hand-written",
                List.of("messages", "options.seed")), "Let me think.", toolCalls, "gpt-4o-2024", new CallEntry.Spend(
                0.00012, 0.00001, 3, 5, "openai:gpt-4o"), true);
        ReportedCall call = new ReportedCall(entry);
        call.addExtraction(new Extraction(3, "boxed answer", "4"));

        assertThat(streamed(call)).isEqualTo(tree(call)).contains("\"drift\"", "\"extracted\"", "\"previous\"",
                "\"tool_calls\"", "\"cost\"", "\"judge\" : true", "\"compared\" : true", "\"answered_by\"");
    }

    @Test
    void aCallWithOnlyTheRequiredFieldsLeavesTheUnknownOnesOut() throws IOException {
        CallEntry entry = new CallEntry("com.example.T#m", 1, null, "ollama", "phi4", "live", false, null, "k",
                "p", "", null, new CallEntry.Figures(null, null, null, null, null, null, null, null, null, null,
                null), false, null, null, "", null);
        ReportedCall call = new ReportedCall(entry);

        assertThat(streamed(call)).isEqualTo(tree(call)).doesNotContain("sample", "total_ms", "request", "cost",
                "thinking", "drift");
    }

    @Test
    void theLargeRunsCallsAreWrittenAsTheirTreesWouldBe() throws IOException {
        for (ReportedTest test : LargeRun.tests(200)) {
            for (ReportedCall call : test.calls) {
                assertThat(streamed(call)).isEqualTo(tree(call));
            }
        }
    }

    private static String streamed(ReportedCall call) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = Jsons.prettyGenerator(text)) {
            call.writeJson(out);
        }
        return text.toString();
    }

    private static String tree(ReportedCall call) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = Jsons.prettyGenerator(text)) {
            Jsons.writeTree(call.toJson(), out);
        }
        return text.toString();
    }
}
