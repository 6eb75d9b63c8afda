package com.example;

import io.github.llmtest.Llm;
import io.github.llmtest.LlmTest;
import org.junit.jupiter.api.Test;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;

@LlmTest
class MathTest {

    static final String FIBONACCI = "Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ...";

    @Test
    void fibonacci(Llm llm) {
        assertThat(llm.ask(FIBONACCI)).boxedAnswer().isEqualTo("6765");
    }

    @Test
    void offByOne(Llm llm) {
        // fails on purpose: the recorded answer is 6765
        assertThat(llm.ask(FIBONACCI)).boxedAnswer().isEqualTo("6764");
    }
}
