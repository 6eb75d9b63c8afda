package io.github.llmtest.assertj;

import io.github.llmtest.Cost;
import io.github.llmtest.Latency;
import io.github.llmtest.LlmAnswer;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** costsAtMost and hasTokensAtMost check one call, showing the reasoning tokens apart. */
class CostAssertionsTest {

    /** o1: 10,000 prompt tokens (4,000 cached), 3,000 output tokens (2,000 reasoning): $0.30, $0.12 of it reasoning. */
    static final LlmAnswer O1 = LlmAnswer.builder("6765").model("openai:o1")
            .latency(Latency.builder(Duration.ofSeconds(3)).promptTokens(10_000).outputTokens(3_000)
                    .thinkingTokens(2_000).build())
            .cost(new Cost("openai:o1*", 10_000, 4_000, 3_000, 2_000, 0.09, 0.03, 0.06, 0.12)).build();

    @Test
    void aCallWithinItsCostPasses() {
        assertThatCode(() -> assertThat(O1).costsAtMost(0.30).hasTokensAtMost(10_000, 3_000)).doesNotThrowAnyException();
    }

    @Test
    void aDearerCallFailsWithEachPartOfTheBill() {
        assertThatThrownBy(() -> assertThat(O1).costsAtMost(0.25)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("at most $0.250000, but the call cost $0.300000")
                .hasMessageContaining("output:    1000 tokens besides reasoning: $0.060000")
                .hasMessageContaining("reasoning: 2000 tokens: $0.120000");
    }

    @Test
    void anAnswerWithoutACostFailsSayingHowToPriceIt() {
        assertThatThrownBy(() -> assertThat(LlmAnswer.builder("x").model("phi4").build()).costsAtMost(1))
                .isInstanceOf(AssertionError.class).hasMessageContaining("has no cost")
                .hasMessageContaining("no price for phi4").hasMessageContaining("llmtest-prices.json");
    }

    @Test
    void tooManyTokensFailsShowingTheReasoningApart() {
        assertThatThrownBy(() -> assertThat(O1).hasTokensAtMost(20_000, 1_500)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("had 10000 prompt tokens and 3000 answer tokens (2000 of them reasoning, "
                        + "1000 visible)");
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThatThrownBy(() -> assertThat(O1).costsAtMost(-0.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> assertThat(O1).hasTokensAtMost(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
