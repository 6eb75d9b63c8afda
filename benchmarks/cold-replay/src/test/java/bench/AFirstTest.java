package bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs first (alphabetical order) and pays JUnit's and AssertJ's cold start, which would otherwise fall on whichever
 * of {@link PlainTest} and {@link ReplayedTest} ran first; not measured.
 */
class AFirstTest {

    static IntStream questions() {
        return IntStream.range(0, 20);
    }

    @ParameterizedTest
    @MethodSource("questions")
    void warmsUp(int question) {
        assertThat("answer " + question).endsWith(question + "");
    }
}
