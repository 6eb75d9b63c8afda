package io.github.llmtest.report;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test (or class, for {@code @BeforeAll} calls) that made LLM calls, and how it ended. */
final class ReportedTest {

    final String uniqueId;
    final String displayName;
    final List<ReportedCall> calls = new CopyOnWriteArrayList<>();
    volatile String status = "RUNNING";
    volatile String failure;
    /** The {@code @Samples} verdict, when the test sampled. */
    volatile com.fasterxml.jackson.databind.node.ObjectNode samples;

    ReportedTest(String uniqueId, String displayName) {
        this.uniqueId = uniqueId;
        this.displayName = displayName;
    }

    String name() {
        String test = calls.isEmpty() ? "" : calls.get(0).test();
        String shortTest = test.substring(test.lastIndexOf('.') + 1);
        String plainDisplay = displayName.replaceAll("\\(.*\\)$", "");
        return shortTest.isEmpty() ? displayName
                : shortTest.endsWith("#" + plainDisplay) || shortTest.equals(plainDisplay) ? shortTest
                : shortTest + " " + displayName;
    }

    boolean passed() {
        return "SUCCESSFUL".equals(status);
    }

    /** The result of one call: the test's, except for a sample whose own assertions failed. */
    String result(ReportedCall call) {
        if (samples != null && call.json.has("sample")) {
            for (com.fasterxml.jackson.databind.JsonNode failed : samples.path("failed_samples")) {
                if (failed.asInt() == call.json.path("sample").asInt()) {
                    return "SAMPLE_FAILED";
                }
            }
        }
        return status;
    }
}
