package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.fake.FakeOpenAi;
import io.github.llmtest.internal.report.CallEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The models of one {@code @CompareModels} test run ahead together in {@code live}, {@code record} and {@code auto}
 * modes (a plain comparison, one with {@code @LlmDataset}, one with {@code @Samples}), each on its own server's
 * pool; each invocation reports its own model; fixture files do not depend on the order answers came in; replay,
 * lifecycle methods that take an {@code Llm}, and {@code LlmServer} keep the models one after another.
 */
class ComparedModelsConcurrencyTest {

    private static final Pattern SUM = Pattern.compile("What is (\\d+) \\+ (\\d+)\\?");

    @TempDir
    Path fixtures;

    /** What each test body saw: "model on thread". */
    static final List<String> RAN = new CopyOnWriteArrayList<>();

    @LlmTest
    static class ThreeModels {
        @CompareModels({"phi4", "openai:gpt-4o", "openai:gpt-4o-mini"})
        void fibonacci(Llm llm) {
            RAN.add(llm.model() + " on " + Thread.currentThread().getName());
            LlmAnswer answer = llm.ask("Find the 20th Fibonacci number.");
            if (llm.model().endsWith("mini")) {
                throw new IllegalStateException("no parser for " + llm.model());
            }
            assertThat(answer).boxedAnswer().isEqualTo("6765");
        }
    }

    @LlmTest
    static class TwoModelsTwoCalls {
        @CompareModels({"phi4", "openai:gpt-4o"})
        void twoQuestions(Llm llm) {
            RAN.add(llm.model() + " on " + Thread.currentThread().getName());
            assertThat(llm.ask("What is 1 + 2?")).finalNumber().isEqualByComparingTo("3");
            assertThat(llm.ask("What is 2 + 2?")).finalNumber().isEqualByComparingTo("4");
        }
    }

    @LlmTest
    static class ComparedDataset {
        @CompareModels({"phi4", "openai:gpt-4o"})
        @LlmDataset("/datasets/twelve.jsonl")
        void solves(LlmCase c, Llm llm) {
            RAN.add(llm.model() + " " + c.id() + " on " + Thread.currentThread().getName());
            assertThat(llm.ask(c.text("question"))).finalNumber().isEqualByComparingTo(c.text("answer"));
        }
    }

    @LlmTest
    static class ComparedSamples {
        @CompareModels({"phi4", "openai:gpt-4o"})
        @Samples(2)
        void sums(Llm llm) {
            RAN.add(llm.model() + " on " + Thread.currentThread().getName());
            assertThat(llm.ask("What is 1 + 2?")).finalNumber().isEqualByComparingTo("3");
        }
    }

    @LlmTest
    static class SetUpWithAClient {
        String preparedFor;

        @BeforeEach
        void prepare(Llm llm) {
            preparedFor = llm.model();
        }

        @CompareModels({"phi4", "openai:gpt-4o"})
        void sums(Llm llm) {
            RAN.add(preparedFor + "=" + llm.model() + " on " + Thread.currentThread().getName());
            assertThat(llm.ask("What is 1 + 2?")).finalNumber().isEqualByComparingTo("3");
        }
    }

    @LlmTest
    static class SetUpWithoutAClient {
        static final List<String> PREPARED = new CopyOnWriteArrayList<>();

        @BeforeEach
        void prepare() {
            PREPARED.add(Thread.currentThread().getName());
        }

        @CompareModels({"phi4", "openai:gpt-4o"})
        void sums(Llm llm) {
            RAN.add(llm.model() + " on " + Thread.currentThread().getName());
            assertThat(llm.ask("What is 1 + 2?")).finalNumber().isEqualByComparingTo("3");
        }
    }

    @LlmTest
    static class WithAServer {
        @CompareModels({"phi4", "openai:gpt-4o"})
        void sums(Llm llm, LlmServer server) {
            RAN.add(llm.model() + " on " + Thread.currentThread().getName());
            assertThat(llm.ask("What is 1 + 2?")).finalNumber().isEqualByComparingTo("3");
        }
    }

    /**
     * An Ollama and an OpenAI-compatible server that answer "What is a + b?" with the boxed sum (anything else:
     * {@code \boxed{6765}} from Ollama, {@code \boxed{6764}} from the other), each request first passing
     * {@code hold}, which may keep it until something else has happened.
     */
    private static final class Servers implements AutoCloseable {
        final List<String> answered = new CopyOnWriteArrayList<>();
        final FakeOllama ollama;
        final FakeOpenAi openAi;

        Servers(Hold hold) {
            ollama = FakeOllama.start().answerWith(r -> answer(r, "phi4", "\\boxed{6765}", hold));
            openAi = FakeOpenAi.start().answerWith(r -> answer(r, "openai:" + r.path("model").asText(),
                    "\\boxed{6764}", hold));
        }

        private String answer(JsonNode request, String model, String otherwise, Hold hold) {
            JsonNode messages = request.path("messages");
            String question = messages.get(messages.size() - 1).path("content").asText();
            hold.hold(model, answered);
            answered.add(model + ": " + question);
            Matcher m = SUM.matcher(question);
            return m.find() ? "The sum is \\boxed{" + (Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)))
                    + "}." : otherwise;
        }

        Map<String, String> config(Path fixtures, String mode) {
            Map<String, String> config = Kit.config(ollama.url(), openAi.url(), fixtures, mode);
            return config;
        }

        @Override
        public void close() {
            ollama.close();
            openAi.close();
        }
    }

    /** What a server does with a request before it answers: it may keep it until something has happened. */
    @FunctionalInterface
    private interface Hold {
        /**
         * @param model    the model asked, {@code openai:} before the OpenAI-compatible ones
         * @param answered "model: question" of the answers sent so far
         */
        void hold(String model, List<String> answered);
    }

    /**
     * Holds each request until {@code parties} requests are in flight at once, or 5 s have passed, noting whether
     * they were: a run that sends them one after another leaves a false here.
     */
    private static final class AllInFlight implements Hold {
        final CountDownLatch latch;
        final List<Boolean> met = new CopyOnWriteArrayList<>();

        AllInFlight(int parties) {
            latch = new CountDownLatch(parties);
        }

        @Override
        public void hold(String model, List<String> answered) {
            latch.countDown();
            try {
                met.add(latch.await(5, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                met.add(false);
            }
        }

        /** The same, for the first request of each server only. */
        Hold firstOfEachServer() {
            java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            return (model, answered) -> {
                if (seen.add(model.startsWith("openai:") ? "openai" : "ollama")) {
                    hold(model, answered);
                }
            };
        }
    }

    /** Holds a request of {@code waiting} until {@code done} holds of the answers so far (5 s at most). */
    private static Hold until(Predicate<String> waiting, Predicate<List<String>> done) {
        return (model, answered) -> {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            try {
                while (waiting.test(model) && !done.test(answered) && System.nanoTime() < until) {
                    Thread.sleep(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void theModelsOfAComparisonAreInFlightTogetherEachReportingItsOwnOutcome() {
        RAN.clear();
        AllInFlight barrier = new AllInFlight(3);
        try (Servers servers = new Servers(barrier)) {
            EngineExecutionResults results = Kit.run(servers.config(fixtures, "record"), ThreeModels.class);

            assertThat(barrier.met).as("each call saw the two others in flight").containsExactly(true, true, true);
            assertThat(RAN).hasSize(3).allMatch(r -> r.contains(" on llmtest-models-"));
            results.testEvents().assertStatistics(s -> s.started(3).succeeded(1).failed(2));
            assertThat(outcome(results, "[phi4]").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
            assertThat(outcome(results, "[openai:gpt-4o]").getThrowable().orElseThrow())
                    .isInstanceOf(AssertionError.class).hasMessageContaining("boxed answer \"6764\"")
                    .hasMessageContaining("openai:gpt-4o").hasMessageNotContaining("mini");
            assertThat(outcome(results, "[openai:gpt-4o-mini]").getThrowable().orElseThrow())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("no parser for openai:gpt-4o-mini");
            assertThat(callsByTest(results)).as("each call reported on its own model's test").containsExactly(
                    "[phi4] phi4", "[openai:gpt-4o] openai:gpt-4o",
                    "[openai:gpt-4o-mini] openai:gpt-4o-mini");
        }
    }

    @Test
    void aComparedDatasetRunsEveryModelsCasesTogetherAtTheFirstInvocation() {
        RAN.clear();
        AllInFlight barrier = new AllInFlight(2);
        // the first request of each server waits for one of the other's: only models run together pass it
        try (Servers servers = new Servers(barrier.firstOfEachServer())) {
            EngineExecutionResults results = Kit.run(servers.config(fixtures, "record"), ComparedDataset.class);

            results.testEvents().assertStatistics(s -> s.started(24).succeeded(24));
            assertThat(barrier.met).containsExactly(true, true);
            assertThat(RAN).hasSize(24).allMatch(r -> r.contains(" on llmtest-dataset-"));
        }
        List<String> recorded = recorded(Kit.fixture(fixtures, ComparedDataset.class, "solves"));
        assertThat(recorded).hasSize(24);
        assertThat(recorded.subList(0, 12)).allMatch(r -> r.startsWith("phi4 "));
        assertThat(recorded.get(0)).isEqualTo("phi4 c1");
        assertThat(recorded.get(11)).isEqualTo("phi4 c12");
        assertThat(recorded.get(12)).isEqualTo("gpt-4o c1");
        assertThat(recorded.get(23)).isEqualTo("gpt-4o c12");
    }

    @Test
    void theComparedModelsSamplesAreInFlightTogether() {
        RAN.clear();
        AllInFlight barrier = new AllInFlight(2);
        try (Servers servers = new Servers(barrier.firstOfEachServer())) {
            EngineExecutionResults results = Kit.run(servers.config(fixtures, "record"), ComparedSamples.class);

            results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
            assertThat(barrier.met).containsExactly(true, true);
            assertThat(RAN).hasSize(4).allMatch(r -> r.contains(" on llmtest-models-"));
        }
        assertThat(recorded(Kit.fixture(fixtures, ComparedSamples.class, "sums")))
                .containsExactly("phi4 sample 0", "phi4 sample 1", "gpt-4o sample 0", "gpt-4o sample 1");
    }

    @Test
    void twoRecordingsWithAnswersInOppositeOrdersGiveTheSameFile() {
        String first;
        String second;
        List<String> firstOrder;
        List<String> secondOrder;
        // phi4 answers both its questions first; the other model's wait for them
        try (Servers servers = new Servers(until(m -> m.startsWith("openai:"), a -> a.size() >= 2))) {
            Kit.run(servers.config(fixtures, "record"), TwoModelsTwoCalls.class).testEvents()
                    .assertStatistics(s -> s.succeeded(2));
            first = Kit.withoutClockReadings(Kit.fixture(fixtures, TwoModelsTwoCalls.class, "twoQuestions"));
            firstOrder = List.copyOf(servers.answered);
        }
        // now the other model answers both first, phi4 waiting
        try (Servers servers = new Servers(until("phi4"::equals, a -> a.size() >= 2))) {
            Kit.run(servers.config(fixtures, "record"), TwoModelsTwoCalls.class).testEvents()
                    .assertStatistics(s -> s.succeeded(2));
            second = Kit.withoutClockReadings(Kit.fixture(fixtures, TwoModelsTwoCalls.class, "twoQuestions"));
            secondOrder = List.copyOf(servers.answered);
        }

        assertThat(firstOrder.get(0)).startsWith("phi4");
        assertThat(secondOrder.get(0)).startsWith("openai:gpt-4o");
        assertThat(recorded(Kit.fixture(fixtures, TwoModelsTwoCalls.class, "twoQuestions")))
                .containsExactly("phi4", "phi4", "gpt-4o", "gpt-4o");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void twoRecordingsOfAComparedDatasetWithAnswersInOppositeOrdersGiveTheSameFile() {
        Path file = Kit.fixture(fixtures, ComparedDataset.class, "solves");
        String first;
        // every phi4 case answers before any of the other model's
        try (Servers servers = new Servers(until(m -> m.startsWith("openai:"), a -> a.stream()
                .filter(answer -> answer.startsWith("phi4")).count() >= 12))) {
            Kit.run(servers.config(fixtures, "record"), ComparedDataset.class).testEvents()
                    .assertStatistics(s -> s.succeeded(24));
            assertThat(servers.answered.get(0)).startsWith("phi4");
            first = Kit.withoutClockReadings(file);
        }
        String second;
        // now every case of the other model answers first
        try (Servers servers = new Servers(until("phi4"::equals, a -> a.size() >= 12))) {
            Kit.run(servers.config(fixtures, "record"), ComparedDataset.class).testEvents()
                    .assertStatistics(s -> s.succeeded(24));
            assertThat(servers.answered.subList(0, 12)).allMatch(a -> a.startsWith("openai:gpt-4o"));
            second = Kit.withoutClockReadings(file);
        }

        assertThat(recorded(file)).startsWith("phi4 c1", "phi4 c2").endsWith("gpt-4o c11", "gpt-4o c12");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void replayRunsTheModelsOneAfterAnotherOnTheTestsThread() {
        try (Servers servers = new Servers((model, answered) -> { })) {
            Kit.run(servers.config(fixtures, "record"), ThreeModels.class).testEvents()
                    .assertStatistics(s -> s.succeeded(1).failed(2));
        }
        RAN.clear();

        EngineExecutionResults results = Kit.run(Kit.config("http://127.0.0.1:1", fixtures, "replay"),
                ThreeModels.class);

        results.testEvents().assertStatistics(s -> s.started(3).succeeded(1).failed(2));
        assertThat(RAN).extracting(r -> r.substring(0, r.indexOf(" on ")))
                .containsExactly("phi4", "openai:gpt-4o", "openai:gpt-4o-mini");
        assertThat(RAN).noneMatch(r -> r.contains("llmtest-"));
        assertThat(RAN.stream().map(r -> r.substring(r.indexOf(" on "))).distinct()).hasSize(1);
        assertThat(outcome(results, "[openai:gpt-4o]").getThrowable().orElseThrow())
                .hasMessageContaining("boxed answer \"6764\"");
    }

    @Test
    void aBeforeEachThatTakesAnLlmKeepsTheModelsOneAfterAnotherEachPreparedForItsOwn() {
        RAN.clear();
        try (Servers servers = new Servers((model, answered) -> { })) {
            Kit.run(servers.config(fixtures, "record"), SetUpWithAClient.class).testEvents()
                    .assertStatistics(s -> s.started(2).succeeded(2));
        }
        assertThat(RAN).extracting(r -> r.substring(0, r.indexOf(" on ")))
                .containsExactly("phi4=phi4", "openai:gpt-4o=openai:gpt-4o");
        assertThat(RAN).noneMatch(r -> r.contains("llmtest-models"));
    }

    @Test
    void aBeforeEachWithoutAClientRunsAroundEachModelsTestWhileTheBodiesRunAhead() {
        RAN.clear();
        SetUpWithoutAClient.PREPARED.clear();
        try (Servers servers = new Servers((model, answered) -> { })) {
            Kit.run(servers.config(fixtures, "record"), SetUpWithoutAClient.class).testEvents()
                    .assertStatistics(s -> s.started(2).succeeded(2));
        }
        assertThat(SetUpWithoutAClient.PREPARED).hasSize(2).noneMatch(t -> t.startsWith("llmtest-"));
        assertThat(RAN).hasSize(2).allMatch(r -> r.contains(" on llmtest-models-"));
    }

    @Test
    void aComparedTestThatTakesAnLlmServerRunsItsModelsOneAfterAnother() {
        RAN.clear();
        try (Servers servers = new Servers((model, answered) -> { })) {
            Kit.run(servers.config(fixtures, "record"), WithAServer.class).testEvents()
                    .assertStatistics(s -> s.started(2).succeeded(2));
        }
        assertThat(RAN).extracting(r -> r.substring(0, r.indexOf(" on ")))
                .containsExactly("phi4", "openai:gpt-4o");
        assertThat(RAN).noneMatch(r -> r.contains("llmtest-"));
    }

    /** A class whose {@code @BeforeEach} takes a client, with an inner class (as {@code @Nested} ones are). */
    static class Outer {
        @BeforeEach
        void prepare(Llm llm) {
            assertThat(llm).isNotNull();
        }

        /** Its tests get {@code Outer}'s {@code @BeforeEach} too. */
        class Inner {
        }

        /** A static nested class: {@code Outer}'s lifecycle methods are not its own. */
        static class Apart {
        }
    }

    @Test
    void aLifecycleMethodThatTakesAClientCountsInItsClassAndTheInnerClassesItRunsFor() {
        assertThat(ModelsAhead.lifecycleTakesAClient(SetUpWithAClient.class)).isTrue();
        assertThat(ModelsAhead.lifecycleTakesAClient(Outer.Inner.class)).isTrue();
        assertThat(ModelsAhead.lifecycleTakesAClient(Outer.Apart.class)).isFalse();
        assertThat(ModelsAhead.lifecycleTakesAClient(SetUpWithoutAClient.class)).isFalse();
        assertThat(ModelsAhead.lifecycleTakesAClient(WithAServer.class)).isFalse();
    }

    private static TestExecutionResult outcome(EngineExecutionResults results, String displayName) {
        return results.testEvents().finished().list().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().equals(displayName)).findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class);
    }

    /** "[display name] model" of every call entry, in the order published. */
    private static List<String> callsByTest(EngineExecutionResults results) {
        List<String> calls = new ArrayList<>();
        for (Event e : results.allEvents().reportingEntryPublished().list()) {
            String call = e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(CallEntry.KEY);
            if (call != null) {
                calls.add(e.getTestDescriptor().getDisplayName() + " " + Kit.json(call).path("model").asText());
            }
        }
        return calls;
    }

    /** "model", "model case" or "model sample n" of each recording, in file order. */
    private static List<String> recorded(Path file) {
        List<String> recorded = new ArrayList<>();
        Kit.read(file).path("interactions").forEach(i -> {
            JsonNode request = i.path("request");
            String model = request.path("model").asText();
            recorded.add(request.has("case") ? model + " " + request.path("case").asText()
                    : request.has("sample") ? model + " sample " + request.path("sample").asInt() : model);
        });
        return recorded;
    }
}
