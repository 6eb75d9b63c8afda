package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RecordReplayTest {

    static final List<LlmAnswer> ANSWERS = new CopyOnWriteArrayList<>();

    @TempDir
    Path fixtures;
    FakeOllama server;
    final AtomicInteger served = new AtomicInteger();

    @BeforeEach
    void start() {
        ANSWERS.clear();
        server = FakeOllama.start()
                .answerWith(request -> "Answer #" + served.incrementAndGet() + " to: "
                        + request.path("messages").get(request.path("messages").size() - 1).path("content").asText());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    EngineExecutionResults run(String mode, Class<?>... classes) {
        return Kit.run(Kit.config(server.url(), fixtures, mode), classes);
    }

    @LlmTest
    static class OneQuestion {
        @org.junit.jupiter.api.Test
        void fibonacci(Llm llm) {
            ANSWERS.add(llm.ask("Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ..."));
        }
    }

    @Test
    void autoRecordsWhatIsMissingThenReplaysItWithoutTheServer() {
        run("auto", OneQuestion.class).testEvents().assertStatistics(s -> s.succeeded(1));
        Path file = Kit.fixture(fixtures, OneQuestion.class, "fibonacci");
        assertThat(file).exists();
        assertThat(ANSWERS.get(0).replayed()).isFalse();
        String recorded = ANSWERS.get(0).text();

        server.close();
        ANSWERS.clear();
        run("replay", OneQuestion.class).testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(ANSWERS.get(0).replayed()).isTrue();
        assertThat(ANSWERS.get(0).text()).isEqualTo(recorded);
        assertThat(ANSWERS.get(0).recordedAt()).isPresent();
        assertThat(ANSWERS.get(0).provenance()).startsWith("replayed: recorded ");
    }

    @Test
    void autoDoesNotCallTheModelForWhatIsRecorded() {
        run("auto", OneQuestion.class);
        server.clearRequests();

        run("auto", OneQuestion.class).testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(server.generations()).isEmpty();
        assertThat(ANSWERS.get(1).replayed()).isTrue();
    }

    @Test
    void theFixtureIsReadableWithAStableKeyOrderAndEverythingThatWasRecorded() throws Exception {
        run("record", OneQuestion.class);

        Path file = Kit.fixture(fixtures, OneQuestion.class, "fibonacci");
        String text = Files.readString(file);
        JsonNode root = Kit.read(file);
        assertThat(root.path("llmtest_fixture_version").asInt()).isEqualTo(1);
        assertThat(root.path("test").asText()).isEqualTo(OneQuestion.class.getName() + "#fibonacci");
        JsonNode interaction = root.path("interactions").get(0);
        List<String> fields = names(interaction.fieldNames());
        assertThat(fields).containsExactly("key", "origin", "recorded_at", "model_digest", "ollama_version",
                "request", "response", "metrics", "client");
        assertThat(interaction.path("origin").asText()).isEqualTo("recorded");
        assertThat(interaction.path("model_digest").asText()).startsWith("ac896e5b8b34");
        assertThat(interaction.path("ollama_version").asText()).isEqualTo("0.12.6");
        JsonNode request = interaction.path("request");
        assertThat(request.path("endpoint").asText()).isEqualTo("/api/chat");
        assertThat(request.path("model").asText()).isEqualTo("phi4");
        assertThat(request.path("messages").get(0).path("content").asText()).startsWith("Find the 20th value");
        assertThat(request.path("options").path("temperature").asDouble(-1)).isZero();
        assertThat(request.path("options").path("seed").asInt()).isEqualTo(42);
        assertThat(request.path("options").path("num_ctx").asInt()).isEqualTo(4096);
        assertThat(request.path("occurrence").asInt()).isZero();
        assertThat(interaction.path("response").path("text").asText()).startsWith("Answer #1");
        assertThat(interaction.path("metrics").path("eval_count").isNumber()).isTrue();
        assertThat(interaction.path("client").path("wall_time_ms").isNumber()).isTrue();
        assertThat(text).contains("\n  \"interactions\" : [").doesNotContain("\r");
    }

    @Test
    void replayMissNamesTestModelPromptOptionsFileAndTheRecordCommand() {
        EngineExecutionResults results = run("replay", OneQuestion.class);

        results.testEvents().assertStatistics(s -> s.failed(1));
        Throwable failure = Kit.failure(results);
        assertThat(failure).isInstanceOf(FixtureException.class);
        assertThat(failure.getMessage())
                .contains(OneQuestion.class.getName() + "#fibonacci")
                .contains("model:   phi4")
                .contains("Find the 20th value of the sequence")
                .contains("\"temperature\":0")
                .contains(Kit.fixture(fixtures, OneQuestion.class, "fibonacci").toString())
                .contains("mvn test -Dtest='RecordReplayTest$OneQuestion#fibonacci' -Dllmtest.mode=record");
        assertThat(server.generations()).as("replay never calls the model").isEmpty();
    }

    @LlmTest
    static class ChangedOptions {
        @org.junit.jupiter.api.Test
        void fibonacci(Llm llm) {
            ANSWERS.add(llm.withOptions(Options.builder().temperature(0.7).build())
                    .ask("Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ..."));
        }
    }

    @Test
    void aChangedOptionIsAMissThatSaysWhatDiffers() throws Exception {
        run("record", OneQuestion.class);
        Path recorded = Kit.fixture(fixtures, OneQuestion.class, "fibonacci");
        Path target = Kit.fixture(fixtures, ChangedOptions.class, "fibonacci");
        Files.createDirectories(target.getParent());
        Files.copy(recorded, target);

        EngineExecutionResults results = run("replay", ChangedOptions.class);

        assertThat(Kit.failureMessage(results)).contains("(1 recording;")
                .contains("the closest recording differs in: options.temperature");
    }

    @LlmTest
    static class SameQuestionTwice {
        @org.junit.jupiter.api.Test
        void twice(Llm llm) {
            ANSWERS.add(llm.ask("Tell me a joke"));
            ANSWERS.add(llm.ask("Tell me a joke"));
        }
    }

    @Test
    void identicalRequestsInOneTestAreRecordedApartAndReplayedInOrder() {
        run("record", SameQuestionTwice.class);
        assertThat(Kit.read(Kit.fixture(fixtures, SameQuestionTwice.class, "twice")).path("interactions")).hasSize(2);
        List<String> live = ANSWERS.stream().map(LlmAnswer::text).toList();
        assertThat(live.get(0)).isNotEqualTo(live.get(1));

        ANSWERS.clear();
        run("replay", SameQuestionTwice.class).testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(ANSWERS.stream().map(LlmAnswer::text).toList()).isEqualTo(live);
    }

    @LlmTest
    static class Variable {
        static String prompt = "first";

        @org.junit.jupiter.api.Test
        void asks(Llm llm) {
            ANSWERS.add(llm.ask(prompt));
        }
    }

    @Test
    void recordRewritesTheFileWithExactlyThisRunsInteractions() {
        Variable.prompt = "first";
        run("record", Variable.class);
        Variable.prompt = "second";

        run("record", Variable.class);

        JsonNode interactions = Kit.read(Kit.fixture(fixtures, Variable.class, "asks")).path("interactions");
        assertThat(interactions).hasSize(1);
        assertThat(interactions.get(0).path("request").path("messages").get(0).path("content").asText())
                .isEqualTo("second");
    }

    @Test
    void autoAddsWhatWasMissingAndKeepsWhatWasThere() {
        Variable.prompt = "first";
        run("auto", Variable.class);
        Variable.prompt = "second";

        run("auto", Variable.class);

        assertThat(Kit.read(Kit.fixture(fixtures, Variable.class, "asks")).path("interactions")).hasSize(2);
    }

    @Test
    void liveAlwaysCallsAndNeverTouchesFixtures() {
        run("live", OneQuestion.class);
        run("live", OneQuestion.class);

        assertThat(server.generations()).hasSize(2);
        assertThat(fixtures).isEmptyDirectory();
        assertThat(ANSWERS).allSatisfy(a -> assertThat(a.replayed()).isFalse());
    }

    @LlmTest
    static class Parameterized {
        @ParameterizedTest
        @ValueSource(strings = {"2+2", "3+3", "4+4"})
        void sums(String question, Llm llm) {
            ANSWERS.add(llm.ask(question));
        }

        @RepeatedTest(3)
        void repeated(Llm llm) {
            ANSWERS.add(llm.ask("same every time"));
        }
    }

    @Test
    void parameterizedAndRepeatedTestsShareTheirMethodsFile() {
        run("record", Parameterized.class).testEvents().assertStatistics(s -> s.succeeded(6));

        assertThat(Kit.read(Kit.fixture(fixtures, Parameterized.class, "sums")).path("interactions")).hasSize(3);
        assertThat(Kit.read(Kit.fixture(fixtures, Parameterized.class, "repeated")).path("interactions"))
                .as("identical requests of separate repetitions are the same interaction").hasSize(1);

        server.close();
        ANSWERS.clear();
        run("replay", Parameterized.class).testEvents().assertStatistics(s -> s.succeeded(6));
        assertThat(ANSWERS).allSatisfy(a -> assertThat(a.replayed()).isTrue());
    }

    @LlmTest
    static class Outer {
        @Nested
        class Inner {
            @org.junit.jupiter.api.Test
            void nested(Llm llm) {
                ANSWERS.add(llm.ask("from a nested class"));
            }
        }
    }

    @Test
    void nestedClassesGetTheirOwnFolder() {
        run("record", Outer.class).testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(Kit.fixture(fixtures, Outer.Inner.class, "nested")).exists();
    }

    @LlmTest
    static class Lifecycle {
        static LlmAnswer setup;

        @org.junit.jupiter.api.BeforeAll
        static void beforeAll(Llm llm) {
            setup = llm.ask("class setup");
        }

        @org.junit.jupiter.api.BeforeEach
        void beforeEach(Llm llm) {
            ANSWERS.add(llm.ask("per test setup"));
        }

        @org.junit.jupiter.api.Test
        void test(Llm llm) {
            ANSWERS.add(llm.ask("per test setup"));
        }
    }

    @Test
    void lifecycleMethodsTakeAnLlmAndBeforeEachSharesTheTestsFile() {
        run("record", Lifecycle.class).testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(Kit.read(Kit.fixture(fixtures, Lifecycle.class, "_class")).path("interactions")).hasSize(1);
        JsonNode testFile = Kit.read(Kit.fixture(fixtures, Lifecycle.class, "test")).path("interactions");
        assertThat(testFile).as("before-each and test asked the same thing: occurrences 0 and 1").hasSize(2);
    }

    @LlmTest(model = "llama3.2")
    static class OtherModel {
        @org.junit.jupiter.api.Test
        void asks(Llm llm) {
            ANSWERS.add(llm.ask("hi"));
            ANSWERS.add(llm.withModel("phi4").ask("hi"));
        }
    }

    @Test
    void theAnnotationPicksTheModelAndWithModelSwitchesPerCall() {
        server.installModel("llama3.2:latest", "abc123");

        run("record", OtherModel.class).testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(ANSWERS).extracting(LlmAnswer::model).containsExactly("llama3.2", "phi4");
        assertThat(server.generations()).extracting(r -> r.json().path("model").asText())
                .containsExactly("llama3.2", "phi4");
    }

    @Test
    void theModelIsLoadedOnceBeforeTheFirstLiveCall() {
        run("live", OneQuestion.class, SameQuestionTwice.class);

        List<FakeOllama.Recorded> chats = server.requests("/api/chat");
        assertThat(chats.get(0).json().path("messages")).as("the first chat is the warm-up").isEmpty();
        assertThat(chats.get(0).json().path("keep_alive").asText()).isEqualTo("1800s");
        assertThat(chats.stream().filter(r -> r.json().path("messages").isEmpty()).count()).isEqualTo(1);
    }

    @Test
    void everyCallPublishesAReportEntry() throws Exception {
        EngineExecutionResults results = run("auto", SameQuestionTwice.class);

        List<String> entries = results.allEvents().reportingEntryPublished().list().stream()
                .map(e -> e.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class))
                .flatMap(r -> r.getKeyValuePairs().entrySet().stream())
                .filter(e -> e.getKey().equals("llmtest.call")).map(java.util.Map.Entry::getValue).toList();
        assertThat(entries).hasSize(2);
        JsonNode first = Kit.JSON.readTree(entries.get(0));
        assertThat(first.path("model").asText()).isEqualTo("phi4");
        assertThat(first.path("replayed").asBoolean(true)).isFalse();
        assertThat(first.path("output_tokens").isInt()).isTrue();
        assertThat(first.path("prompt").asText()).isNotEmpty();
        assertThat(first.has("answer")).as("the entry is the short line; the answer goes to the report").isFalse();
    }

    private static <T> List<T> names(java.util.Iterator<T> it) {
        List<T> list = new java.util.ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
