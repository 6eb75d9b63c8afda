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

    /**
     * Sends a request that an application made through llmtest's server to this provider's server, once and as
     * it came, with llmtest's credentials for the server (or, when llmtest has none, the application's), and
     * hands the response to {@code handler} whatever its status.
     *
     * @param path        the path the application called, such as {@code /api/chat} or {@code /v1/chat/completions}
     * @param body        the request body, or null for a {@code GET}
     * @param model       the model the request names, or null, for failure messages
     * @param credentials the application's {@code Authorization} or {@code api-key} header, by lower-case name
     * @param handler     reads the response
     * @param <T>         what is read
     * @return what the handler read
     * @throws ProviderException when the server cannot be reached
     */
    <T> T forward(String path, byte[] body, String model, java.util.Map<String, String> credentials,
                  HttpTransport.Forwarded<T> handler);

    /**
     * @return how many requests this client lets be in flight at once; callers that run calls concurrently (dataset
     * cases) run no more at once than this, so that none waits for a slot until its call timeout
     */
    default int maxInFlight() {
        return 1;
    }

    /** Releases connections and threads. */
    @Override
    void close();
}
