package io.github.llmtest.internal.anthropic;

import io.github.llmtest.internal.provider.ProviderException;

/**
 * A call to the Messages API that did not produce an answer. {@link #kind()} says what went wrong; the message names
 * the URL, the cause and what to do about it, and never the key.
 */
public final class AnthropicException extends ProviderException {

    private static final long serialVersionUID = 1L;

    /** Whether no key was configured, for {@link #modelUnavailable()}. */
    private final boolean noKey;

    AnthropicException(Kind kind, String url, Integer status, String message, String partialText, boolean noKey,
                       Throwable cause) {
        super(kind, message, url, status, partialText, cause);
        this.noKey = noKey;
    }

    /** @return true when no model can answer here: the server is unreachable, does not know the model, or no key */
    @Override
    public boolean modelUnavailable() {
        return super.modelUnavailable() || kind() == Kind.AUTHENTICATION && noKey;
    }
}
