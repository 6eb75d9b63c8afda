package com.example;

import io.github.llmtest.CompareModels;
import io.github.llmtest.Llm;
import io.github.llmtest.LlmCase;
import io.github.llmtest.LlmDataset;
import io.github.llmtest.LlmTest;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;

@LlmTest
class ComparisonTest {

    // the fixtures: both right on c01-c03, only phi4 on c04-c13, only llama3.2 on c14-c15, neither on c16
    @CompareModels({"phi4", "llama3.2"})
    @LlmDataset(value = "/datasets/sums.jsonl", minAccuracy = 0.3)
    void solves(LlmCase c, Llm llm) {
        assertThat(llm.ask(c.text("question"))).finalNumber().isEqualByComparingTo(c.text("answer"));
    }
}
