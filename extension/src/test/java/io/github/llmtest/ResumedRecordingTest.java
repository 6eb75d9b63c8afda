package io.github.llmtest;

import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.internal.fixture.FixtureFile;
import io.github.llmtest.internal.fixture.Interaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record run killed with SIGKILL halfway keeps what it recorded in the journal beside the fixture file, and the
 * next run asks the model only for the rest.
 */
class ResumedRecordingTest {

    private static final int CALLS = 200;

    @TempDir
    Path fixtures;

    @LlmTest
    static class TwoHundredCalls {
        @org.junit.jupiter.api.Test
        void records(Llm llm) {
            for (int i = 0; i < CALLS; i++) {
                llm.ask("question " + i);
            }
        }
    }

    @Test
    void aRunKilledHalfwayIsResumedAskingOnlyForWhatItHadNotRecorded() throws Exception {
        Path file = Kit.writeFixture(fixtures, TwoHundredCalls.class, "records", KilledWhileRecordingTest.ORIGINAL);
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger killAt = new AtomicInteger(CALLS / 2 + 1);
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch killed = new CountDownLatch(1);
        Map<String, String> config = Map.of(LlmTest.URL_PARAMETER, "", LlmTest.FIXTURES_DIR_PARAMETER,
                fixtures.toString(), LlmTest.MODE_PARAMETER, "record",
                LlmTest.REPORT_DIR_PARAMETER, fixtures.resolve("report").toString());
        try (FakeOllama server = FakeOllama.start().answerWith(request -> {
            if (asked.incrementAndGet() == killAt.get()) {
                halfway.countDown(); // the 101st call: the child is killed before it has an answer
                await(killed);
            }
            return "an answer";
        })) {
            Map<String, String> withServer = new java.util.HashMap<>(config);
            withServer.put(LlmTest.URL_PARAMETER, server.url());

            Process first = ForkedRun.start(TwoHundredCalls.class, withServer, Map.of(), fixtures.resolve("first.log"));
            assertThat(halfway.await(2, TimeUnit.MINUTES)).as("the child reached half of its calls").isTrue();
            first.destroyForcibly();
            assertThat(first.waitFor()).as("killed by SIGKILL").isEqualTo(137);
            killed.countDown();
            int askedFirst = asked.get();

            assertThat(Files.readString(file)).as("the old content, untouched by the killed run")
                    .isEqualTo(KilledWhileRecordingTest.ORIGINAL);
            assertThat(file.resolveSibling("records.json.journal")).as("what it recorded, journaled").exists();

            killAt.set(-1);
            asked.set(0);
            Process second = ForkedRun.start(TwoHundredCalls.class, withServer, Map.of(),
                    fixtures.resolve("second.log"));
            assertThat(ForkedRun.await(second)).as(Files.readString(fixtures.resolve("second.log"))).isZero();
            int askedSecond = asked.get();

            int missing = CALLS - (askedFirst - 1); // the call in flight when the child was killed is missing too
            assertThat(askedSecond).as("calls asked again by the resumed run, of %d missing", missing)
                    .isBetween(missing, missing + CALLS / 100);
        }
        assertThat(FixtureFile.load(file, "t").all()).as("every call, once").hasSize(CALLS)
                .extracting(Interaction::text).containsOnly("an answer");
        assertThat(file.resolveSibling("records.json.journal")).as("folded, then deleted").doesNotExist();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
