/**
 * Shards: {@code -Dllmtest.shard=2/4} runs a deterministic quarter of a suite's LLM work, the same on every machine.
 * {@code Shard} says which share a stable id (a test class, a dataset's case) belongs to; {@code ShardFilter} keeps
 * the plan's {@code @LlmTest} classes of this shard. Not API.
 */
package io.github.llmtest.internal.shard;
