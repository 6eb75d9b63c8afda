package io.github.llmtest.architecture.violations.internal.anthropic;

/** The Anthropic provider's client. */
public final class Messages {

    /** @return its id */
    public String id() {
        return getClass().getSimpleName();
    }
}
