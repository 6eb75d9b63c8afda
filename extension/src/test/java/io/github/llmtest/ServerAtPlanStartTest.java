package io.github.llmtest;

import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LlmServer's URLs exist when a test plan with {@code @LlmTest} classes starts, before any class's callbacks: an
 * application booted by a plain class that runs first (Quarkus's shared application, Spring's cached context), or by
 * a framework's {@code beforeAll} that runs before llmtest's, calls the server, and its calls reach the test that
 * runs. Each run is a JVM of its own, where no server ran before.
 */
class ServerAtPlanStartTest {

    /** What "the application" was configured with when it booted; each class of the forked run reads it. */
    static volatile String bootedWith;

    /** A plain class that runs first and boots the application in its {@code @BeforeAll}, like a Quarkus test. */
    @Order(1)
    static class BootsTheApplication {

        @BeforeAll
        static void boot() {
            bootedWith = System.getProperty(LlmServer.OLLAMA_URL_PROPERTY);
        }

        @Test
        void booted() {
            assertThat(bootedWith).as("the application found LlmServer's URL").startsWith("http://127.0.0.1:");
        }
    }

    /** A framework's callback that runs before llmtest's, as {@code @QuarkusTest @LlmTest} has it. */
    static class FrameworkFirst implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            assertThat(System.getProperty(LlmServer.OLLAMA_URL_PROPERTY)).isEqualTo(bootedWith);
        }
    }

    @Order(2)
    @ExtendWith(FrameworkFirst.class)
    @LlmTest
    static class CallsThroughTheBootedUrl {

        static FakeOllama ollama;

        @BeforeAll
        static void model() {
            ollama = FakeOllama.start().answerWith(r -> "\\boxed{6765}");
            System.setProperty(LlmTest.URL_PARAMETER, ollama.url());
        }

        @AfterAll
        static void stop() {
            System.clearProperty(LlmTest.URL_PARAMETER);
            ollama.close();
        }

        @Test
        void theCallReachesThisTest(LlmServer server) throws Exception {
            // the same server the application booted with; the test's own URL is a path of it (/t/<token>)
            assertThat(server.ollamaUrl()).startsWith(bootedWith + "/t/");
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(URI.create(bootedWith + "/api/chat"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"phi4\",\"stream\":false,"
                                    + "\"messages\":[{\"role\":\"user\",\"content\":\"The 20th Fibonacci number?\"}]}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(server.calls()).singleElement()
                    .satisfies(call -> assertThat(call.text()).isEqualTo("\\boxed{6765}"));
        }
    }

    /** A plan without {@code @LlmTest} classes: no server, no property. */
    static class NoLlmTests {

        @Test
        void noServerRuns() {
            assertThat(System.getProperty(LlmServer.OLLAMA_URL_PROPERTY)).isNull();
            assertThat(System.getProperty(LlmServer.OPENAI_URL_PROPERTY)).isNull();
        }
    }

    @Test
    void anApplicationBootedBeforeAnyLlmTestCallbackCallsTheServerAndItsCallsReachTheTest(@TempDir Path work)
            throws Exception {
        Path log = work.resolve("child.log");
        Process child = ForkedRun.start(List.of(BootsTheApplication.class, CallsThroughTheBootedUrl.class),
                Map.of("junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$OrderAnnotation",
                        LlmTest.MODE_PARAMETER, "live", LlmTest.REPORT_DIR_PARAMETER, work.resolve("report").toString()),
                Map.of(), log);
        assertThat(ForkedRun.await(child)).isZero();
        assertThat(Files.readString(log)).contains("FORKED-SUMMARY succeeded=2 failed=0");
    }

    @Test
    void aPlanWithoutLlmTestClassesStartsNoServer(@TempDir Path work) throws Exception {
        Path log = work.resolve("child.log");
        Process child = ForkedRun.start(List.of(NoLlmTests.class), Map.of(), Map.of(), log);
        assertThat(ForkedRun.await(child)).isZero();
        assertThat(Files.readString(log)).contains("FORKED-SUMMARY succeeded=1 failed=0");
    }
}
