package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.fake.FakeOpenAi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The cases of a dataset are sent concurrently when recording, bounded by the provider, and recorded in order. */
class DatasetConcurrencyTest {

    private static final Pattern SUM = Pattern.compile("What is (\\d+) \\+ (\\d+)\\?");
    /** The most requests an OpenAI-compatible server gets at once from one run ({@code HttpTransport}'s limit). */
    private static final int OPENAI_LIMIT = 4;

    @TempDir
    Path fixtures;

    static final List<String> RAN = new CopyOnWriteArrayList<>();

    @LlmTest(model = "openai:gpt-4o")
    static class Twelve {
        @LlmDataset("/datasets/twelve.jsonl")
        void solves(LlmCase c, Llm llm) {
            RAN.add(c.id() + " on " + Thread.currentThread().getName());
            assertThat(llm.ask(c.text("question"))).finalNumber().isEqualByComparingTo(c.text("answer"));
        }
    }

    /**
     * Answers "What is a + b?" with the boxed sum, counting the requests in flight: each request is held until the
     * provider's limit of them is in flight (or a while has passed), so that a run that sends them concurrently
     * shows it whatever the machine's speed.
     */
    private static final class CountingServer implements AutoCloseable {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final FakeOpenAi server = FakeOpenAi.start().answerWith(this::answer);

        private String answer(JsonNode request) {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
                while (now.get() < OPENAI_LIMIT && System.nanoTime() < until) {
                    Thread.sleep(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                now.decrementAndGet();
            }
            JsonNode messages = request.path("messages");
            Matcher m = SUM.matcher(messages.get(messages.size() - 1).path("content").asText());
            return m.find() ? "The sum is \\boxed{" + (Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)))
                    + "}." : "I do not know.";
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private EngineExecutionResults record(CountingServer counting) {
        Map<String, String> config = Kit.config("http://127.0.0.1:1", counting.server.url(), fixtures, "record");
        return Kit.run(config, Twelve.class);
    }

    @Test
    void recordingSendsTheCasesConcurrentlyButNeverMoreThanTheProvidersLimit() {
        RAN.clear();
        try (CountingServer counting = new CountingServer()) {
            EngineExecutionResults results = record(counting);

            // the pool is no larger than the provider's limit, so no case waits on a slot until its call timeout
            assertThat(RAN.stream().map(r -> r.substring(r.indexOf(" on ") + 4)).distinct().count())
                    .isGreaterThan(1).isLessThanOrEqualTo(OPENAI_LIMIT);
            results.testEvents().assertStatistics(s -> s.started(12).succeeded(12));
            assertThat(counting.server.chats()).hasSize(12);
            assertThat(counting.most.get()).isGreaterThan(1).isLessThanOrEqualTo(OPENAI_LIMIT);
        }
    }

    @Test
    void theRecordedFileHoldsTheCasesInDatasetOrderAndIsTheSameOnEveryRecording() {
        String first;
        try (CountingServer counting = new CountingServer()) {
            record(counting).testEvents().assertStatistics(s -> s.succeeded(12));
            first = Kit.withoutClockReadings(Kit.fixture(fixtures, Twelve.class, "solves"));
        }
        String second;
        try (CountingServer counting = new CountingServer()) {
            record(counting).testEvents().assertStatistics(s -> s.succeeded(12));
            second = Kit.withoutClockReadings(Kit.fixture(fixtures, Twelve.class, "solves"));
        }

        List<String> cases = new ArrayList<>();
        Kit.read(Kit.fixture(fixtures, Twelve.class, "solves")).path("interactions")
                .forEach(i -> cases.add(i.path("request").path("case").asText()));
        assertThat(cases).containsExactly("c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11",
                "c12");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void replayRunsTheCasesOneAfterAnotherInDatasetOrderOnTheTestsThread() {
        try (CountingServer counting = new CountingServer()) {
            record(counting).testEvents().assertStatistics(s -> s.succeeded(12));
        }
        RAN.clear();

        Map<String, String> config = Kit.config("http://127.0.0.1:1", "http://127.0.0.1:1/v1", fixtures, "replay");
        Kit.run(config, Twelve.class).testEvents().assertStatistics(s -> s.succeeded(12));

        String thread = RAN.get(0).substring(RAN.get(0).indexOf(" on "));
        assertThat(thread).doesNotContain("llmtest-dataset");
        assertThat(RAN).containsExactly("c1" + thread, "c2" + thread, "c3" + thread, "c4" + thread, "c5" + thread,
                "c6" + thread, "c7" + thread, "c8" + thread, "c9" + thread, "c10" + thread, "c11" + thread,
                "c12" + thread);
    }

    @Test
    void aParallelismBelowOneIsRefusedNamingTheSetting() {
        Map<String, String> config = Kit.config("http://127.0.0.1:1", fixtures, "record");
        config.put(LlmDataset.PARALLELISM_PARAMETER, "0");

        EngineExecutionResults results = Kit.run(config, Twelve.class);

        results.testEvents().assertStatistics(s -> s.started(0));
        Throwable refused = results.containerEvents().failed().list().get(0)
                .getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow();
        assertThat(refused).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining(LlmDataset.PARALLELISM_PARAMETER + " must be a whole number of cases run at "
                        + "once, at least 1, but was \"0\"");
    }
}
