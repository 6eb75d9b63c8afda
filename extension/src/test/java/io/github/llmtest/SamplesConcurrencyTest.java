package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.fake.FakeOpenAi;
import io.github.llmtest.internal.report.CallEntry;
import io.github.llmtest.internal.report.SamplesEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The samples of a {@code @Samples} test are sent concurrently when recording, bounded by the provider. */
class SamplesConcurrencyTest {

    /** The most requests an OpenAI-compatible server gets at once from one run ({@code HttpTransport}'s limit). */
    private static final int OPENAI_LIMIT = 4;
    private static final int SEED = 42;

    @TempDir
    Path fixtures;

    static final List<String> THREADS = new CopyOnWriteArrayList<>();

    /** Eight samples; the fake answers right for even seeds, so four pass. */
    @LlmTest(model = "openai:gpt-4o")
    static class Eight {
        @org.junit.jupiter.api.Test
        @Samples(value = 8, minPassRate = 0.5)
        void picks(Llm llm) {
            THREADS.add(Thread.currentThread().getName());
            assertThat(llm.ask("pick a number")).boxedAnswer().isEqualTo("5");
        }
    }

    /**
     * Answers by the request's seed, counting the requests in flight and noting the order answers leave in. A
     * request waits (a while at most) until {@code mayAnswer} lets its sample answer: with the answered so far,
     * this decides the order answers arrive in.
     */
    private static final class CountingServer implements AutoCloseable {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final List<Integer> answered = new CopyOnWriteArrayList<>();
        final FakeOpenAi server = FakeOpenAi.start().answerWith(this::answer);
        private final IntPredicate mayAnswer;

        CountingServer(java.util.function.BiPredicate<Integer, List<Integer>> mayAnswer) {
            this.mayAnswer = sample -> mayAnswer.test(sample, answered);
        }

        private String answer(JsonNode request) {
            int sample = request.path("seed").asInt() - SEED;
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                while (!mayAnswer.test(sample) && System.nanoTime() < until) {
                    Thread.sleep(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                now.decrementAndGet();
            }
            answered.add(sample);
            return sample % 2 == 0 ? "So \\boxed{5}." : "So \\boxed{4}.";
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** Holds each request until the provider's limit of them is in flight, or all are. */
    private static CountingServer untilFull() {
        CountingServer[] self = new CountingServer[1];
        self[0] = new CountingServer((sample, answered) -> self[0].now.get() >= OPENAI_LIMIT
                || answered.size() >= 8 - OPENAI_LIMIT);
        return self[0];
    }

    private EngineExecutionResults run(String mode, String url) {
        Map<String, String> config = Kit.config("http://127.0.0.1:1", url, fixtures, mode);
        return Kit.run(config, Eight.class);
    }

    @Test
    void recordingSendsTheSamplesConcurrentlyButNeverMoreThanTheProvidersLimit() {
        THREADS.clear();
        try (CountingServer counting = untilFull()) {
            EngineExecutionResults results = run("record", counting.server.url());

            results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
            assertThat(counting.server.chats()).hasSize(8);
            assertThat(counting.most.get()).isEqualTo(OPENAI_LIMIT);
            assertThat(THREADS).hasSize(8).allMatch(t -> t.startsWith("llmtest-samples-"));
            assertThat(THREADS.stream().distinct().count()).isGreaterThan(1).isLessThanOrEqualTo(OPENAI_LIMIT);
            JsonNode entry = entry(results, SamplesEntry.KEY);
            assertThat(entry.path("passed").asInt()).isEqualTo(4);
            assertThat(entry.path("failed_samples")).extracting(JsonNode::asInt).containsExactly(1, 3, 5, 7);
            assertThat(calls(results)).as("each sample's call reported on the test, in sample order")
                    .extracting(c -> c.path("sample").asInt()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        }
    }

    @Test
    void aFailingSampleIsNamedAsWhenTheyRanOneAfterAnother() {
        try (CountingServer counting = untilFull()) {
            Map<String, String> config = Kit.config("http://127.0.0.1:1", counting.server.url(), fixtures, "live");
            EngineExecutionResults results = Kit.run(config, EightAtSeventyFive.class);

            results.testEvents().assertStatistics(s -> s.failed(1));
            assertThat(Kit.failureMessage(results))
                    .contains("@Samples: 4 of 8 samples passed (50%")
                    .contains("sample 2 (seed offset +1): [boxed answer \"4\"")
                    .contains("sample 8 (seed offset +7)")
                    .doesNotContain("sample 1 ", "sample 3 ");
        }
    }

    @LlmTest(model = "openai:gpt-4o")
    static class EightAtSeventyFive {
        @org.junit.jupiter.api.Test
        @Samples(value = 8, minPassRate = 0.75)
        void picks(Llm llm) {
            assertThat(llm.ask("pick a number")).boxedAnswer().isEqualTo("5");
        }
    }

    @Test
    void theRecordedFileHoldsTheSamplesInOrderAndIsTheSameWhateverOrderTheAnswersCameIn() {
        String first;
        List<Integer> firstOrder;
        // the first sample answers first, the others after it
        try (CountingServer counting = new CountingServer((sample, answered) -> sample == 0
                || answered.contains(0))) {
            run("record", counting.server.url()).testEvents().assertStatistics(s -> s.succeeded(1));
            first = Kit.withoutClockReadings(Kit.fixture(fixtures, Eight.class, "picks"));
            firstOrder = counting.answered;
        }
        String second;
        List<Integer> secondOrder;
        // the first sample answers last of those in flight: once three others have answered
        try (CountingServer counting = new CountingServer((sample, answered) -> sample != 0
                || answered.size() >= OPENAI_LIMIT - 1)) {
            run("record", counting.server.url()).testEvents().assertStatistics(s -> s.succeeded(1));
            second = Kit.withoutClockReadings(Kit.fixture(fixtures, Eight.class, "picks"));
            secondOrder = counting.answered;
        }

        assertThat(firstOrder.get(0)).isZero();
        assertThat(secondOrder.get(0)).isNotZero();
        List<Integer> samples = new ArrayList<>();
        Kit.read(Kit.fixture(fixtures, Eight.class, "picks")).path("interactions")
                .forEach(i -> samples.add(i.path("request").path("sample").asInt()));
        assertThat(samples).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(second).isEqualTo(first);
    }

    @LlmTest
    static class Compared {
        @CompareModels({"openai:gpt-4o", "openai:gpt-4o-mini"})
        @Samples(value = 4, minPassRate = 0.5)
        void picks(Llm llm) {
            THREADS.add(Thread.currentThread().getName());
            assertThat(llm.ask("pick a number")).boxedAnswer().isEqualTo("5");
        }
    }

    @Test
    void theComparedModelsSampleTogetherAndRecordModelAfterModelInSampleOrder() {
        THREADS.clear();
        try (CountingServer counting = untilFull()) {
            Map<String, String> config = Kit.config("http://127.0.0.1:1", counting.server.url(), fixtures, "record");
            EngineExecutionResults results = Kit.run(config, Compared.class);

            results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
            assertThat(counting.most.get()).isEqualTo(OPENAI_LIMIT);
            // both models' samples ran ahead at the first model's invocation, on one pool for their one server
            assertThat(THREADS).hasSize(8).allMatch(t -> t.startsWith("llmtest-models-"));
        }
        List<String> recorded = new ArrayList<>();
        Kit.read(Kit.fixture(fixtures, Compared.class, "picks")).path("interactions").forEach(i -> recorded.add(
                i.path("request").path("model").asText() + " " + i.path("request").path("sample").asInt()));
        assertThat(recorded).containsExactly("gpt-4o 0", "gpt-4o 1", "gpt-4o 2", "gpt-4o 3", "gpt-4o-mini 0",
                "gpt-4o-mini 1", "gpt-4o-mini 2", "gpt-4o-mini 3");
    }

    @Test
    void replayRunsTheSamplesOneAfterAnotherOnTheTestsThread() {
        try (CountingServer counting = untilFull()) {
            run("record", counting.server.url()).testEvents().assertStatistics(s -> s.succeeded(1));
        }
        THREADS.clear();

        EngineExecutionResults replayed = run("replay", "http://127.0.0.1:1/v1");

        replayed.testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(THREADS).hasSize(8).noneMatch(t -> t.startsWith("llmtest-samples"));
        assertThat(THREADS.stream().distinct()).hasSize(1);
        assertThat(entry(replayed, SamplesEntry.KEY).path("passed").asInt()).isEqualTo(4);
        assertThat(calls(replayed)).extracting(c -> c.path("sample").asInt()).containsExactly(0, 1, 2, 3, 4, 5, 6,
                7);
    }

    private static List<JsonNode> calls(EngineExecutionResults results) {
        return results.allEvents().reportingEntryPublished().list().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(CallEntry.KEY))
                .filter(Objects::nonNull).map(Kit::json).toList();
    }

    private static JsonNode entry(EngineExecutionResults results, String key) {
        return results.allEvents().reportingEntryPublished().list().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(key))
                .filter(Objects::nonNull).map(Kit::json).findFirst().orElseThrow();
    }
}
