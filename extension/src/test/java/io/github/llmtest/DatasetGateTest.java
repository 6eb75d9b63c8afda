package io.github.llmtest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetGateTest {

    private static DatasetGate gate() {
        return DatasetGate.judge(List.of(
                new DatasetGate.Result("q1", List.of("percent"), true, null),
                new DatasetGate.Result("q2", List.of("percent"), false, new AssertionError("expected 5\nbut was 4")),
                new DatasetGate.Result("q3", List.of("geometry"), true, null),
                new DatasetGate.Result("q4", List.of("geometry"), true, null)), 0.7, 0.4);
    }

    @Test
    void theVerdictNamesTheAccuracyEachTagAndTheFailingCases() {
        DatasetGate gate = gate();

        assertThat(gate.held()).isTrue();
        assertThat(gate.verdict()).startsWith("gate held: 3 of 4 passed, 75% ≥ 70%")
                .contains("✓ percent: 1 of 2 passed, 50% ≥ 40%", "✓ geometry: 2 of 2 passed",
                        "failing cases (1):\n  q2: expected 5");
        assertThat(gate.headline()).startsWith("3 of 4 passed, 75% ≥ 70%").endsWith("; every tag ≥ 40%");
    }

    @Test
    void everyCaseOfARunReportsTheOneGateMadeOnce() {
        DatasetGate gate = gate();

        assertThat(gate.entry("sums")).isSameAs(gate.entry("sums"));
        assertThat(gate.verdict()).isSameAs(gate.verdict());
        assertThat(gate.entry("sums").verdict()).isEqualTo("sums: " + gate.verdict());
        assertThat(gate.entry("other").verdict()).as("another name, another entry").startsWith("other: gate held");
    }
}
