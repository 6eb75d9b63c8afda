package io.github.llmtest;

import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.fake.FakeOpenAi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With OLLAMA_API_KEY and OPENAI_API_KEY set, each key reaches its server and nothing else: no fixture, report or log
 * line, not even in the message of a failed call.
 */
class SecretsTest {

    static final String SECRET = "sk-llmtest-3f9c-very-secret-key";
    static final String OPENAI_SECRET = "sk-proj-llmtest-8d2e-other-secret";

    @TempDir
    Path work;

    @LlmTest
    static class Records {
        @org.junit.jupiter.api.Test
        void asks(Llm llm) {
            llm.ask("What is the capital of France?");
            llm.withModel("phi4:latest").ask("And of Italy?");
            llm.withModel("openai:gpt-4o").ask("And of Spain?");
        }

        @org.junit.jupiter.api.Test
        void failsOnPurpose(Llm llm) {
            llm.withModel("not-pulled").ask("Anything?");
        }

        @org.junit.jupiter.api.Test
        void failsOnPurposeToo(Llm llm) {
            llm.withModel("openai:gpt-unknown").ask("Anything?");
        }
    }

    @Test
    void theApiKeyIsSentToTheServerButWrittenNowhere() throws Exception {
        Path fixtures = work.resolve("fixtures");
        Path reports = work.resolve("reports");
        Path log = work.resolve("child.log");
        try (FakeOllama server = FakeOllama.start(); FakeOpenAi openai = FakeOpenAi.start()) {
            openai.forModel("gpt-4o", FakeOpenAi.answer("Madrid."))
                    .forModel("gpt-unknown", FakeOpenAi.error(404, "The model `gpt-unknown` does not exist (key " + OPENAI_SECRET
                            .substring(0, 8) + "…)", "invalid_request_error", null, "model_not_found", Map.of()));
            Process child = ForkedRun.start(Records.class, Map.of(
                            LlmTest.URL_PARAMETER, server.url(),
                            LlmTest.OPENAI_URL_PARAMETER, openai.url(),
                            LlmTest.FIXTURES_DIR_PARAMETER, fixtures.toString(),
                            LlmTest.MODE_PARAMETER, "record",
                            LlmTest.REPORT_DIR_PARAMETER, reports.toString()),
                    Map.of("OLLAMA_API_KEY", SECRET, "OPENAI_API_KEY", OPENAI_SECRET), log);
            assertThat(ForkedRun.await(child)).isZero();

            assertThat(server.generations()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + SECRET));
            assertThat(openai.requests()).hasSize(2)
                    .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + OPENAI_SECRET));
        }
        assertThat(Files.readString(log)).contains("FORKED-SUMMARY succeeded=1 failed=2")
                .contains("ollama pull not-pulled").contains("Model 'gpt-unknown' is not available");
        List<Path> written;
        try (Stream<Path> files = Files.walk(work)) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertThat(written).as("fixtures and the child's log were written").hasSizeGreaterThanOrEqualTo(2);
        for (Path file : written) {
            assertThat(read(file)).as("content of %s", file).doesNotContain(SECRET).doesNotContain(OPENAI_SECRET)
                    .doesNotContain("Bearer ");
        }
    }

    static final String PASSWORD = "pw-llmtest-5b7a-proxy";

    @LlmTest
    static class BehindAProxy {
        @org.junit.jupiter.api.Test
        void asks(Llm llm) {
            llm.ask("What is the capital of France?");
        }

        @org.junit.jupiter.api.Test
        void failsOnPurpose(Llm llm) {
            llm.withModel("not-pulled").ask("Anything?");
        }
    }

    @LlmTest
    @EnabledIfOllamaAvailable
    static class SkippedWhenDown {
        @org.junit.jupiter.api.Test
        void asks(Llm llm) {
            llm.ask("hi");
        }
    }

    @Test
    void aPasswordInOllamaHostIsSentAsBasicAuthAndShownMaskedEverywhere() throws Exception {
        Path log = work.resolve("proxy.log");
        Path down = work.resolve("down.log");
        try (FakeOllama server = FakeOllama.start()) {
            String host = "http://proxyuser:" + PASSWORD + "@" + server.url().substring("http://".length());
            Process child = ForkedRun.start(BehindAProxy.class, Map.of(
                            LlmTest.FIXTURES_DIR_PARAMETER, work.resolve("fixtures").toString(),
                            LlmTest.MODE_PARAMETER, "record",
                            LlmTest.REPORT_DIR_PARAMETER, work.resolve("reports").toString()),
                    Map.of("OLLAMA_HOST", host), log);
            assertThat(ForkedRun.await(child)).isZero();
            String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("proxyuser:" + PASSWORD)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(server.generations()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(basic));
        }
        Process skipped = ForkedRun.start(SkippedWhenDown.class, Map.of(LlmTest.MODE_PARAMETER, "live"),
                Map.of("OLLAMA_HOST", "http://proxyuser:" + PASSWORD + "@127.0.0.1:1"), down);
        assertThat(ForkedRun.await(skipped)).isZero();

        assertThat(Files.readString(log)).contains("FORKED-SUMMARY succeeded=1 failed=1")
                .contains("proxyuser:***@127.0.0.1");
        assertThat(Files.readString(down)).contains("proxyuser:***@127.0.0.1:1");
        List<Path> written;
        try (Stream<Path> files = Files.walk(work)) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertThat(written).hasSizeGreaterThanOrEqualTo(4);
        for (Path file : written) {
            assertThat(read(file)).as("content of %s", file).doesNotContain(PASSWORD);
        }
    }

    @LlmTest
    static class LeaksItsKey {
        @org.junit.jupiter.api.Test
        void asks(Llm llm) {
            llm.ask("Remember this for me: " + System.getenv("OPENAI_API_KEY"));
        }
    }

    @Test
    void aFixtureOrReportThatWouldHoldASecretIsNotWritten() throws Exception {
        Path log = work.resolve("leak.log");
        try (FakeOllama server = FakeOllama.start()) {
            Process child = ForkedRun.start(LeaksItsKey.class, Map.of(
                            LlmTest.URL_PARAMETER, server.url(),
                            LlmTest.FIXTURES_DIR_PARAMETER, work.resolve("fixtures").toString(),
                            LlmTest.MODE_PARAMETER, "record",
                            LlmTest.REPORT_DIR_PARAMETER, work.resolve("reports").toString()),
                    Map.of("OPENAI_API_KEY", OPENAI_SECRET), log);
            assertThat(ForkedRun.await(child)).isZero();
        }
        String output = Files.readString(log);
        assertThat(output).contains("FORKED-SUMMARY succeeded=0 failed=1")
                .contains("Refusing to write the fixture file").contains("it would hold OPENAI_API_KEY");
        assertThat(work.resolve("fixtures")).doesNotExist();
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(read(file)).as("content of %s", file).doesNotContain(OPENAI_SECRET);
            }
        }
    }

    static final String APP_TOKEN = "app-token-llmtest-71c4-bearer";

    @LlmTest
    static class EchoesItsToken {
        @org.junit.jupiter.api.Test
        void asks(LlmServer server) throws IOException {
            String body = "{\"model\":\"gpt-4o\",\"user\":\"" + APP_TOKEN + "\",\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"What is the capital of Spain?\"}]}";
            try (okhttp3.Response response = LlmServerTest.post(server.openAiUrl() + "/chat/completions", body,
                    "Authorization", "Bearer " + APP_TOKEN)) {
                org.assertj.core.api.Assertions.assertThat(response.code()).isEqualTo(200);
            }
        }
    }

    @Test
    void anApplicationsTokenEchoedInARequestBodyIsWrittenNowhere() throws Exception {
        Path log = work.resolve("echoed.log");
        Path reports = work.resolve("reports");
        try (FakeOpenAi openai = FakeOpenAi.start()) {
            openai.forModel("gpt-4o", FakeOpenAi.answer("Madrid."));
            Process child = ForkedRun.start(EchoesItsToken.class, Map.of(
                            LlmTest.OPENAI_URL_PARAMETER, openai.url(),
                            LlmTest.FIXTURES_DIR_PARAMETER, work.resolve("fixtures").toString(),
                            LlmTest.MODE_PARAMETER, "record",
                            LlmTest.REPORT_DIR_PARAMETER, reports.toString()),
                    Map.of(), log);
            assertThat(ForkedRun.await(child)).isZero();
            assertThat(openai.requests()).singleElement()
                    .satisfies(r -> assertThat(r.body()).contains(APP_TOKEN));
        }
        assertThat(Files.readString(log)).contains("FORKED-SUMMARY succeeded=0 failed=1")
                .contains("Refusing to write the fixture file")
                .contains("it would hold the Authorization header an application sent to LlmServer");
        assertThat(work.resolve("fixtures")).doesNotExist();
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(read(file)).as("content of %s", file).doesNotContain(APP_TOKEN);
            }
        }
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
    }
}
