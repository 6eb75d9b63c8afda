package io.github.llmtest;

/**
 * One call a test made, kept for its latency budget and the run report.
 *
 * @param index  1 for the test's first call
 * @param answer the answer
 * @param key    the interaction key
 * @param server true for a call the application made through {@link LlmServer}
 */
record LlmCall(int index, LlmAnswer answer, String key, boolean server) {
}
