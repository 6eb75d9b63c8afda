/**
 * llmtest's JUnit 5 extension: {@link io.github.llmtest.LlmTest @LlmTest} brings it in, an
 * {@link io.github.llmtest.Llm} parameter asks the model, and every answer is an
 * {@link io.github.llmtest.LlmAnswer} with its {@link io.github.llmtest.Latency}. Answers are recorded to fixture
 * files and replayed according to the {@link io.github.llmtest.LlmMode}.
 */
package io.github.llmtest;
