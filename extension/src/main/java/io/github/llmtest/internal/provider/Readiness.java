package io.github.llmtest.internal.provider;

import java.time.Duration;

/**
 * What a provider learnt while getting a model ready for live calls, recorded with each answer.
 *
 * @param serverVersion the server's version, or null
 * @param modelDigest   the model's digest, or null
 * @param loadTime      how long loading took, or null when nothing was loaded
 */
public record Readiness(String serverVersion, String modelDigest, Duration loadTime) {
}
