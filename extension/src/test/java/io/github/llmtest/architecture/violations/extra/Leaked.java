package io.github.llmtest.architecture.violations.extra;

/** A public type outside the API packages and outside internal: a violation. */
public final class Leaked {
}
