package io.github.llmtest;

import io.github.llmtest.internal.provider.ProviderType;
import io.github.llmtest.internal.provider.ProviderTypes;

import java.util.Optional;

/**
 * A model as a test names it: {@code phi4} and {@code ollama:phi4} go to Ollama, {@code openai:gpt-4o} to an
 * OpenAI-compatible server; a prefix is a provider only when a provider of that id is registered, so
 * {@code llama3.2:3b} is an Ollama model with a tag.
 *
 * @param provider the provider
 * @param model    the name the provider knows, without the prefix
 * @param written  the name as reports and messages show it: without the default provider's prefix
 */
record ModelName(ProviderType provider, String model, String written) {

    /** Letters, digits and . _ - : / + @, as Ollama tags, Hugging Face paths and OpenAI ids use; no "..". */
    private static final java.util.regex.Pattern VALID = java.util.regex.Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9._:/+@-]{0,199}");

    /**
     * @param name a model name as a test wrote it
     * @return the name, checked
     * @throws IllegalArgumentException when it cannot be a model name
     */
    static String check(String name) {
        String strip = name.strip();
        if (!VALID.matcher(strip).matches() || strip.contains("..") || strip.contains("//")) {
            throw new IllegalArgumentException("'" + name.replaceAll("\\p{Cntrl}", "?") + "' is not a model name: "
                    + "use letters, digits and . _ - : / + @ (at most 200), such as phi4, llama3.2:3b, "
                    + "hf.co/org/model:Q4_K_M or openai:gpt-4o");
        }
        return strip;
    }

    static ModelName parse(String name) {
        String strip = check(name);
        int colon = strip.indexOf(':');
        if (colon > 0) {
            Optional<ProviderType> prefix = ProviderTypes.byId(strip.substring(0, colon));
            String rest = strip.substring(colon + 1).strip();
            if (prefix.isPresent() && !rest.isEmpty()) {
                ProviderType type = prefix.get();
                return new ModelName(type, rest, type.isDefault() ? rest : type.id() + ":" + rest);
            }
        }
        return new ModelName(ProviderTypes.defaultType(), strip, strip);
    }
}
