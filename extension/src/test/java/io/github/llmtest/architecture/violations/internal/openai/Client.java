package io.github.llmtest.architecture.violations.internal.openai;

/** A provider's client. */
public final class Client {

    /** @return its id */
    public String id() {
        return getClass().getSimpleName();
    }
}
