package io.github.llmtest.examples;

import io.github.llmtest.CompareModels;
import io.github.llmtest.Llm;
import io.github.llmtest.LlmCase;
import io.github.llmtest.LlmDataset;
import io.github.llmtest.LlmTest;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;

/**
 * Phi-4 against Llama 3.2 on the same 33 word problems: is phi4 really better? Every case runs on both models, and
 * the run report's "Models compared, pair by pair" pairs them case by case. In the fixtures phi4 gets 30 right and
 * llama3.2 22; 9 cases only phi4 gets right and 1 (p05) only llama3.2, so the exact McNemar p-value is
 * 2 · (1 + 10) / 2^10 = 0.0215, with the difference of 24.2 points and its 95% interval beside it.
 *
 * <p>The phi4 answers are those of {@link ArithmeticWordProblemsTest}; the llama3.2 answers in
 * {@code llm-fixtures/io.github.llmtest.examples.WordProblemComparisonTest/solves.json} are written by hand
 * ({@code "origin": "hand-written"}), not recorded. The build compares this run with the checked-in
 * {@code llm-baseline.json} ({@code -Dllmtest.baseline}, set in this module's POM), where llama3.2 also got g07, a03
 * and i02 right: "Since the baseline" lists those three regressions with p = 0.25, which is no evidence of a
 * regression, so the build does not fail even with {@code llmtest.baseline.fail=true}.
 */
@LlmTest
class WordProblemComparisonTest {

    @CompareModels({"phi4", "llama3.2"})
    @LlmDataset(value = "/datasets/word-problems.jsonl", minAccuracy = 0.6, minAccuracyPerTag = 0.4)
    void solves(LlmCase c, Llm llm) {
        assertThat(llm.ask(c.text("question"))).finalNumber().isEqualByComparingTo(c.text("answer"));
    }
}
