package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.fake.CapturedLog;
import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

class SamplesTest {

    /** The fake answers right for seeds 42, 44 and 46 (samples 1, 3, 5) and wrong for 43 and 45. */
    static final Set<Integer> RIGHT_SEEDS = Set.of(42, 44, 46);

    @TempDir
    Path fixtures;
    FakeOllama server;

    @BeforeEach
    void start() {
        server = FakeOllama.start().answerWith(r -> RIGHT_SEEDS.contains(r.path("options").path("seed").asInt())
                ? "So \\boxed{5}." : "So \\boxed{4}.");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @LlmTest
    static class ThreeOfFive {
        @org.junit.jupiter.api.Test
        @Samples(value = 5, minPassRate = 0.6)
        void passesAtSixty(Llm llm) {
            assertThat(llm.ask("pick a number")).boxedAnswer().isEqualTo("5");
        }
    }

    @LlmTest
    static class ThreeOfFiveAtEighty {
        @org.junit.jupiter.api.Test
        @Samples(value = 5, minPassRate = 0.8)
        void failsAtEighty(Llm llm) {
            assertThat(llm.ask("pick a number")).boxedAnswer().isEqualTo("5");
        }
    }

    @Test
    void threeOfFivePassAtSixtyPercentAndEachSampleSendsItsOwnSeed() {
        EngineExecutionResults results = Kit.run(Kit.config(server.url(), fixtures, "live"), ThreeOfFive.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(server.generations()).extracting(r -> r.options().path("seed").asInt())
                .containsExactly(42, 43, 44, 45, 46);
        JsonNode entry = entry(results, io.github.llmtest.internal.report.SamplesEntry.KEY);
        assertThat(entry.path("passed").asInt()).isEqualTo(3);
        assertThat(entry.path("rate").asDouble()).isEqualTo(0.6);
        assertThat(entry.path("summary").asText()).startsWith("3 of 5 samples passed (60%");
    }

    @Test
    void threeOfFiveFailAtEightyPercentNamingEachFailingSampleAndTheInterval() {
        EngineExecutionResults results = Kit.run(Kit.config(server.url(), fixtures, "live"), ThreeOfFiveAtEighty.class);

        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(Kit.failureMessage(results))
                .contains("@Samples: 3 of 5 samples passed (60%, 95% interval 23%–88%); required at least 80%")
                .contains("sample 2 (seed offset +1): [boxed answer \"4\"")
                .contains("sample 4 (seed offset +3)")
                .doesNotContain("sample 1 ", "sample 3 ", "sample 5 ");
    }

    @Test
    void samplesAreRecordedApartAndReplayedEachFromItsOwnRecording() {
        Kit.run(Kit.config(server.url(), fixtures, "record"), ThreeOfFive.class)
                .testEvents().assertStatistics(s -> s.succeeded(1));
        JsonNode interactions = Kit.read(Kit.fixture(fixtures, ThreeOfFive.class, "passesAtSixty")).path("interactions");
        assertThat(interactions).hasSize(5);
        assertThat(interactions).extracting(i -> i.path("request").path("sample").asInt())
                .containsExactly(0, 1, 2, 3, 4);

        server.close();
        EngineExecutionResults replayed = Kit.run(Kit.config("http://127.0.0.1:1", fixtures, "replay"),
                ThreeOfFive.class);

        replayed.testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(entry(replayed, io.github.llmtest.internal.report.SamplesEntry.KEY).path("passed").asInt()).isEqualTo(3);
    }

    @Test
    void samplingAtTemperatureZeroWarnsOnce() {
        List<LogRecord> records = CapturedLog.during(Level.WARNING, () -> Kit.run(Kit.config(server.url(), fixtures,
                "live"), ThreeOfFive.class, ThreeOfFiveAtEighty.class));
        assertThat(records).filteredOn(r -> r.getMessage().contains("temperature 0")).hasSize(1)
                .allSatisfy(r -> assertThat(r.getMessage()).contains("samples may all be the same"));
    }

    @LlmTest
    static class Misused {
        @org.junit.jupiter.api.Test
        @Samples(0)
        void noSamples(Llm llm) {
        }

        @org.junit.jupiter.api.Test
        @Samples(value = 3, minPassRate = 1.5)
        void impossibleRate(Llm llm) {
        }
    }

    static class WithoutLlmTest {
        @org.junit.jupiter.api.Test
        @Samples(3)
        void sampled() {
        }
    }

    @Test
    void misuseFailsWithAConfigurationErrorNamingTheAttribute() {
        EngineExecutionResults results = Kit.run(Kit.config(server.url(), fixtures, "live"), Misused.class,
                WithoutLlmTest.class);

        List<Throwable> failures = results.testEvents().failed().list().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                        .getThrowable().orElseThrow()).toList();
        assertThat(failures).hasSize(3).allSatisfy(f -> assertThat(f).isInstanceOf(ExtensionConfigurationException.class));
        assertThat(failures).extracting(Throwable::getMessage).anySatisfy(m -> assertThat(m)
                        .contains("@Samples requires `value` to be from 1 to 1000, but was 0"))
                .anySatisfy(m -> assertThat(m).contains("`minPassRate` to be between 0 and 1, but was 1.5"))
                .anySatisfy(m -> assertThat(m).contains("@Samples requires @LlmTest"));
    }

    @Test
    void wilsonIntervalMatchesKnownValues() {
        SamplesExtension.Interval threeOfFive = SamplesExtension.wilson(3, 5);
        assertThat(threeOfFive.low()).isCloseTo(0.2307, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(threeOfFive.high()).isCloseTo(0.8824, org.assertj.core.data.Offset.offset(1e-3));
        SamplesExtension.Interval allTen = SamplesExtension.wilson(10, 10);
        assertThat(allTen.high()).isEqualTo(1.0);
        assertThat(allTen.low()).isCloseTo(0.7225, org.assertj.core.data.Offset.offset(1e-3));
    }

    private static JsonNode entry(EngineExecutionResults results, String key) {
        String value = results.allEvents().reportingEntryPublished().list().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(key))
                .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
        try {
            return Kit.JSON.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
