/**
 * Not API. The Ollama provider: a small, faithful client for {@code /api/chat} and the probes
 * {@code /api/version} and {@code /api/tags}, streaming NDJSON so that time to first token is measured, with
 * every failure mapped to an {@link io.github.llmtest.internal.ollama.OllamaException} kind. Users who want a
 * general Ollama client have others; this one serves the extension.
 */
package io.github.llmtest.internal.ollama;
