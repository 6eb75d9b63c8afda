/**
 * Not API. The OpenAI-compatible provider: a client for the chat completions API of OpenAI, Azure and the servers
 * that speak it (vLLM, llama.cpp's server, LM Studio, Ollama's {@code /v1}), streaming server-sent events, with every
 * failure mapped to an {@link io.github.llmtest.internal.openai.OpenAiException} kind.
 */
package io.github.llmtest.internal.openai;
