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

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
    }
}
