package io.github.llmtest.internal.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.internal.fixture.Interaction;
import io.github.llmtest.internal.provider.LiveAnswer;
import io.github.llmtest.internal.provider.Provider;
import io.github.llmtest.internal.provider.Readiness;

/**
 * The way a call came in, and how its answer goes back: {@code Llm}'s typed calls, or {@code LlmServer}'s HTTP
 * calls. The {@link CallPipeline} decides; a channel only carries out.
 */
public interface Channel {

    /** Where a live answer goes, before the caller can have it. */
    interface Answered {
        /**
         * @param answer    the complete answer
         * @param body      the whole response of an endpoint that answers with data (embeddings), or null
         * @param readiness what the server said of itself and the model, or null when it was not asked
         */
        void answered(LiveAnswer answer, JsonNode body, Readiness readiness);

        /** @param problem why an answer that reached the caller cannot be recorded, or the server's error */
        void failed(RuntimeException problem);
    }

    /** @return true for a call an application made through {@code LlmServer} */
    boolean viaServer();

    /**
     * Makes the call live.
     *
     * @param provider the provider's client for the test's server
     * @param answered takes the answer, or the problem, before the caller has its last bytes
     * @throws io.github.llmtest.internal.provider.ProviderException when the server gave no answer at all
     */
    void live(Provider provider, Answered answered);

    /**
     * Hands a recording to the caller: nothing to do for a typed call, the provider's response for an HTTP one.
     *
     * @param recorded the recording
     */
    void replay(Interaction recorded);

    /**
     * The call cannot be served.
     *
     * @param status  the HTTP status an application gets
     * @param problem what went wrong, with its remedy
     * @throws RuntimeException {@code problem} itself, for a typed call
     */
    void refuse(int status, RuntimeException problem);
}
