package io.github.llmtest;

import java.util.Locale;

/**
 * A model as a test names it: {@code phi4} and {@code ollama:phi4} go to Ollama, {@code openai:gpt-4o} to an
 * OpenAI-compatible server. Only these two prefixes are providers; {@code llama3.2:3b} is an Ollama model with a tag.
 *
 * @param provider {@value #OLLAMA} or {@value #OPENAI}
 * @param model    the name the provider knows, without the prefix
 * @param written  the name as the test wrote it, used in reports and messages
 */
record ModelName(String provider, String model, String written) {

    static final String OLLAMA = "ollama";
    static final String OPENAI = "openai";

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
            String prefix = strip.substring(0, colon).toLowerCase(Locale.ROOT);
            String rest = strip.substring(colon + 1).strip();
            if ((prefix.equals(OPENAI) || prefix.equals(OLLAMA)) && !rest.isEmpty()) {
                return new ModelName(prefix, rest, prefix.equals(OLLAMA) ? rest : strip);
            }
        }
        return new ModelName(OLLAMA, strip, strip);
    }

    boolean isOpenAi() {
        return provider.equals(OPENAI);
    }
}
