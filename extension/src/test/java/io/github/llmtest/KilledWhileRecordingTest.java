package io.github.llmtest;

import io.github.llmtest.internal.fixture.FixtureFile;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM killed with SIGKILL while it records leaves the fixture file exactly as it was: a record run writes a test
 * class's files once the class is done, so earlier recordings are never lost to a killed run.
 */
class KilledWhileRecordingTest {

    static final String ORIGINAL = """
            {
              "llmtest_fixture_version" : 1,
              "interactions" : [ {
                "origin" : "hand-written",
                "request" : { "endpoint" : "/api/chat", "model" : "phi4",
                              "messages" : [ { "role" : "user", "content" : "original" } ], "occurrence" : 0 },
                "response" : { "text" : "the original answer" }
              } ]
            }
            """;

    @TempDir
    Path fixtures;

    @LlmTest
    static class ManyCalls {
        @org.junit.jupiter.api.Test
        void records(Llm llm) {
            for (int i = 0; i < 300; i++) {
                llm.ask("question " + i + " " + "padding ".repeat(50));
            }
        }
    }

    @Test
    void aKilledRecordingLeavesTheFileAsItWasAndAFinishedOneRewritesItWhole() throws Exception {
        Path file = Kit.fixture(fixtures, ManyCalls.class, "records");
        try (FakeOllama server = FakeOllama.start().answerWith(r -> "an answer of a few words")) {
            for (int round = 0; round < 3; round++) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, ORIGINAL);
                Process child = ForkedRun.start(ManyCalls.class, Map.of(LlmTest.URL_PARAMETER, server.url(),
                                LlmTest.FIXTURES_DIR_PARAMETER, fixtures.toString(), LlmTest.MODE_PARAMETER, "record",
                                LlmTest.REPORT_DIR_PARAMETER, fixtures.resolve("report").toString()),
                        Map.of(), fixtures.resolve("child-" + round + ".log"));
                int target = 20 + round * 40;
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (server.generations().size() < target && System.nanoTime() < deadline && child.isAlive()) {
                    Thread.sleep(5);
                }
                assertThat(child.isAlive()).as("still recording when killed (round %d)", round).isTrue();

                child.destroyForcibly();
                assertThat(child.waitFor()).as("killed by SIGKILL").isEqualTo(137);

                assertThat(Files.readString(file)).as("the file as it was (round %d)", round).isEqualTo(ORIGINAL);
                server.clearRequests();
            }
        }
        try (FakeOllama server = FakeOllama.start().answerWith(r -> "an answer of a few words")) {
            Process complete = ForkedRun.start(ManyCalls.class, Map.of(LlmTest.URL_PARAMETER, server.url(),
                            LlmTest.FIXTURES_DIR_PARAMETER, fixtures.toString(), LlmTest.MODE_PARAMETER, "record",
                            LlmTest.REPORT_DIR_PARAMETER, fixtures.resolve("report").toString()),
                    Map.of(), fixtures.resolve("child-complete.log"));
            assertThat(ForkedRun.await(complete)).isZero();
        }
        JsonNode recorded = Kit.read(file);
        assertThat(recorded.path("interactions")).as("a run that finishes re-records the file whole").hasSize(300);
        assertThat(FixtureFile.load(file, "t").all()).hasSize(300);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".json")))
                    .as("only the fixture file is a .json file").containsExactly(file);
        }
    }
}
