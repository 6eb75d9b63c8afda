/**
 * AssertJ assertions for {@link io.github.llmtest.LlmAnswer}: the boxed answer, the final answer and number with a
 * tolerance the author chooses, and latency budgets that keep model load apart. Start from
 * {@link io.github.llmtest.assertj.LlmAssertions#assertThat(io.github.llmtest.LlmAnswer)}.
 */
package io.github.llmtest.assertj;
