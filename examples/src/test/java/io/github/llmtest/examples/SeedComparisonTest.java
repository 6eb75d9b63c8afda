package io.github.llmtest.examples;

import io.github.llmtest.CompareModels;
import io.github.llmtest.Llm;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.LlmTest;

import java.math.BigDecimal;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static io.github.llmtest.assertj.LlmAssertions.within;
import static io.github.llmtest.assertj.LlmAssertions.withinPercentage;

/**
 * The write-up this project started from, as a test suite: phi4 (Ollama), GPT-4o and o1 (OpenAI) on the same three
 * prompts, side by side in the run report, and Claude (Anthropic's Messages API) as a fourth column. Replayed from
 * hand-written fixtures that carry the answers as the write-up reports them (Claude's, which the write-up does not
 * have, are hand-written too, marked {@code "origin": "hand-written"} like the others); run it live with
 * {@code OPENAI_API_KEY=… ANTHROPIC_API_KEY=… mvn … -Dllmtest.mode=record}.
 *
 * <p>All three models are right; what differs is how they round. The exact amount is 1,000,000 × 1.025^20 =
 * $1,638,616.44. Within 0.001% (±$16.39) all three pass; to the dollar, o1's $1,638,620 does not: it rounded
 * 1.025^20 to 1.63862 before multiplying, and misses by $3.56. Which tolerance a test uses is the test's decision.
 */
@LlmTest
class SeedComparisonTest {

    static final BigDecimal EXACT = new BigDecimal("1638616.4402903971");
    static final BigDecimal ONE_DOLLAR = BigDecimal.ONE;

    @CompareModels({"phi4", "openai:gpt-4o", "openai:o1", "anthropic:claude-sonnet-4-5"})
    void fibonacci(Llm llm) {
        LlmAnswer answer = llm.ask(SeedPrompts.FIBONACCI);

        assertThat(answer).finalNumber().isEqualByComparingTo("6765");
        // 36 prompt tokens; GPT-4o 212 output: $0.00221; o1 1,580 output of which 1,306 reasoning: $0.09534
        costFromRecordedUsage(llm.model(), answer, 0.00221, 0.09534);
    }

    @CompareModels({"phi4", "openai:gpt-4o", "openai:o1", "anthropic:claude-sonnet-4-5"})
    void compoundInterest(Llm llm) {
        LlmAnswer answer = llm.ask(SeedPrompts.COMPOUND_INTEREST);
        // 54 prompt tokens; GPT-4o 238 output: $0.002515; o1 2,090 output of which 1,874 reasoning: $0.12621
        costFromRecordedUsage(llm.model(), answer, 0.002515, 0.12621);

        // a relative tolerance: all four are right to within 0.001% of the exact amount
        assertThat(answer).finalNumber().isCloseTo(EXACT, withinPercentage(0.001));
        // an absolute tolerance of $1: phi4 ($1,638,616), GPT-4o and Claude ($1,638,616.44) pass, o1 ($1,638,620)
        // does not
        if (llm.model().equals("openai:o1")) {
            assertThat(answer).finalNumber().isNotCloseTo(EXACT, within(ONE_DOLLAR))
                    .satisfies(o1 -> assertThat(o1.subtract(EXACT)).isCloseTo(new BigDecimal("3.56"),
                            within(new BigDecimal("0.01"))));
        } else {
            assertThat(answer).finalNumber().isCloseTo(EXACT, within(ONE_DOLLAR));
        }
    }

    @CompareModels({"phi4", "openai:gpt-4o", "openai:o1", "anthropic:claude-sonnet-4-5"})
    void prism(Llm llm) {
        LlmAnswer answer = llm.ask(SeedPrompts.PRISM);
        // 52 prompt tokens; GPT-4o 131 output: $0.00144; o1 930 output of which 842 reasoning: $0.05658
        costFromRecordedUsage(llm.model(), answer, 0.00144, 0.05658);

        assertThat(answer).finalNumber().isEqualByComparingTo("5");
        assertThat(answer).finalNumberUnit().isIn("cm", "centimeters", "centimetres");
    }

    /**
     * What a prompt cost each model, from the usage recorded in the fixture and the prices in
     * {@code llmtest-prices.json} (dollars per million tokens: GPT-4o $2.50 in, $10 out; o1 $15 in, $60 out and
     * reasoning). phi4 runs locally and the file gives it no price, so it has no cost (the report says "no price").
     * The run report shows the same figures in its "Models side by side" table, as the recorded cost.
     */
    private static void costFromRecordedUsage(String model, LlmAnswer answer, double gpt4oUsd, double o1Usd) {
        switch (model) {
            case "openai:gpt-4o" -> org.assertj.core.api.Assertions.assertThat(answer.cost().orElseThrow()
                    .totalUsd()).isCloseTo(gpt4oUsd, org.assertj.core.api.Assertions.within(1e-9));
            case "openai:o1" -> {
                org.assertj.core.api.Assertions.assertThat(answer.cost().orElseThrow().totalUsd())
                        .isCloseTo(o1Usd, org.assertj.core.api.Assertions.within(1e-9));
                // most of o1's bill is reasoning nobody sees
                assertThat(answer).costsAtMost(0.13);
            }
            default -> org.assertj.core.api.Assertions.assertThat(answer.cost()).as("a local model, no price")
                    .isEmpty();
        }
    }
}
