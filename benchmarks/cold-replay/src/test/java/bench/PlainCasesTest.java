package bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The same 1,000 cases as {@link ReplayedDatasetTest} without llmtest: the baseline of run.sh's SUITE=dataset. */
class PlainCasesTest {

    static final int CASES = 1000;

    static IntStream cases() {
        return IntStream.range(0, CASES);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void asks(int n) {
        assertThat("Step by step, the answer to question " + n + " is \\boxed{" + n + "}.")
                .endsWith("\\boxed{" + n + "}.");
    }
}
