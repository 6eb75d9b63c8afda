package io.github.llmtest.examples;

import io.github.llmtest.Llm;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.LlmTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static io.github.llmtest.assertj.LlmAssertions.within;

/**
 * What can be checked exactly is checked exactly (the amount, to the dollar); what cannot (does it explain its
 * steps?) is judged by phi4 against a rubric. The judge's verdict is recorded with the answer and replayed offline.
 */
@LlmTest
class JudgedExplanationTest {

    @Test
    void explainsEachStepAndStatesTheAmountInDollars(Llm llm) {
        LlmAnswer answer = llm.ask(SeedPrompts.COMPOUND_INTEREST);

        assertThat(answer).isNotRefusal().finalNumber().isCloseTo(new BigDecimal("1638616.44"), within(BigDecimal.ONE));
        assertThat(answer).satisfiesRubric(llm, "Explains each step of the calculation and states the final amount "
                + "in dollars");
    }
}
