package io.github.llmtest.internal.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** A test (or class, for {@code @BeforeAll} calls) that made LLM calls, and how it ended. */
final class ReportedTest {

    static final String SUCCESSFUL = "SUCCESSFUL";
    static final String FAILED = "FAILED";
    static final String SAMPLE_FAILED = "SAMPLE_FAILED";
    /** A display name's parameters, {@code (int, String)}: compiled once, for the name of every test. */
    private static final Pattern PARAMETERS = Pattern.compile("\\(.*\\)$");

    final String uniqueId;
    final String displayName;
    /**
     * The calls in the order they were published; added to with {@link #add}. Not a copy-on-write list: a test may
     * make thousands of calls, and each would copy all before it. The report reads it once the run is over.
     */
    final List<ReportedCall> calls = Collections.synchronizedList(new ArrayList<>());
    /** The same calls by their index in the test, for what assertions extracted from them. */
    private final Map<Integer, ReportedCall> byIndex = new ConcurrentHashMap<>();
    /** The call lines not printed yet, printed if the test fails ({@code llmtest.output=failures}). */
    final List<String> unprinted = Collections.synchronizedList(new ArrayList<>());
    volatile String status = "RUNNING";
    volatile String failure;
    /** The {@code @Samples} verdict, when the test sampled. */
    volatile SamplesEntry samples;
    /** The verdict of an {@code @LlmDataset} case, when the test is one. */
    volatile DatasetEntry dataset;
    /** The {@code @LatencyBudget} verdict, when the test had a budget. */
    volatile BudgetEntry budget;
    /** The link to the test's transcript from the report's directory ({@code transcripts/….html}), or null. */
    volatile String transcript;

    ReportedTest(String uniqueId, String displayName) {
        this.uniqueId = uniqueId;
        this.displayName = displayName;
    }

    /** A copy of the test as it stands, for reading on another thread while this one may still grow. */
    ReportedTest copy() {
        ReportedTest copy = new ReportedTest(uniqueId, displayName);
        synchronized (calls) {
            calls.forEach(copy::add);
        }
        copy.status = status;
        copy.failure = failure;
        copy.samples = samples;
        copy.dataset = dataset;
        copy.budget = budget;
        copy.transcript = transcript;
        return copy;
    }

    void add(ReportedCall call) {
        calls.add(call);
        byIndex.putIfAbsent(call.index(), call);
    }

    /** The first call published with this index, or null. */
    ReportedCall call(int index) {
        return byIndex.get(index);
    }

    String name() {
        String test = !calls.isEmpty() ? calls.get(0).test() : dataset != null ? dataset.test() : "";
        String shortTest = test.substring(test.lastIndexOf('.') + 1);
        String plainDisplay = PARAMETERS.matcher(displayName).replaceAll("");
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

    /**
     * The verdict of a sampled test over the run: {@code stable pass} when every sample passed, {@code stable fail}
     * when none did, {@code flaky} otherwise; null for a test that did not sample.
     */
    String verdict() {
        if (samples == null) {
            return null;
        }
        if (samples.passed() == samples.samples()) {
            return "stable pass";
        }
        return samples.passed() == 0 ? "stable fail" : "flaky";
    }

    /** The first line of the failure message, or null. */
    String failureHeadline() {
        if (failure == null) {
            return null;
        }
        String trimmed = failure.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
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
