package io.github.llmtest.architecture.violations.internal.call;

import io.github.llmtest.architecture.violations.internal.anthropic.Messages;

/** The pipeline naming the Anthropic provider: two violations, by type and by name. */
public final class NamesClaude {

    /** @return whether the model goes to the Anthropic provider */
    public static boolean isClaude(String provider) {
        return "anthropic".equals(provider) && new Messages().id() != null;
    }
}
