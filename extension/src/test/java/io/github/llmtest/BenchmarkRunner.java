package io.github.llmtest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.answer.Answers;
import io.github.llmtest.answer.CaseTable;
import io.github.llmtest.answer.MathEquivalence;
import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.fixture.FixtureFile;
import io.github.llmtest.internal.ollama.OllamaClient;
import io.github.llmtest.internal.provider.ChatCall;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The benchmarks of docs/performance.md: replay overhead, extraction throughput and worst cases, client overhead,
 * writing the run report. Run with {@code mvn -B -pl extension -Pbenchmarks -DskipTests test}
 * ({@code -Dbenchmarks.only=report} for the run report's alone); not part of {@code mvn -B verify}.
 */
public final class BenchmarkRunner {

    static final String PROMPT = "question 0";
    static volatile int calls = 1;
    static volatile Object sink;

    private static final int[] FILE_SIZES = {1, 100, 1_000, 10_000};
    private static final int FEW = 200;
    private static final int MANY = 2_200;
    private static final int RUNS = 5;
    private final StringBuilder report = new StringBuilder();
    private final List<String> verdicts = new ArrayList<>();

    private BenchmarkRunner() {
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "target/benchmarks.md");
        BenchmarkRunner runner = new BenchmarkRunner();
        runner.machine();
        // -Dbenchmarks.only=report (or recording) runs one part, for a quick look while working on it
        String only = args.length > 1 ? args[1] : "all";
        if (only.equals("all")) {
            runner.replay();
            runner.extraction();
            runner.caseTables();
            runner.client();
            ServerBenchmark.run(runner.report, runner::verdict);
        }
        if (only.equals("all") || only.equals("recording")) {
            RecordingBenchmark.run(runner.report, runner::verdict);
        }
        if (only.equals("all") || only.equals("concurrency")) {
            io.github.llmtest.internal.openai.ConcurrencyBenchmark.run(runner.report, runner::verdict);
        }
        if (only.equals("all") || only.equals("report")) {
            io.github.llmtest.internal.report.ReportBenchmark.run(runner.report, runner::verdict);
        }
        runner.report.append("\n## Verdicts\n\n");
        runner.verdicts.forEach(v -> runner.report.append("- ").append(v).append('\n'));
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, runner.report.toString());
        System.out.println(runner.report);
        System.out.println("Written to " + output.toAbsolutePath());
        if (runner.verdicts.stream().anyMatch(v -> v.startsWith("MISSED"))) {
            System.exit(1);
        }
    }

    private void machine() {
        Runtime rt = Runtime.getRuntime();
        report.append("# llmtest benchmarks\n\n")
                .append("- machine: ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.arch")).append(", ").append(rt.availableProcessors())
                .append(" cores, max heap ").append(rt.maxMemory() / (1024 * 1024)).append(" MB\n")
                .append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append('\n')
                .append("- command: `mvn -B -pl extension -Pbenchmarks -DskipTests test`\n");
    }

    // ------------------------------------------------------------------------------------------- replay

    @LlmTest
    static class ReplayBench {
        static IntStream indexes() {
            return IntStream.range(0, calls);
        }

        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.MethodSource("indexes")
        void asks(int index, Llm llm) {
            sink = llm.ask(PROMPT).text();
        }
    }

    static class PlainBench {
        static final Map<String, String> ANSWERS = new HashMap<>(Map.of(PROMPT, "answer to " + PROMPT));

        static IntStream indexes() {
            return IntStream.range(0, calls);
        }

        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.MethodSource("indexes")
        void asks(int index) {
            sink = ANSWERS.get(("question " + (index - index)).strip());
        }
    }

    private void replay() throws Exception {
        report.append("\n## Replay overhead\n\nThe extra time of one `@LlmTest` call served from a fixture, against a "
                + "parameterized test doing a plain map lookup. Measured as the marginal cost per call between "
                + FEW + " and " + MANY + " calls per run (median of " + RUNS + " runs, after warm-up), so the one-time "
                + "file load is reported on its own.\n\n| interactions in the file | file size | one-time load | "
                + "replay overhead per call |\n|---:|---:|---:|---:|\n");
        PrintStream realOut = System.out;
        double worst = 0;
        double first = -1;
        for (int size : FILE_SIZES) {
            Path dir = Files.createTempDirectory("llmtest-bench");
            Path file = writeFixture(dir, size);
            long loadNanos = median(() -> time(() -> FixtureFile.load(file, "bench")));
            Map<String, String> config = Map.of(LlmTest.MODE_PARAMETER, "replay",
                    LlmTest.FIXTURES_DIR_PARAMETER, dir.toString(), LlmTest.URL_PARAMETER, "http://127.0.0.1:1",
                    LlmTest.REPORT_DIR_PARAMETER, dir.resolve("report").toString());
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            try {
                for (int warm = 0; warm < 3; warm++) {
                    launch(ReplayBench.class, config, MANY);
                    launch(PlainBench.class, Map.of(), MANY);
                }
                double replaySlope = (median(() -> launch(ReplayBench.class, config, MANY))
                        - median(() -> launch(ReplayBench.class, config, FEW))) / (double) (MANY - FEW);
                double plainSlope = (median(() -> launch(PlainBench.class, Map.of(), MANY))
                        - median(() -> launch(PlainBench.class, Map.of(), FEW))) / (double) (MANY - FEW);
                double overheadMs = (replaySlope - plainSlope) / 1e6;
                worst = Math.max(worst, overheadMs);
                first = first < 0 ? overheadMs : first;
                report.append(String.format(Locale.ROOT, "| %,d | %,d KB | %.1f ms | %.3f ms |%n", size,
                        Files.size(file) / 1024, loadNanos / 1e6, overheadMs));
            } finally {
                System.setOut(realOut);
            }
        }
        verdict(worst < 0.5, String.format(Locale.ROOT, "replay overhead under 0.5 ms per call: worst %.3f ms", worst));
        verdict(worst < Math.max(2 * first, first + 0.1), String.format(Locale.ROOT,
                "replay overhead flat from 1 to 10,000 interactions: %.3f ms at 1, worst %.3f ms", first, worst));
    }

    private static long launch(Class<?> testClass, Map<String, String> config, int count) {
        calls = count;
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .configurationParameters(config).build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        long started = System.nanoTime();
        LauncherFactory.create().execute(request, summary);
        long took = System.nanoTime() - started;
        if (summary.getSummary().getTestsSucceededCount() != count) {
            throw new IllegalStateException("benchmark run failed: " + summary.getSummary().getFailures().stream()
                    .map(f -> String.valueOf(f.getException())).findFirst().orElse("?"));
        }
        return took;
    }

    private static Path writeFixture(Path dir, int size) throws Exception {
        Path file = dir.resolve(ReplayBench.class.getName()).resolve("asks.json");
        Files.createDirectories(file.getParent());
        ObjectNode root = Jsons.object();
        root.put(FixtureFile.VERSION_FIELD, FixtureFile.FORMAT_VERSION);
        ArrayNode list = root.putArray("interactions");
        for (int i = 0; i < size; i++) {
            ChatCall chat = new ChatCall("phi4", List.of(Message.user("question " + i)), Llm.DEFAULT_OPTIONS, null);
            ObjectNode canonical;
            try (OllamaClient client = OllamaClient.builder().build()) {
                canonical = client.canonicalRequest(chat);
            }
            canonical.put("occurrence", 0);
            ObjectNode interaction = list.addObject();
            interaction.put("origin", "hand-written");
            interaction.set("request", canonical);
            interaction.putObject("response").put("text", "answer to question " + i + ". " + "Step. ".repeat(60)
                    + "\\boxed{" + i + "}");
            interaction.putObject("metrics").put("eval_count", 300).put("eval_duration", 10_000_000_000L);
            interaction.putObject("client").put("wall_time_ms", 10_500.0).put("first_token_ms", 180.0);
        }
        Files.writeString(file, Jsons.pretty(root));
        return file;
    }

    // ------------------------------------------------------------------------------------------- extraction

    private void extraction() throws Exception {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(realisticAnswer(i));
        }
        long bytes = answers.stream().mapToLong(a -> a.getBytes(StandardCharsets.UTF_8).length).sum();
        for (int warm = 0; warm < 200; warm++) {
            answers.forEach(BenchmarkRunner::extractAll);
        }
        long processed = 0;
        long started = System.nanoTime();
        while (System.nanoTime() - started < 2_000_000_000L) {
            answers.forEach(BenchmarkRunner::extractAll);
            processed += bytes;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double mbPerSecond = processed / seconds / (1024 * 1024);
        report.append(String.format(Locale.ROOT, "%n## Extraction%n%nThroughput of `boxed`, `finalAnswer`, "
                + "`finalNumericAnswer` and `choice` together on realistic answers (%d answers, %.1f KB each on "
                + "average): **%.1f MB/s**.%n%nWorst cases, all four functions on 1 MB of input, and how much longer "
                + "that takes than 256 KB (median of %d runs):%n%n| input | time | 1 MB / 256 KB |%n|---|---:|---:|%n",
                answers.size(), bytes / 1024.0 / answers.size(), mbPerSecond, RUNS));
        int mb = 1024 * 1024;
        Map<String, String> worst = new java.util.LinkedHashMap<>();
        worst.put("1 MB of `{`", "{".repeat(mb));
        worst.put("1 MB of digits and commas", "1,234,".repeat(mb / 6));
        worst.put("1 MB without any digit", "The answer is clear. ".repeat(mb / 21));
        worst.put("1 MB of `\\boxed{`", "\\boxed{".repeat(mb / 7));
        worst.put("1 MB of digits", "7".repeat(mb));
        worst.put("1 MB of commas between two boxes", "\\boxed{1}" + ",".repeat(mb) + "\\boxed{2}");
        worst.put("1 MB of ` and ` between two boxes", "\\boxed{1}" + " and".repeat(mb / 4) + "\\boxed{2}");
        worst.put("1 MB of `答案：`", "答案：".repeat(mb / 3));
        worst.put("1 MB of `$`", "$".repeat(mb));
        worst.put("1 MB of `not A, `", "not A, ".repeat(mb / 7));
        worst.put("1 MB of `</think>`", "</think>".repeat(mb / 8) + " B");
        worst.put("1 MB of boxes between short words", "\\boxed{1} apples and ".repeat(mb / 21));
        worst.put("1 MB of assignments", "x = 1 and ".repeat(mb / 10));
        worst.put("1 MB of digit groups with `\\,`", "1\\,".repeat(mb / 3));
        worst.put("1 MB of closed forms", "3\\sqrt{13}".repeat(mb / 10));
        worst.put("1 MB of `Réponse : il reste 2 `", "Réponse : il reste 2 ".repeat(mb / 21));
        double slowest = 0;
        double steepest = 0;
        for (Map.Entry<String, String> e : worst.entrySet()) {
            String full = e.getValue();
            String quarter = full.substring(0, full.length() / 4);
            for (int warm = 0; warm < 3; warm++) {
                extractAll(full);
                extractAll(quarter);
            }
            long nanos = median(() -> time(() -> extractAll(full)));
            long quarterNanos = Math.max(1, median(() -> time(() -> extractAll(quarter))));
            double growth = nanos / (double) quarterNanos;
            slowest = Math.max(slowest, nanos / 1e6);
            steepest = Math.max(steepest, nanos / 1e6 < 5 ? 0 : growth);
            report.append(String.format(Locale.ROOT, "| %s | %.1f ms | %.1f× |%n", e.getKey(), nanos / 1e6, growth));
        }
        report.append("\nA linear function takes about 4× as long on 1 MB as on 256 KB; a quadratic one, 16×.\n");
        verdict(steepest <= 8, String.format(Locale.ROOT, "worst-case answer checking linear (1 MB against 256 KB "
                + "at most 8×): steepest %.1f×", steepest));
        verdict(slowest < 1000, String.format(Locale.ROOT, "worst-case answer checking of 1 MB under 1 s for all "
                + "four functions: slowest %.1f ms", slowest));
    }

    private static void extractAll(String text) {
        sink = Answers.boxed(text);
        sink = Answers.finalAnswer(text);
        sink = Answers.finalNumericAnswer(text);
        sink = Answers.choice(text);
    }

    /** Every row of both case tables, as the tests run them: the cost of checking one case. */
    private void caseTables() throws Exception {
        List<Runnable> cases = new ArrayList<>();
        for (CaseTable.Row row : CaseTable.read("/extraction-cases.txt", 3)) {
            String input = row.cells().get(1).replace("\\n", "\n");
            cases.add(switch (row.cells().get(0)) {
                case "boxed" -> () -> sink = Answers.boxed(input);
                case "final" -> () -> sink = Answers.finalAnswer(input);
                case "choice", "choice10" -> () -> sink = Answers.choice(input, "ABCDEFGHIJ");
                case "parse" -> () -> sink = Answers.numericAnswer(input);
                default -> () -> sink = Answers.finalNumericAnswer(input);
            });
        }
        for (CaseTable.Row row : CaseTable.read("/equivalence-cases.txt", 3)) {
            String expected = row.cells().get(0);
            String actual = row.cells().get(1).strip();
            cases.add(() -> sink = MathEquivalence.DEFAULT.check(expected, actual));
            cases.add(() -> sink = MathEquivalence.DEFAULT.check(actual, expected));
        }
        for (int warm = 0; warm < 50; warm++) {
            cases.forEach(Runnable::run);
        }
        long nanos = median(() -> time(() -> cases.forEach(Runnable::run)));
        double perCase = nanos / 1e6 / cases.size();
        report.append(String.format(Locale.ROOT, "%nEvery case of the two case tables (%d checks: extraction rows "
                + "once, equivalence rows in both directions), median of %d runs: **%.3f ms per case** on average.%n",
                cases.size(), RUNS, perCase));
        verdict(perCase <= 0.05, String.format(Locale.ROOT, "answer checking at most 0.05 ms per case on average: "
                + "%.3f ms", perCase));
    }

    static String realisticAnswer(int seed) {
        StringBuilder out = new StringBuilder("To solve this, use the compound interest formula:\n\n\\[\nA = P \\left(1 + "
                + "\\frac{r}{n}\\right)^{nt}\n\\]\n\nwhere:\n- \\( P = 1{,}000{,}000 \\) dollars,\n- \\( r = 0.05 \\),\n"
                + "- \\( n = 2 \\),\n- \\( t = 10 \\).\n\n");
        int a = 1;
        int b = 1;
        for (int k = 3; k <= 20 + seed % 10; k++) {
            int c = a + b;
            out.append("- F(").append(k).append(") = ").append(a).append(" + ").append(b).append(" = ").append(c)
                    .append('\n');
            a = b;
            b = c;
        }
        out.append("\nNext, compute \\( (1.025)^{20} \\approx 1.638616 \\). Therefore the amount is ")
                .append("\\( 1{,}000{,}000 \\times 1.638616 = 1{,}638{,}616 \\) dollars, about **$1,638,6")
                .append(seed % 10).append("**.\n\n").append("Checking the steps once more: ".repeat(20))
                .append("\n\nThe final answer is \\boxed{").append(b).append("}.");
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------- client

    private void client() throws Exception {
        try (FakeOllama server = FakeOllama.start().answerWith(r -> "The 20th value is \\boxed{6765}.");
             OllamaClient client = OllamaClient.builder().baseUrl(server.url()).build()) {
            OkHttpClient raw = new OkHttpClient();
            ChatCall chat = new ChatCall("phi4", List.of(Message.user("fib")), Llm.DEFAULT_OPTIONS, null);
            ObjectNode wire = client.canonicalRequest(chat);
            wire.remove("endpoint");
            String body = wire.put("stream", true).toString();
            Request request = new Request.Builder().url(server.url() + "/api/chat")
                    .post(RequestBody.create(body, MediaType.get("application/json"))).build();
            Runnable viaRaw = () -> {
                try (Response response = raw.newCall(request).execute()) {
                    sink = response.body().string();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            };
            Runnable viaClient = () -> sink = client.chat(chat).text();
            for (int i = 0; i < 300; i++) {
                viaRaw.run();
                viaClient.run();
            }
            long[] rawTimes = new long[1000];
            long[] clientTimes = new long[1000];
            for (int i = 0; i < 1000; i++) {
                rawTimes[i] = time(viaRaw);
                clientTimes[i] = time(viaClient);
            }
            double rawMs = medianOf(rawTimes) / 1e6;
            double clientMs = medianOf(clientTimes) / 1e6;
            double overhead = clientMs - rawMs;
            report.append(String.format(Locale.ROOT, "%n## Client overhead%n%n`OllamaClient.chat` (streamed, "
                    + "parsed, metrics read) against a raw OkHttp call that posts the same body to the same in-process "
                    + "server and reads the whole NDJSON body as text (median of 1,000 requests each, after 300 warm-up "
                    + "requests):%n%n| call | median per request |%n|---|---:|%n| raw OkHttp | %.3f ms |%n"
                    + "| OllamaClient | %.3f ms |%n| overhead | %.3f ms |%n", rawMs, clientMs, overhead));
            verdict(overhead < 1.0, String.format(Locale.ROOT, "client overhead under 1 ms per request: %.3f ms",
                    overhead));
            raw.dispatcher().executorService().shutdown();
            raw.connectionPool().evictAll();
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    private interface Timed {
        long run() throws Exception;
    }

    private static long median(Timed timed) throws Exception {
        long[] samples = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            samples[i] = timed.run();
        }
        return medianOf(samples);
    }

    private static long medianOf(long[] samples) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long time(Runnable work) {
        long started = System.nanoTime();
        work.run();
        return System.nanoTime() - started;
    }

    private void verdict(boolean met, String text) {
        verdicts.add((met ? "MET: " : "MISSED: ") + text);
    }
}
