package io.github.llmtest;

import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** With OLLAMA_API_KEY set, the key reaches the server and nothing else: no fixture, report or log line. */
class SecretsTest {

    static final String SECRET = "sk-llmtest-3f9c-very-secret-key";

    @TempDir
    Path work;

    @LlmTest
    static class Records {
        @org.junit.jupiter.api.Test
        void asks(Llm llm) {
            llm.ask("What is the capital of France?");
            llm.withModel("phi4:latest").ask("And of Italy?");
        }

        @org.junit.jupiter.api.Test
        void failsOnPurpose(Llm llm) {
            llm.withModel("not-pulled").ask("Anything?");
        }
    }

    @Test
    void theApiKeyIsSentToTheServerButWrittenNowhere() throws Exception {
        Path fixtures = work.resolve("fixtures");
        Path reports = work.resolve("reports");
        Path log = work.resolve("child.log");
        try (FakeOllama server = FakeOllama.start()) {
            Process child = ForkedRun.start(Records.class, Map.of(
                            LlmTest.URL_PARAMETER, server.url(),
                            LlmTest.FIXTURES_DIR_PARAMETER, fixtures.toString(),
                            LlmTest.MODE_PARAMETER, "record",
                            LlmTest.REPORT_DIR_PARAMETER, reports.toString()),
                    Map.of("OLLAMA_API_KEY", SECRET), log);
            assertThat(ForkedRun.await(child)).isZero();

            assertThat(server.generations()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + SECRET));
        }
        assertThat(Files.readString(log)).contains("FORKED-SUMMARY succeeded=1 failed=1")
                .contains("ollama pull not-pulled");
        List<Path> written;
        try (Stream<Path> files = Files.walk(work)) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertThat(written).as("fixtures and the child's log were written").hasSizeGreaterThanOrEqualTo(2);
        for (Path file : written) {
            assertThat(read(file)).as("content of %s", file).doesNotContain(SECRET).doesNotContain("Bearer ");
        }
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
    }
}
