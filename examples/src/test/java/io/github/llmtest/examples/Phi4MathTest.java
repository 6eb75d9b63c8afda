package io.github.llmtest.examples;

import io.github.llmtest.LatencyBudget;
import io.github.llmtest.Llm;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.LlmTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static io.github.llmtest.assertj.LlmAssertions.within;
import static io.github.llmtest.assertj.LlmAssertions.withinPercentage;

/**
 * Phi-4's answers to the three prompts of the original comparison, tested like code. Replayed from
 * {@code src/test/resources/llm-fixtures} by default; run live with {@code -Dllmtest.mode=live}.
 *
 * <p>Every call must answer within 30 s and start within 2 s (model load excluded) and generate at least 15
 * tokens/s: what phi4 (14B, Q4_K_M) does on a laptop GPU, with room for a busy machine.
 */
@LlmTest
@LatencyBudget(total = "30s", firstToken = "2s", interToken = "100ms", minTokensPerSecond = 15)
class Phi4MathTest {

    @Test
    void fibonacciTwentiethValueIsBoxed(Llm llm) {
        LlmAnswer answer = llm.ask(SeedPrompts.FIBONACCI);

        assertThat(answer).boxedAnswer().isEqualTo("6765");
        assertThat(answer).isComplete();
    }

    @Test
    void compoundInterestIsWithinOneDollarOfTheExactAmount(Llm llm) {
        LlmAnswer answer = llm.ask(SeedPrompts.COMPOUND_INTEREST);

        // The exact amount is 1,000,000 x 1.025^20 = 1,638,616.4402... dollars. Phi-4 rounds to the dollar
        // ($1,638,616), so an absolute tolerance of $1 accepts it. o1 rounded 1.025^20 to 1.63862 first and
        // answered $1,638,620: $3.56 off, so this assertion would catch that shortcut.
        assertThat(answer).finalNumber().isCloseTo(new BigDecimal("1638616.44"), within(new BigDecimal("1")));

        // A relative tolerance says "close enough for a person": 0.001% of 1.6 million is about $16, so o1's
        // $1,638,620 would pass here. Choose the tolerance that states what you mean.
        assertThat(answer).hasFinalNumberCloseTo(1638616.44, withinPercentage(0.001));
    }

    @Test
    void prismLengthIsFiveCentimetres(Llm llm) {
        LlmAnswer answer = llm.ask(SeedPrompts.PRISM);

        assertThat(answer).finalNumber().isEqualByComparingTo("5");
        assertThat(answer).finalNumberUnit().isIn("cm", "centimetres", "centimeters");
        // a per-call budget, tighter than the class's, written where it matters
        assertThat(answer).respondedWithin(Duration.ofSeconds(15));
    }
}
