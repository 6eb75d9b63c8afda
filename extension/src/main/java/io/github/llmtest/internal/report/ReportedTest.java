package io.github.llmtest.internal.report;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test (or class, for {@code @BeforeAll} calls) that made LLM calls, and how it ended. */
final class ReportedTest {

    static final String SUCCESSFUL = "SUCCESSFUL";
    static final String FAILED = "FAILED";
    static final String SAMPLE_FAILED = "SAMPLE_FAILED";

    final String uniqueId;
    final String displayName;
    final List<ReportedCall> calls = new CopyOnWriteArrayList<>();
    volatile String status = "RUNNING";
    volatile String failure;
    /** The {@code @Samples} verdict, when the test sampled. */
    volatile SamplesEntry samples;

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
        return SUCCESSFUL.equals(status);
    }

    boolean failed() {
        return FAILED.equals(status);
    }

    /** The result of one call: the test's, except for a sample whose own assertions failed. */
    String result(ReportedCall call) {
        Integer sample = call.entry.sample();
        if (samples != null && sample != null && samples.failedSamples().contains(sample)) {
            return SAMPLE_FAILED;
        }
        return status;
    }
}
