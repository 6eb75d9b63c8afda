/**
 * A small, faithful client for Ollama's native HTTP API ({@code /api/chat}, {@code /api/generate} and the
 * probes {@code /}, {@code /api/version}, {@code /api/tags}, {@code /api/show}).
 *
 * <p>{@link io.github.llmtest.ollama.OllamaClient} streams NDJSON by default so that time to first token can be
 * measured, keeps every server metric Ollama reports, and turns each failure into an
 * {@link io.github.llmtest.ollama.OllamaException} whose {@link io.github.llmtest.ollama.OllamaException.Kind kind}
 * and message name the cause and the remedy.
 */
package io.github.llmtest.ollama;
