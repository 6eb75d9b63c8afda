package io.github.llmtest.internal.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BaselineTest {

    @TempDir
    Path work;

    @Test
    void aSampledTestsPassRateIsComparedWithFishersExactTest() throws IOException {
        // before 10 of 10, now 5 of 10: Fisher's two-sided p = (252 + 252) / 15504 (FisherTest works it out)
        Path file = Files.writeString(work.resolve("report.json"), "{\"llmtest_report_version\":2,\"tests\":["
                + "{\"name\":\"FibTest#fib\",\"samples\":{\"samples\":10,\"passed\":10}},"
                + "{\"name\":\"OtherTest#other\",\"samples\":{\"samples\":4,\"passed\":4}}]}");
        // a test without calls is named by its display name
        ReportedTest renamed = new ReportedTest("[engine:junit-jupiter]/fib", "FibTest#fib");
        renamed.samples = new SamplesEntry(10, 5, 0.5, 0.2, 0.8, 0, "5 of 10", List.of(0, 1, 2, 3, 4));

        SinceBaseline since = SinceBaseline.of(List.of(renamed), Baseline.read(file), 0.05);

        assertThat(since.samples()).hasSize(1);
        SinceBaseline.SamplesChange change = since.samples().get(0);
        assertThat(change.before()).isEqualTo(1.0);
        assertThat(change.after()).isEqualTo(0.5);
        assertThat(change.p()).isCloseTo(504 / 15504.0, within(1e-12));
        assertThat(since.console()).containsExactly(
                "[llmtest] since the baseline: FibTest#fib passed 10/10, now 5/10 (Fisher p = 0.0325)");
        StringBuilder md = new StringBuilder();
        since.markdown(md);
        assertThat(md).contains("| FibTest#fib | 10/10 → 5/10 | 0.0325 ✱ |");
    }

    @Test
    void aMissingOrForeignFileIsRefusedNamingItAndTheRemedy() throws IOException {
        assertThatThrownBy(() -> Baseline.read(work.resolve("nope.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("llmtest.baseline=")
                .hasMessageContaining("nope.json: cannot read it").hasMessageContaining("target/llmtest/report.json");
        Path foreign = Files.writeString(work.resolve("other.json"), "{\"results\":[]}");
        assertThatThrownBy(() -> Baseline.read(foreign)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an llmtest report.json");
    }

    @Test
    void theLevelAndTheSwitchAreReadStrictly() {
        assertThat(BaselineSettings.alpha(null)).isEqualTo(0.05);
        assertThat(BaselineSettings.alpha(" 0.01 ")).isEqualTo(0.01);
        assertThatThrownBy(() -> BaselineSettings.alpha("1.5")).hasMessageContaining("not a level between 0 and 1");
        assertThat(BaselineSettings.fail("TRUE")).isTrue();
        assertThat(BaselineSettings.fail(null)).isFalse();
        assertThatThrownBy(() -> BaselineSettings.fail("yes")).hasMessageContaining("neither true nor false");
    }

    @Test
    void casesAddedOrRemovedAreLeftOutAndCounted() {
        Baseline.Since s = Baseline.Since.of(java.util.Map.of("a", true, "b", true, "gone", false),
                java.util.Map.of("a", false, "b", true, "new", true));
        assertThat(s.common()).isEqualTo(2);
        assertThat(s.added()).isEqualTo(1);
        assertThat(s.removed()).isEqualTo(1);
        assertThat(s.regressed()).containsExactly("a");
        assertThat(s.improved()).isEmpty();
        assertThat(s.regressedSignificantly(0.05)).as("one flip is no evidence: p = 1").isFalse();
    }
}
