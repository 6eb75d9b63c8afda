/**
 * The one path every LLM call takes, whether a test asked through {@code Llm} or an application through
 * {@code LlmServer}: {@link io.github.llmtest.internal.call.CallPipeline} builds the key, decides per mode, goes
 * live through the provider or answers from the fixture file, records, and writes every message about a missing or
 * failed call. The per-test state it needs is a {@link io.github.llmtest.internal.call.CallSession}. Not API.
 */
package io.github.llmtest.internal.call;
