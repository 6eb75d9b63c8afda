package io.github.llmtest;

/**
 * One call a test made, kept for its latency budget and the run report.
 *
 * @param index  1 for the test's first call
 * @param answer the answer
 * @param key    the interaction key
 */
record LlmCall(int index, LlmAnswer answer, String key) {
}
