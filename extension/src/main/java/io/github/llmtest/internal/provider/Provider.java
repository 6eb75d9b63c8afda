package io.github.llmtest.internal.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The seam between the extension and a model server: what {@code DefaultLlm} routes every live call through. One
 * instance per server address; thread-safe.
 *
 * <p>A new provider implements this interface in its own {@code internal.<name>} package, and the live session
 * chooses it by the model's prefix.
 */
public interface Provider extends AutoCloseable {

    /**
     * The request in the canonical, readable form fixtures store and keys are derived from: what is sent, without
     * what does not change the answer (the stream flag, keep-alive). Changing it changes every recording's key.
     *
     * @param call the call
     * @return a new JSON object starting with {@code endpoint}
     */
    ObjectNode canonicalRequest(ChatCall call);

    /**
     * Checks the server and gets the model ready (Ollama loads it), once per model and run.
     *
     * @param model the model
     * @return what was learnt
     * @throws ProviderException when the server cannot be reached or does not have the model
     */
    Readiness prepare(String model);

    /**
     * Sends a chat and reads the whole answer, streamed so that time to first token is measured.
     *
     * @param call the call
     * @return the answer
     * @throws ProviderException when the call fails
     */
    LiveAnswer chat(ChatCall call);

    /** Releases connections and threads. */
    @Override
    void close();
}
