package io.github.llmtest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.ollama.ServerMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Bad fixture files fail with a message naming the file and the problem; none hangs or runs out of memory. */
class FixtureFileTest {

    @TempDir
    Path dir;

    static Stream<org.junit.jupiter.params.provider.Arguments> broken() {
        String valid = "{\"llmtest_fixture_version\":1,\"interactions\":[{\"request\":{\"model\":\"phi4\"},"
                + "\"response\":{\"text\":\"5\"}}]}";
        return Stream.of(
                arguments("empty", "", "it is empty"),
                arguments("blank", "  \n ", "it is empty"),
                arguments("truncated", valid.substring(0, valid.length() / 2), "is not valid JSON at line 1"),
                arguments("merge conflict", "<<<<<<< HEAD\n" + valid, "is not valid JSON"),
                arguments("not an object", "[1,2,3]", "top level is not a JSON object"),
                arguments("no version", "{\"interactions\":[]}", "no \"llmtest_fixture_version\""),
                arguments("newer version", "{\"llmtest_fixture_version\":7,\"interactions\":[]}",
                        "format version 7, written by a newer llmtest"),
                arguments("zero version", "{\"llmtest_fixture_version\":0,\"interactions\":[]}", "not a known format"),
                arguments("no interactions", "{\"llmtest_fixture_version\":1}", "no \"interactions\" array"),
                arguments("no text", "{\"llmtest_fixture_version\":1,\"interactions\":[{\"request\":{\"model\":\"phi4\"},"
                        + "\"response\":{}}]}", "interaction #1 is unusable: it has no \"response\""),
                arguments("no request", "{\"llmtest_fixture_version\":1,\"interactions\":[{\"response\":{\"text\":\"x\"}}]}",
                        "interaction #1 is unusable: it has no \"request\""),
                arguments("bad metric", "{\"llmtest_fixture_version\":1,\"interactions\":[{\"request\":{\"model\":\"p\"},"
                        + "\"response\":{\"text\":\"x\"},\"metrics\":{\"eval_count\":\"many\"}}]}", "\"eval_count\" is not a number"),
                arguments("bad date", "{\"llmtest_fixture_version\":1,\"interactions\":[{\"request\":{\"model\":\"p\"},"
                        + "\"response\":{\"text\":\"x\"},\"recorded_at\":\"yesterday\"}]}", "\"recorded_at\" is not"),
                arguments("deeply nested", "{\"llmtest_fixture_version\":1,\"interactions\":" + "[".repeat(100_000)
                        + "]".repeat(100_000) + "}", "nesting depth"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void brokenFilesFailNamingTheFileAndTheProblem(String name, String content, String problem) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, content);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> FixtureFile.load(file, "T#m"))
                        .isInstanceOf(FixtureException.class)
                        .hasMessageContaining(file.toString())
                        .hasMessageContaining(problem));
    }

    @Test
    void anOversizedFileIsRejectedWithoutReadingIt() throws IOException {
        Path file = dir.resolve("huge.json");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(Fixtures.MAX_BYTES + 1);
        }

        assertThatThrownBy(() -> FixtureFile.load(file, "T#m")).isInstanceOf(FixtureException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("more than the 64 MB");
    }

    @Test
    void aMissingFileIsEmptyAndWritingCreatesItAtomically() throws IOException {
        Path file = dir.resolve("a/b/test.json");
        FixtureFile fixture = FixtureFile.load(file, "T#m");
        assertThat(fixture.all()).isEmpty();

        fixture.record(interaction("What is 2+2?", "4"));

        assertThat(file).exists();
        try (Stream<Path> siblings = Files.list(file.getParent())) {
            assertThat(siblings).as("no temporary file left behind").containsExactly(file);
        }
        FixtureFile reloaded = FixtureFile.load(file, "T#m");
        assertThat(reloaded.all()).hasSize(1);
        Interaction back = reloaded.all().get(0);
        assertThat(back.text()).isEqualTo("4");
        assertThat(back.metrics().evalCount()).isEqualTo(12L);
        assertThat(back.wallTime()).isEqualTo(Duration.ofMillis(1500));
        assertThat(back.firstToken()).isEqualTo(Duration.ofMillis(250));
        assertThat(back.recordedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void theKeyIsDerivedFromTheRequestSoHandWrittenFixturesNeedNoHash() throws IOException {
        Path file = dir.resolve("hand.json");
        Files.writeString(file, "{\"llmtest_fixture_version\":1,\"interactions\":[{\"key\":\"whatever\","
                + "\"origin\":\"hand-written\",\"request\":{\"endpoint\":\"/api/chat\",\"model\":\"phi4\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"options\":{\"temperature\":0,\"seed\":42,\"num_ctx\":4096},\"occurrence\":0},"
                + "\"response\":{\"text\":\"hello\"}}]}");
        ObjectNode sameRequest = (ObjectNode) Fixtures.MAPPER.readTree("{\"occurrence\":0,\"model\":\"phi4\","
                + "\"options\":{\"num_ctx\":4096,\"seed\":42,\"temperature\":0.0},\"endpoint\":\"/api/chat\","
                + "\"messages\":[{\"content\":\"hi\",\"role\":\"user\"}]}");

        FixtureFile fixture = FixtureFile.load(file, "T#m");

        assertThat(fixture.find(Canonical.hash(sameRequest))).get().extracting(Interaction::text).isEqualTo("hello");
        assertThat(fixture.all().get(0).origin()).isEqualTo("hand-written");
    }

    static Interaction interaction(String prompt, String answer) {
        ObjectNode request = Fixtures.MAPPER.createObjectNode().put("endpoint", "/api/chat").put("model", "phi4");
        request.putArray("messages").addObject().put("role", "user").put("content", prompt);
        return new Interaction(Canonical.hash(request), request, answer, "stop", "2026-01-02T03:04:05Z",
                ServerMetrics.ofNanos(2_000_000_000L, 100_000_000L, 20L, 200_000_000L, 12L, 1_500_000_000L),
                Duration.ofMillis(1500), Duration.ofMillis(250), Instant.parse("2026-01-02T03:04:05Z"),
                "ac896e5b8b34", "0.12.6", Interaction.RECORDED);
    }
}
