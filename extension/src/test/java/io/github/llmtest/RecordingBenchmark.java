package io.github.llmtest;

import io.github.llmtest.fake.FakeOllama;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Recording at scale (issue 38): a class of parameterized tests making {@link #CALLS} calls in all (100 per
 * invocation, all into the method's one fixture file) against an in-process stand-in that answers at once, run in
 * live, record and auto mode, through {@link Llm} and through {@link LlmServer}. Recording may cost at most 1.5× live
 * mode's time, and the time of the last block of 1,000 recorded calls at most 1.2× the first's. Part of
 * {@link BenchmarkRunner}; {@code -Dllmtest.bench.recordings=N} runs N calls instead of 10,000, and
 * {@code -Dllmtest.bench.via=Llm} (or {@code LlmServer}) one of the two.
 */
final class RecordingBenchmark {

    static final int CALLS = Integer.getInteger("llmtest.bench.recordings", 10_000);
    static final int PER_TEST = 100;
    static final int BLOCK = 1_000;
    static final int WARM_UP = 2_000;
    static final int RUNS = 3;
    static final OkHttpClient HTTP = new OkHttpClient();
    static final MediaType JSON = MediaType.get("application/json");

    /** The calls of the current run; each test invocation makes {@link #PER_TEST} of them. */
    static volatile int total;
    /** {@code System.nanoTime()} after each call of the current run. */
    static volatile long[] stamps;
    static final AtomicInteger DONE = new AtomicInteger();

    private RecordingBenchmark() {
    }

    static IntStream tests() {
        return IntStream.range(0, total / PER_TEST);
    }

    static void done() {
        stamps[DONE.getAndIncrement()] = System.nanoTime();
    }

    @LlmTest
    static class Asks {
        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.MethodSource("io.github.llmtest.RecordingBenchmark#tests")
        void asks(int test, Llm llm) {
            for (int i = 0; i < PER_TEST; i++) {
                BenchmarkRunner.sink = llm.ask("Question " + (test * PER_TEST + i) + " of the dataset: what is "
                        + i + " + " + test + "?").text();
                done();
            }
        }
    }

    @LlmTest
    static class ServerAsks {
        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.MethodSource("io.github.llmtest.RecordingBenchmark#tests")
        void asks(int test, LlmServer server) {
            for (int i = 0; i < PER_TEST; i++) {
                String body = "{\"model\":\"phi4\",\"stream\":false,\"options\":{\"temperature\":0},\"messages\":"
                        + "[{\"role\":\"user\",\"content\":\"Question " + (test * PER_TEST + i)
                        + " of the dataset: what is " + i + " + " + test + "?\"}]}";
                Request request = new Request.Builder().url(server.ollamaUrl() + "/api/chat")
                        .post(RequestBody.create(body, JSON)).build();
                try (Response response = HTTP.newCall(request).execute()) {
                    if (response.code() != 200) {
                        throw new IllegalStateException("HTTP " + response.code() + ": " + response.body().string());
                    }
                    BenchmarkRunner.sink = response.body().string();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                done();
            }
        }
    }

    /** One run: its whole time and the time of each block of {@link #BLOCK} calls. */
    record Run(long nanos, double[] blockMillis, double tailMillis) {
        double firstBlock() {
            return blockMillis[0];
        }

        double lastBlock() {
            return blockMillis[blockMillis.length - 1];
        }
    }

    static void run(StringBuilder report, BiConsumer<Boolean, String> verdict) throws Exception {
        report.append(String.format(Locale.ROOT, "%n## Recording at scale%n%nOne class of %,d parameterized tests "
                + "making %d calls each (%,d calls, all into the method's one fixture file), against an in-process "
                + "stand-in that answers at once; the same calls in live mode (nothing written), record mode (a new "
                + "file, written when the class is done) and auto mode (starting without a file, every call "
                + "recorded). Times include the class's fixture write and the run report; median of %d runs after "
                + "warm-up. A block is %,d calls in a row.%n%n| calls through | mode | whole run | per call | against "
                + "live | first block | last block | last / first | after the last call |%n|---|---|---:|---:|---:|---:|---:|---:|---:|%n",
                CALLS / PER_TEST, PER_TEST, CALLS, RUNS, BLOCK));
        try (FakeOllama upstream = FakeOllama.start().answerWith(r -> "The answer is \\boxed{42}.")) {
            for (Class<?> testClass : new Class<?>[] {Asks.class, ServerAsks.class}) {
                String via = testClass == Asks.class ? "`Llm`" : "`LlmServer`";
                String only = System.getProperty("llmtest.bench.via"); // Llm or LlmServer: that one alone
                if (only != null && !via.equals("`" + only + "`")) {
                    continue;
                }
                for (String mode : new String[] {"live", "record", "auto"}) {
                    launch(testClass, mode, upstream, WARM_UP);
                }
                Map<String, Run> runs = medians(testClass, upstream);
                Run live = runs.get("live");
                row(report, via, "live", live, live);
                for (String mode : new String[] {"record", "auto"}) {
                    Run recorded = runs.get(mode);
                    row(report, via, mode, recorded, live);
                    double ratio = recorded.nanos() / (double) live.nanos();
                    double flat = recorded.lastBlock() / recorded.firstBlock();
                    verdict.accept(ratio <= 1.5, String.format(Locale.ROOT, "%s: %s mode records %,d calls in at "
                            + "most 1.5× live mode's time: %.2f×", via, mode, CALLS, ratio));
                    verdict.accept(flat <= 1.2, String.format(Locale.ROOT, "%s: %s mode's last block of %,d calls "
                            + "at most 1.2× its first: %.2f×", via, mode, BLOCK, flat));
                }
                upstream.clearRequests();
            }
        }
    }

    private static void row(StringBuilder report, String via, String mode, Run run, Run live) {
        report.append(String.format(Locale.ROOT, "| %s | %s | %.2f s | %.3f ms | %.2f× | %.0f ms | %.0f ms | %.2f× "
                + "| %.0f ms |%n", via, mode, run.nanos() / 1e9, run.nanos() / 1e6 / CALLS,
                run.nanos() / (double) live.nanos(), run.firstBlock(), run.lastBlock(),
                run.lastBlock() / run.firstBlock(), run.tailMillis()));
    }

    /**
     * Each mode's run of median whole time among {@link #RUNS}, its blocks that run's own. The modes take turns, so
     * that a machine busy with other work for a while slows them alike.
     */
    private static Map<String, Run> medians(Class<?> testClass, FakeOllama upstream) throws Exception {
        String[] modes = {"live", "record", "auto"};
        Run[][] runs = new Run[modes.length][RUNS];
        for (int i = 0; i < RUNS; i++) {
            for (int m = 0; m < modes.length; m++) {
                runs[m][i] = launch(testClass, modes[m], upstream, CALLS);
                upstream.clearRequests();
            }
        }
        Map<String, Run> medians = new java.util.HashMap<>();
        for (int m = 0; m < modes.length; m++) {
            java.util.Arrays.sort(runs[m], java.util.Comparator.comparingLong(Run::nanos));
            medians.put(modes[m], runs[m][RUNS / 2]);
        }
        return medians;
    }

    private static Run launch(Class<?> testClass, String mode, FakeOllama upstream, int calls) throws Exception {
        Path dir = Files.createTempDirectory("llmtest-recording-bench");
        total = calls;
        stamps = new long[calls];
        DONE.set(0);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .configurationParameters(Map.of(LlmTest.MODE_PARAMETER, mode, LlmTest.FIXTURES_DIR_PARAMETER,
                        dir.resolve("fixtures").toString(), LlmTest.URL_PARAMETER, upstream.url(),
                        LlmTest.REPORT_DIR_PARAMETER, dir.resolve("report").toString()))
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        PrintStream realOut = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        long started = System.nanoTime();
        try {
            LauncherFactory.create().execute(request, summary);
        } finally {
            System.setOut(realOut);
        }
        long took = System.nanoTime() - started;
        if (summary.getSummary().getTestsSucceededCount() != calls / PER_TEST
                || summary.getSummary().getTotalFailureCount() != 0 || DONE.get() != calls) {
            throw new IllegalStateException("the recording benchmark failed (" + testClass.getSimpleName() + ", "
                    + mode + "): " + summary.getSummary().getFailures().stream()
                    .map(f -> String.valueOf(f.getException())).findFirst().orElse("?"));
        }
        if (!mode.equals("live")) {
            Path file = dir.resolve("fixtures").resolve(testClass.getName()).resolve("asks.json");
            int recorded = Kit.read(file).path("interactions").size();
            if (recorded != calls) {
                throw new IllegalStateException(mode + " mode wrote " + recorded + " of " + calls + " recordings");
            }
        }
        double[] blocks = new double[calls / BLOCK];
        for (int b = 0; b < blocks.length; b++) {
            // the first block starts at the end of the first call (JUnit's start-up is not a recording's cost)
            long from = stamps[Math.max(0, b * BLOCK - 1)];
            int callsIn = b == 0 ? BLOCK - 1 : BLOCK;
            blocks[b] = (stamps[(b + 1) * BLOCK - 1] - from) / 1e6 * BLOCK / callsIn;
        }
        delete(dir);
        return new Run(took, blocks, (started + took - stamps[calls - 1]) / 1e6);
    }

    private static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
