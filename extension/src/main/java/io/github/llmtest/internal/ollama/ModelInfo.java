package io.github.llmtest.internal.ollama;

import java.util.Optional;

/**
 * One installed model as listed by {@code GET /api/tags}.
 *
 * @param name              the name with its tag, for example {@code phi4:latest}
 * @param digest            the manifest digest (sha256 hex); its first 12 characters are what {@code ollama list}
 *                          shows
 * @param size              the size on disk in bytes
 * @param family            the model family, for example {@code phi3}, or {@code null}
 * @param parameterSize     for example {@code 14.7B}, or {@code null}
 * @param quantizationLevel for example {@code Q4_K_M}, or {@code null}
 */
public record ModelInfo(String name, String digest, long size, String family, String parameterSize,
                        String quantizationLevel) {

    /**
     * Whether this entry is the model a request names: {@code phi4} matches {@code phi4:latest}.
     *
     * @param requested the name used in a request
     * @return true if Ollama would serve {@code requested} with this model
     */
    public boolean matches(String requested) {
        String wanted = requested.contains(":") ? requested : requested + ":latest";
        return name.equals(requested) || name.equals(wanted);
    }

    /** @return the digest, if the server reported one */
    public Optional<String> digestIfKnown() {
        return Optional.ofNullable(digest).filter(d -> !d.isEmpty());
    }
}
