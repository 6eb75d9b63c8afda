/**
 * Not API. The Anthropic provider ({@code anthropic:} models): a client for Anthropic's Messages API and the servers
 * that speak it (llama.cpp's {@code llama-server} on {@code /v1/messages}), streaming server-sent events with their
 * {@code event:} names, and {@code LlmServer}'s {@code /v1/messages} route; every failure is an
 * {@link io.github.llmtest.internal.anthropic.AnthropicException} kind.
 */
package io.github.llmtest.internal.anthropic;
