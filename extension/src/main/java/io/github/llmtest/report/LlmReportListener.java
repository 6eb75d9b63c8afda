package io.github.llmtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.LlmTest;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects the LLM calls of a test run and writes the run report when it ends. Registered through
 * {@code META-INF/services}, so Maven Surefire, Gradle and IDEs pick it up without configuration. It writes nothing
 * when no LLM test ran, and a report it cannot write is a warning, never a failed build.
 *
 * <p>Each call is also printed as one {@code [llmtest.call] {...}} line on the test's own output, which Surefire
 * keeps in the test's {@code <system-out>} of {@code TEST-*.xml}.
 */
public final class LlmReportListener implements TestExecutionListener {

    static final String CALL_KEY = "llmtest.call";
    static final String EXTRACTIONS_KEY = "llmtest.extractions";
    static final String SAMPLES_KEY = "llmtest.samples";
    static final String DEFAULT_DIR = "target/llmtest";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger("io.github.llmtest");

    private final Map<String, ReportedTest> tests = new ConcurrentHashMap<>();
    private final List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile Path directory = Path.of(DEFAULT_DIR);
    private final PrintStream console;

    /** Created by the JUnit Platform through {@code ServiceLoader}. */
    public LlmReportListener() {
        this(System.out);
    }

    LlmReportListener(PrintStream console) {
        this.console = console;
    }

    /** For tests: a listener writing to {@code reportDirectory} without a test plan to configure it. */
    LlmReportListener(PrintStream console, Path reportDirectory) {
        this.console = console;
        this.directory = reportDirectory;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        tests.clear();
        order.clear();
        directory = Path.of(testPlan.getConfigurationParameters().get(LlmTest.REPORT_DIR_PARAMETER)
                .filter(v -> !v.isBlank()).orElse(DEFAULT_DIR)).toAbsolutePath().normalize();
    }

    @Override
    public void reportingEntryPublished(TestIdentifier testIdentifier, ReportEntry entry) {
        try {
            Map<String, String> pairs = entry.getKeyValuePairs();
            String call = pairs.get(CALL_KEY);
            if (call != null) {
                JsonNode node = JSON.readTree(call);
                if (node instanceof ObjectNode object) {
                    test(testIdentifier).calls.add(new ReportedCall(object));
                    console.println("[" + CALL_KEY + "] " + outputLine(object));
                }
            }
            String samples = pairs.get(SAMPLES_KEY);
            if (samples != null && JSON.readTree(samples) instanceof ObjectNode verdict) {
                test(testIdentifier).samples = verdict;
                console.println("[" + SAMPLES_KEY + "] " + samples);
            }
            String extractions = pairs.get(EXTRACTIONS_KEY);
            if (extractions != null) {
                ReportedTest test = test(testIdentifier);
                for (JsonNode e : JSON.readTree(extractions)) {
                    test.calls.stream().filter(c -> c.index() == e.path("call").asInt()).findFirst()
                            .ifPresent(c -> c.addExtraction(e));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "llmtest: could not read a report entry: " + e);
        }
    }

    /** The call without its answer text (report.json has it) and with a short prompt: one readable line. */
    static String outputLine(ObjectNode call) {
        ObjectNode line = call.deepCopy();
        line.remove("answer");
        String prompt = line.path("prompt").asText("");
        if (prompt.length() > 80) {
            line.put("prompt", prompt.substring(0, 80) + "…");
        }
        return line.toString();
    }

    private ReportedTest test(TestIdentifier id) {
        return tests.computeIfAbsent(id.getUniqueId(), k -> {
            order.add(k);
            return new ReportedTest(k, id.getDisplayName());
        });
    }

    @Override
    public void executionFinished(TestIdentifier testIdentifier, TestExecutionResult result) {
        ReportedTest test = tests.get(testIdentifier.getUniqueId());
        if (test != null) {
            test.status = result.getStatus().name();
            test.failure = result.getThrowable().map(t -> firstLine(t.getMessage() == null ? t.toString()
                    : t.getMessage())).orElse(null);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        List<ReportedTest> reported = new ArrayList<>();
        synchronized (order) {
            order.forEach(id -> reported.add(tests.get(id)));
        }
        if (reported.isEmpty()) {
            return;
        }
        try {
            Reports.write(directory, reported);
            console.println(summary(reported));
        } catch (IOException | RuntimeException e) {
            String message = "llmtest: could not write the run report to " + directory + ": " + e
                    + " (the tests' results are not affected)";
            LOG.log(System.Logger.Level.WARNING, message);
            console.println("[llmtest] WARNING " + message);
        }
    }

    String summary(List<ReportedTest> reported) {
        List<ReportedCall> calls = new ArrayList<>();
        reported.forEach(t -> calls.addAll(t.calls));
        long replayed = calls.stream().filter(ReportedCall::replayed).count();
        long failed = reported.stream().filter(t -> "FAILED".equals(t.status)).count();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "[llmtest] %d LLM call(s) in %d test(s): %d live, %d replayed "
                + "(recorded figures); %d test(s) failed%n", calls.size(), reported.size(), calls.size() - replayed,
                replayed, failed));
        calls.stream().sorted(Comparator.comparingDouble((ReportedCall c) -> c.figure("total_ms").orElse(0))
                .reversed()).limit(3).forEach(c -> out.append(String.format(Locale.ROOT,
                "[llmtest]   slow: %8.2f s  %s call #%d (%s)%n", c.figure("total_ms").orElse(0) / 1000,
                shortTest(c.test()), c.index(), c.replayed() ? "recorded" : "live")));
        out.append("[llmtest] report: ").append(directory.resolve("report.html"));
        return out.toString();
    }

    static String shortTest(String test) {
        return test.substring(test.lastIndexOf('.') + 1);
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        String line = newline < 0 ? trimmed : trimmed.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
