package com.example;

import io.github.llmtest.CompareModels;
import io.github.llmtest.Llm;
import io.github.llmtest.LlmTest;

import java.math.BigDecimal;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A comparison replayed on JUnit 6, with Surefire's default test case names. */
@LlmTest
class SeedTest {

    @CompareModels({"phi4", "llama3.2"})
    void compoundInterest(Llm llm) {
        assertThat(llm.ask("A bank offers an annual interest rate of 5%, compounded semi-annually. What is the final "
                + "amount if 1 million dollar is deposited for 10 years?")).finalNumber()
                .isCloseTo(new BigDecimal("1638616.44"), within(new BigDecimal("1")));
    }
}
