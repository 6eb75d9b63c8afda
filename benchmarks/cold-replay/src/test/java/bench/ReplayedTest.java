package bench;

import io.github.llmtest.Llm;
import io.github.llmtest.LlmTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 300 replayed calls, one per test: what a CI run of a prompt suite pays for replay (assertions aside). The fixture,
 * {@code src/test/resources/llm-fixtures/bench.ReplayedTest/asks.json}, is where a user's project keeps it.
 */
@LlmTest
class ReplayedTest {

    static IntStream questions() {
        return IntStream.range(0, PlainTest.CALLS);
    }

    @ParameterizedTest
    @MethodSource("questions")
    void asks(int question, Llm llm) {
        assertThat(llm.ask("question " + question).text()).endsWith("\\boxed{" + question + "}.");
    }
}
