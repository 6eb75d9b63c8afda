package bench;

import io.github.llmtest.Llm;
import io.github.llmtest.LlmCase;
import io.github.llmtest.LlmDataset;
import io.github.llmtest.LlmTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 1,000-case dataset replayed, one call per case: what a CI run of a dataset pays for llmtest (reading the
 * dataset, the gate, replay) over {@link PlainCasesTest}. The dataset and its fixture are written by
 * {@code generate-dataset.py}.
 */
@LlmTest
class ReplayedDatasetTest {

    @LlmDataset("/datasets/questions.jsonl")
    void asks(LlmCase c, Llm llm) {
        assertThat(llm.ask(c.text("question")).text()).endsWith("\\boxed{" + c.text("answer") + "}.");
    }
}
