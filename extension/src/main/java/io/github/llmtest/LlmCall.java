package io.github.llmtest;

import java.nio.file.Path;

/**
 * One call a test made, kept for its latency budget and the run report.
 *
 * @param index   1 for the test's first call
 * @param answer  the answer
 * @param key     the interaction key
 * @param fixture the fixture file, or {@code null} in live mode
 */
record LlmCall(int index, LlmAnswer answer, String key, Path fixture) {
}
