package com.example;

import io.github.llmtest.Llm;
import io.github.llmtest.LlmCase;
import io.github.llmtest.LlmDataset;
import io.github.llmtest.LlmTest;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;

@LlmTest
class CsvDatasetTest {

    // the recorded answer to row 3 is wrong: 3 of 4 (75%) pass, below the gate, so row 3 fails
    @LlmDataset(value = "/datasets/areas.csv", minAccuracy = 0.9)
    void areas(LlmCase c, Llm llm) {
        assertThat(llm.ask(c.text("question"))).finalNumber().isEqualByComparingTo(c.text("answer"));
    }
}
