package com.example;

import io.github.llmtest.Llm;
import io.github.llmtest.LlmCase;
import io.github.llmtest.LlmDataset;
import io.github.llmtest.LlmTest;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;

@LlmTest
class JsonlDatasetTest {

    // the recorded answer to q4 is wrong: 4 of 5 (80%) pass, which the gate tolerates
    @LlmDataset(value = "/datasets/sums.jsonl", minAccuracy = 0.8)
    void solves(LlmCase c, Llm llm) {
        assertThat(llm.ask(c.text("question"))).finalNumber().isEqualByComparingTo(c.text("answer"));
    }
}
