package io.github.llmtest.architecture.violations.internal.call;

import io.github.llmtest.architecture.violations.internal.openai.Client;

/** The pipeline naming a provider: two violations, by type and by name. */
public final class NamesAProvider {

    /** @return whether the model goes to the OpenAI provider */
    public static boolean isOpenAi(String provider) {
        return "openai".equals(provider) && new Client().id() != null;
    }
}
