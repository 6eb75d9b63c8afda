package io.github.llmtest.internal.ollama;

import io.github.llmtest.internal.provider.ProviderException;

/**
 * A call to Ollama that did not produce an answer. {@link #kind()} says what went wrong; the message names the
 * URL, the cause and what to do about it.
 *
 * <pre>{@code
 * try {
 *     client.chat(request);
 * } catch (OllamaException e) {
 *     if (e.kind() == ProviderException.Kind.MODEL_NOT_FOUND) { ... }
 * }
 * }</pre>
 */
public final class OllamaException extends ProviderException {

    private static final long serialVersionUID = 1L;

    OllamaException(Kind kind, String url, Integer status, String message, String partialText, Throwable cause) {
        super(kind, message, url, status, partialText, cause);
    }
}
