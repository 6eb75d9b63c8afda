/**
 * Not API: llmtest's implementation, public only so that its packages can reach each other (the convention of
 * OkHttp's {@code okhttp3.internal} and JUnit's internal packages). Nothing here is covered by compatibility
 * promises; depend on {@code io.github.llmtest}, {@code io.github.llmtest.answer} and
 * {@code io.github.llmtest.assertj} instead. This package holds the helpers every part shares: one JSON setup, one
 * atomic file writer, one duration format, one way to shorten text.
 */
package io.github.llmtest.internal;
