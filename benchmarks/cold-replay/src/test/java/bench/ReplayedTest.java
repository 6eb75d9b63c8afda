package bench;

import io.github.llmtest.Llm;
import io.github.llmtest.LlmTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** 300 replayed calls, one per test: what a CI run of a prompt suite pays for replay (assertions aside). */
@LlmTest
class ReplayedTest {

    @BeforeAll
    static void fixtures() throws Exception {
        Fixtures.write();
    }

    static IntStream questions() {
        return IntStream.range(0, Fixtures.CALLS);
    }

    @ParameterizedTest
    @MethodSource("questions")
    void asks(int question, Llm llm) {
        assertThat(llm.ask("question " + question).text()).endsWith("\\boxed{" + question + "}.");
    }
}
