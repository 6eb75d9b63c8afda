package bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The same 300 tests without llmtest: the baseline the replayed tests are measured against. */
class PlainTest {

    static final int CALLS = 300;

    static IntStream questions() {
        return IntStream.range(0, CALLS);
    }

    @ParameterizedTest
    @MethodSource("questions")
    void asks(int question) {
        assertThat("Step by step, the answer to question " + question + " is " + question + ".")
                .endsWith(question + ".");
    }
}
