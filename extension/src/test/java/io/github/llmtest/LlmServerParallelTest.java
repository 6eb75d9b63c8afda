package io.github.llmtest;

import io.github.llmtest.fake.FakeOllama;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** With JUnit's parallel execution, a call is never given to the wrong test. */
class LlmServerParallelTest {

    static final List<String> SEEN = new CopyOnWriteArrayList<>();
    static volatile CyclicBarrier together;
    static volatile CountDownLatch called;

    @TempDir
    Path fixtures;
    FakeOllama ollama;

    @BeforeEach
    void start() {
        SEEN.clear();
        ollama = FakeOllama.start();
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    Map<String, String> parallel() {
        Map<String, String> config = new HashMap<>(Kit.config(ollama.url(), fixtures, "auto"));
        config.put("junit.jupiter.execution.parallel.enabled", "true");
        config.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
        config.put("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
        config.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
        config.put("junit.jupiter.execution.parallel.config.fixed.parallelism", "4");
        return config;
    }

    /** A client configured once for the whole run, as a Spring context is: the plain URL of the system property. */
    @LlmTest
    static class CallsTheServer {
        @org.junit.jupiter.api.Test
        void calls() throws Exception {
            together.await(10, TimeUnit.SECONDS);
            try (Response response = LlmServerTest.post(System.getProperty(LlmServer.OLLAMA_URL_PROPERTY) + "/api/chat",
                    LlmServerTest.chat("whose call is this?", false))) {
                SEEN.add(response.code() + " " + response.body().string());
            } finally {
                called.countDown();
            }
        }
    }

    @LlmTest
    static class RunsAtTheSameTime {
        @org.junit.jupiter.api.Test
        void waits() throws Exception {
            together.await(10, TimeUnit.SECONDS);
            called.await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCallWhileTwoTestsRunAtOnceIsRefusedAndBothTestsSayWhy() {
        together = new CyclicBarrier(2);
        called = new CountDownLatch(1);

        EngineExecutionResults results = Kit.run(parallel(), CallsTheServer.class, RunsAtTheSameTime.class);

        results.testEvents().assertStatistics(s -> s.failed(2));
        assertThat(SEEN).singleElement().asString().startsWith("409 ")
                .contains("while 2 tests ran at once (CallsTheServer#calls, RunsAtTheSameTime#waits)");
        for (Event failed : results.testEvents().failed().list()) {
            assertThat(failed.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                    .getThrowable().orElseThrow()).isInstanceOf(FixtureException.class)
                    .hasMessageContaining("cannot tell which of them made it")
                    .hasMessageContaining("client configured once for the whole run")
                    .hasMessageContaining("@Isolated and @Execution(ExecutionMode.SAME_THREAD)")
                    .hasMessageContaining("attributed by its URL");
        }
        assertThat(ollama.requests()).as("nothing was forwarded").isEmpty();
    }

    @Isolated
    @Execution(ExecutionMode.SAME_THREAD)
    @LlmTest
    static class UsesTheServerAlone {
        @org.junit.jupiter.api.Test
        void first(LlmServer server) throws Exception {
            LlmServerTest.body(LlmServerTest.post(server.ollamaUrl() + "/api/chat", LlmServerTest.chat("first", false)));
        }

        @org.junit.jupiter.api.Test
        void second(LlmServer server) throws Exception {
            LlmServerTest.body(LlmServerTest.post(server.ollamaUrl() + "/api/chat", LlmServerTest.chat("second", false)));
        }
    }

    @LlmTest
    static class Busy {
        @org.junit.jupiter.api.Test
        void one() throws Exception {
            Thread.sleep(30);
        }

        @org.junit.jupiter.api.Test
        void two() throws Exception {
            Thread.sleep(30);
        }
    }

    @Test
    void aClassThatRunsAloneHasEachCallRecordedForItsOwnTest() {
        EngineExecutionResults results = Kit.run(parallel(), UsesTheServerAlone.class, Busy.class);

        results.testEvents().assertStatistics(s -> s.succeeded(4).failed(0));
        assertThat(Kit.read(Kit.fixture(fixtures, UsesTheServerAlone.class, "first")).path("interactions")
                .get(0).path("request").path("messages").get(0).path("content").asText()).isEqualTo("first");
        assertThat(Kit.read(Kit.fixture(fixtures, UsesTheServerAlone.class, "second")).path("interactions")
                .get(0).path("request").path("messages").get(0).path("content").asText()).isEqualTo("second");
    }

    /** Each test builds its client from its own LlmServer and asks its own question, all four at the same time. */
    abstract static class PerTestClients {
        void ask(LlmServer server, String question) throws Exception {
            together.await(10, TimeUnit.SECONDS); // all four tests run at once
            String answer = LlmServerTest.body(LlmServerTest.post(server.ollamaUrl() + "/api/chat",
                    LlmServerTest.chat(question, false)));
            SEEN.add(question + " -> " + server.calls().size() + " call(s), " + answer.contains(question));
        }
    }

    @LlmTest
    static class FirstClassWithOwnClients extends PerTestClients {
        @org.junit.jupiter.api.Test
        void one(LlmServer server) throws Exception {
            ask(server, "first class, one");
        }

        @org.junit.jupiter.api.Test
        void two(LlmServer server) throws Exception {
            ask(server, "first class, two");
        }
    }

    @LlmTest
    static class SecondClassWithOwnClients extends PerTestClients {
        @org.junit.jupiter.api.Test
        void one(LlmServer server) throws Exception {
            ask(server, "second class, one");
        }

        @org.junit.jupiter.api.Test
        void two(LlmServer server) throws Exception {
            ask(server, "second class, two");
        }
    }

    @Test
    void testsWhoseClientsUseTheirOwnUrlRunInParallelAndEachCallIsRecordedForItsTest() {
        together = new CyclicBarrier(4);

        EngineExecutionResults results = Kit.run(parallel(), FirstClassWithOwnClients.class,
                SecondClassWithOwnClients.class);

        results.testEvents().assertStatistics(s -> s.succeeded(4).failed(0));
        assertThat(SEEN).as("each test saw its one call, answered").containsExactlyInAnyOrder(
                "first class, one -> 1 call(s), true", "first class, two -> 1 call(s), true",
                "second class, one -> 1 call(s), true", "second class, two -> 1 call(s), true");
        Map<Class<?>, String> prefixes = Map.of(FirstClassWithOwnClients.class, "first class, ",
                SecondClassWithOwnClients.class, "second class, ");
        prefixes.forEach((type, prefix) -> {
            for (String method : List.of("one", "two")) {
                assertThat(Kit.read(Kit.fixture(fixtures, type, method)).path("interactions"))
                        .as("the fixture of %s#%s", type.getSimpleName(), method).singleElement()
                        .satisfies(i -> assertThat(i.path("request").path("messages").get(0).path("content")
                                .asText()).isEqualTo(prefix + method));
            }
        });
        assertThat(ollama.requests()).as("every call went upstream once").hasSize(4);
    }

    /** One client for the class, built in @BeforeAll from the class's LlmServer, used by tests that run at once. */
    @LlmTest
    static class ClassClientInParallelTests {
        static String url;

        @org.junit.jupiter.api.BeforeAll
        static void client(LlmServer server) {
            url = server.ollamaUrl();
        }

        @org.junit.jupiter.api.Test
        void one() throws Exception {
            call();
        }

        @org.junit.jupiter.api.Test
        void two() throws Exception {
            call();
        }

        private static void call() throws Exception {
            together.await(10, TimeUnit.SECONDS);
            try (Response response = LlmServerTest.post(url + "/api/chat", LlmServerTest.chat("whose?", false))) {
                SEEN.add(response.code() + " " + response.body().string());
            } finally {
                called.countDown();
            }
            called.await(10, TimeUnit.SECONDS); // neither test ends before both have called
        }
    }

    @Test
    void aClassWideClientUsedByTestsRunningAtOnceIsRefusedNamingTheClassAndTheRemedy() {
        together = new CyclicBarrier(2);
        called = new CountDownLatch(2);

        EngineExecutionResults results = Kit.run(parallel(), ClassClientInParallelTests.class);

        results.testEvents().assertStatistics(s -> s.failed(2));
        assertThat(SEEN).hasSize(2).allSatisfy(seen -> assertThat(seen).startsWith("409 ")
                .contains("came to the URL of ClassClientInParallelTests")
                .contains("build the client inside each test"));
        assertThat(ollama.requests()).as("nothing was forwarded").isEmpty();
    }
}
