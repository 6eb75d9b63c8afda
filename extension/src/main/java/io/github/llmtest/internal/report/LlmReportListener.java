package io.github.llmtest.internal.report;

import io.github.llmtest.internal.SettingNames;
import io.github.llmtest.internal.Durations;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.Texts;
import io.github.llmtest.internal.fixture.Preloads;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Collects the LLM calls of a test run and writes the run report when it ends. Registered through
 * {@code META-INF/services}, so Maven Surefire, Gradle and IDEs pick it up without configuration. It writes nothing
 * when no LLM test ran, and a report it cannot write is a warning, never a failed build.
 *
 * <p>The calls of a failing test are also printed as {@code [llmtest.call] {...}} lines on the test's own output,
 * which Surefire keeps in the test's {@code <system-out>} of {@code TEST-*.xml}; {@code llmtest.output=calls}
 * prints every call as it is made, {@code none} nothing. Printing only failures keeps a passing suite quiet and
 * fast: each line costs a trip through Surefire's channel to its forked JVM.
 */
public final class LlmReportListener implements TestExecutionListener {

    static final String DEFAULT_DIR = "target/llmtest";
    /** A failure message is kept whole up to this length. */
    static final int MAX_FAILURE = 20_000;
    private static final System.Logger LOG = System.getLogger("io.github.llmtest");
    /**
     * Test plans executing in this JVM right now. A plan that starts while another runs is an engine run made by a
     * test (a library testing its own extension): it still writes its report, but prints nothing, so the build's
     * console shows the outer run only. JVM-wide by nature: each launcher creates its own listener.
     */
    private static final AtomicInteger EXECUTING = new AtomicInteger();

    private final Map<String, ReportedTest> tests = new ConcurrentHashMap<>();
    private final List<String> order = Collections.synchronizedList(new ArrayList<>());
    private volatile Path directory = Path.of(DEFAULT_DIR);
    private final PrintStream console;
    private final boolean alwaysPrint;
    private volatile boolean executing;
    private volatile boolean quiet;
    /** {@code llmtest.baseline}, or null. */
    private volatile String baselineSetting;
    /** {@code llmtest.baseline.alpha}, or null. */
    private volatile String baselineAlpha;
    private volatile Output output = Output.FAILURES;
    /** Warms up the report's writers during a long run; one per test plan. */
    private volatile ReportWarmUp warmUp = new ReportWarmUp();
    /**
     * report.json's calls written as tests finish, once the run has made {@link ReportWarmUp#CALLS} calls (a test
     * that finished before is written whole at the end); null before, or when it could not be created.
     */
    private CallsSpool spool;
    private boolean spoolFailed;

    /** Which call lines are printed ({@code llmtest.output}). */
    enum Output {
        FAILURES, CALLS, NONE;

        static Output parse(String value) {
            for (Output o : values()) {
                if (o.name().equalsIgnoreCase(value.strip())) {
                    return o;
                }
            }
            LOG.log(System.Logger.Level.WARNING, "llmtest: " + SettingNames.OUTPUT + "=" + value
                    + " is not one of failures, calls, none; printing the calls of failing tests");
            return FAILURES;
        }
    }

    /** Created by the JUnit Platform through {@code ServiceLoader}. */
    public LlmReportListener() {
        this.console = System.out;
        this.alwaysPrint = false;
    }

    /** For tests: a listener printing to {@code console} even inside another run. */
    LlmReportListener(PrintStream console) {
        this.console = console;
        this.alwaysPrint = true;
    }

    /** For tests: a listener writing to {@code reportDirectory} without a test plan to configure it. */
    LlmReportListener(PrintStream console, Path reportDirectory) {
        this(console);
        this.directory = reportDirectory;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        executing = true;
        quiet = EXECUTING.getAndIncrement() > 0 && !alwaysPrint;
        tests.clear();
        order.clear();
        warmUp = new ReportWarmUp();
        closeSpool();
        directory = Path.of(testPlan.getConfigurationParameters().get(SettingNames.REPORT_DIR)
                .filter(v -> !v.isBlank()).orElse(DEFAULT_DIR)).toAbsolutePath().normalize();
        output = testPlan.getConfigurationParameters().get(SettingNames.OUTPUT).filter(v -> !v.isBlank())
                .map(Output::parse).orElse(Output.FAILURES);
        baselineSetting = testPlan.getConfigurationParameters().get(SettingNames.BASELINE)
                .filter(v -> !v.isBlank()).orElse(null);
        baselineAlpha = testPlan.getConfigurationParameters().get(SettingNames.BASELINE_ALPHA).orElse(null);
        RunAhead.start(testPlan);
    }

    @Override
    public void reportingEntryPublished(TestIdentifier testIdentifier, ReportEntry entry) {
        try {
            Map<String, String> pairs = entry.getKeyValuePairs();
            String call = pairs.get(CallEntry.KEY);
            if (call != null) {
                CallEntry.Published published = CallEntry.taken(call);
                ReportedTest test = test(testIdentifier);
                test.add(new ReportedCall(published.entry()));
                warmUp.called(this::soFar);
                String line = "[" + CallEntry.KEY + "] " + published.line();
                if (output == Output.CALLS) {
                    print(line);
                } else if (output == Output.FAILURES) {
                    test.unprinted.add(line);
                }
            }
            if (pairs.containsKey(CallEntry.FAILED_KEY)) {
                ReportedTest test = tests.get(testIdentifier.getUniqueId());
                if (test != null) {
                    synchronized (test.unprinted) {
                        test.unprinted.forEach(this::print);
                        test.unprinted.clear();
                    }
                }
            }
            String samples = pairs.get(SamplesEntry.KEY);
            if (samples != null) {
                test(testIdentifier).samples = SamplesEntry.fromJson(Jsons.read(samples));
                print("[" + SamplesEntry.KEY + "] " + samples);
            }
            String dataset = pairs.get(DatasetEntry.KEY);
            if (dataset != null) {
                test(testIdentifier).dataset = DatasetEntry.taken(dataset);
            }
            String budget = pairs.get(BudgetEntry.KEY);
            if (budget != null) {
                test(testIdentifier).budget = BudgetEntry.fromJson(Jsons.read(budget));
            }
            String transcript = pairs.get(Transcript.KEY);
            ReportedTest withTranscript = transcript == null ? null : tests.get(testIdentifier.getUniqueId());
            if (withTranscript != null) {
                withTranscript.transcript = link(Path.of(transcript));
            }
            String extractions = pairs.get(Extraction.KEY);
            if (extractions != null) {
                ReportedTest test = test(testIdentifier);
                for (Extraction e : Extraction.fromJson(Jsons.read(extractions))) {
                    ReportedCall extracted = test.call(e.call());
                    if (extracted != null) {
                        extracted.addExtraction(e);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "llmtest: could not read a report entry: " + e);
        }
    }

    /** A copy of the run's tests as they stand, in their order. */
    private List<ReportedTest> soFar() {
        List<ReportedTest> copy = new ArrayList<>();
        synchronized (order) {
            for (String id : order) {
                ReportedTest test = tests.get(id);
                if (test != null) { // added to the order before the map holds it
                    copy.add(test.copy());
                }
            }
        }
        return copy;
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
            test.failure = result.getThrowable().map(t -> Texts.clip((t.getMessage() == null ? t.toString()
                    : t.getMessage()).strip(), MAX_FAILURE)).orElse(null);
            if (!test.calls.isEmpty() && warmUp.reached()) {
                CallsSpool calls = spool();
                if (calls != null) {
                    calls.add(test);
                }
            }
        }
    }

    /** The run's spool of calls, created with the first test that finishes with calls. */
    private synchronized CallsSpool spool() {
        if (spool == null && !spoolFailed) {
            try {
                spool = CallsSpool.open(directory);
            } catch (IOException | RuntimeException e) {
                spoolFailed = true; // report.json is then written whole at the end, as without a spool
            }
        }
        return spool;
    }

    private synchronized CallsSpool takeSpool() {
        CallsSpool taken = spool;
        spool = null;
        spoolFailed = false;
        return taken;
    }

    private void closeSpool() {
        close(takeSpool());
    }

    private static void close(CallsSpool taken) {
        if (taken != null) {
            try {
                taken.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "llmtest: could not delete the run report's temporary "
                        + "file of calls: " + e);
            }
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (executing) {
            executing = false;
            EXECUTING.decrementAndGet();
        }
        List<ReportedTest> reported = new ArrayList<>();
        synchronized (order) {
            order.forEach(id -> reported.add(tests.get(id)));
        }
        Preloads.clear();
        warmUp.stop();
        CallsSpool written = takeSpool();
        if (reported.isEmpty()) {
            close(written);
            return;
        }
        try {
            SinceBaseline since = BaselineSettings.since(baselineSetting, baselineAlpha, reported, this::warn);
            Reports.write(directory, reported, since, written);
            print(summary(reported, since));
        } catch (IOException | RuntimeException e) {
            String message = "llmtest: could not write the run report to " + directory + ": " + e
                    + " (the tests' results are not affected)";
            LOG.log(System.Logger.Level.WARNING, message);
            print("[llmtest] WARNING " + message);
        } finally {
            close(written);
        }
    }

    private void warn(String message) {
        LOG.log(System.Logger.Level.WARNING, message);
        print("[llmtest] WARNING " + message);
    }

    private void print(String line) {
        if (!quiet) {
            console.println(line);
        }
    }

    String summary(List<ReportedTest> reported) {
        return summary(reported, null);
    }

    /** The run in a few lines: counts, cost, the slowest calls, and only the significant differences. */
    String summary(List<ReportedTest> reported, SinceBaseline since) {
        List<ReportedCall> calls = new ArrayList<>();
        reported.forEach(t -> calls.addAll(t.calls));
        long replayed = calls.stream().filter(ReportedCall::replayed).count();
        long failed = reported.stream().filter(ReportedTest::failed).count();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "[llmtest] %d LLM call(s) in %d test(s): %d live, %d replayed "
                + "(recorded figures); %d test(s) failed%n", calls.size(), reported.size(), calls.size() - replayed,
                replayed, failed));
        Spending spent = Spending.sum(reported);
        if (spent.any()) {
            out.append("[llmtest] ").append(spent.sentence()).append(System.lineSeparator());
        }
        calls.stream().sorted(Comparator.comparingDouble((ReportedCall c) -> c.figures().total()).reversed())
                .limit(3).forEach(c -> out.append(String.format(Locale.ROOT, "[llmtest]   slow: %9s  %s call #%d "
                        + "%s%s (%s)%n", Durations.formatMillis(c.figures().total()), shortTest(c.test()), c.index(),
                        c.model(), c.entry.sample() == null ? "" : " " + SamplesEntry.label(c.entry.sample()),
                        c.replayed() ? "recorded" : "live")));
        Pairwise.console(reported).forEach(line -> out.append(line).append(System.lineSeparator()));
        if (since != null) {
            since.console().forEach(line -> out.append(line).append(System.lineSeparator()));
        }
        out.append("[llmtest] report: ").append(directory.resolve("report.html"));
        return out.toString();
    }

    /** A file's link from the report: relative when it is under the report's directory, else its file URI. */
    String link(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.startsWith(directory)) {
            return absolute.toUri().toString();
        }
        List<String> parts = new ArrayList<>();
        directory.relativize(absolute).forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }

    static String shortTest(String test) {
        return test.substring(test.lastIndexOf('.') + 1);
    }

}
