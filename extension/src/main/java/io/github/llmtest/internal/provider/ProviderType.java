package io.github.llmtest.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * A kind of model server llmtest speaks to, such as Ollama or an OpenAI-compatible server: everything the rest of
 * llmtest needs to know of it, so that no code outside the provider's own package names it. One implementation per
 * provider, in its own {@code internal.<name>} package, registered in
 * {@code META-INF/services/io.github.llmtest.internal.provider.ProviderType}; {@link ProviderTypes} finds them.
 *
 * <p>A test names a model of this provider as {@code <id>:<model>} (the default provider also without a prefix);
 * its client is made by {@link #client}; {@code LlmServer} serves its {@link #routes} and {@link #isProbe probes}.
 */
public interface ProviderType {

    /** @return the provider's id, lower case: the model prefix and the report's provider, such as {@code openai} */
    String id();

    /** @return true for the one provider that model names without a prefix go to */
    default boolean isDefault() {
        return false;
    }

    /** @return what the server is called in messages, such as {@code Ollama} */
    String serverName();

    /** @return the configuration parameter of the server's base URL, such as {@code llmtest.openai.url} */
    String urlParameter();

    /** @return the environment variable of the server's base URL, such as {@code OPENAI_BASE_URL} */
    String urlVariable();

    /** @return the environment variable of the API key, such as {@code OPENAI_API_KEY}, or null when none */
    String keyVariable();

    /**
     * @param configured the configured base URL, or null for the default
     * @return the base URL, checked
     * @throws IllegalArgumentException naming what is wrong with it
     */
    BaseUrl baseUrl(String configured);

    /**
     * A client that sends within the server's limit shared by the whole run ({@link ConcurrencyLimits}).
     *
     * @param url      the server
     * @param apiKey   the API key, or null
     * @param timeouts the timeouts
     * @param limit    the server's limit on requests in flight, or null for a limit of the client's own
     * @return a client; it makes no connection before its first call
     */
    Provider client(BaseUrl url, String apiKey, Timeouts timeouts, AdaptiveLimit limit);

    /**
     * A client with a limit on requests in flight of its own (a probe, the warm-up).
     *
     * @param url      the server
     * @param apiKey   the API key, or null
     * @param timeouts the timeouts
     * @return a client; it makes no connection before its first call
     */
    default Provider client(BaseUrl url, String apiKey, Timeouts timeouts) {
        return client(url, apiKey, timeouts, null);
    }

    /**
     * @param url the server
     * @return how many requests this server takes at once unless {@code llmtest.concurrency} says otherwise: 4
     * unless the provider knows better
     */
    default int defaultConcurrency(BaseUrl url) {
        return 4;
    }

    /**
     * Marks a canonical request (just after its {@code endpoint}) as this provider's, so that a recording says
     * whose it is: {@code "provider": "<id>"}. (Ollama's requests carry no mark, as in every fixture written so far.)
     *
     * @param canonical the canonical request being built
     */
    default void mark(ObjectNode canonical) {
        canonical.put("provider", id());
    }

    /**
     * @param canonical a recorded canonical request
     * @return whether it is this provider's: it carries this provider's mark
     */
    default boolean owns(JsonNode canonical) {
        return id().equals(canonical.path("provider").asText());
    }

    /**
     * @param upstreamUrl the server's address, for the message
     * @return how to record a missing answer, ending with a colon before the command
     */
    String recordAdvice(String upstreamUrl);

    /** @return what goes in front of the record command, such as {@code OPENAI_API_KEY=… }, or empty */
    String recordPrefix();

    /**
     * @param path a request path {@code LlmServer} received
     * @return whether the path belongs to this provider's API
     */
    boolean serves(String path);

    /** @return the endpoints {@code LlmServer} records and replays */
    List<Route> routes();

    /**
     * @param status  the HTTP status
     * @param message the message
     * @return an error body in this provider's shape, which its clients read the message from
     */
    JsonNode errorBody(int status, String message);

    /**
     * @param method the HTTP method
     * @param path   the path
     * @return whether this is a request clients make to look around (list or show models, the version)
     */
    boolean isProbe(String method, String path);

    /**
     * @param path a probe's path
     * @return whether a test with a live upstream passes the probe on to it, rather than answering it itself
     */
    default boolean passesOn(String path) {
        return true;
    }

    /**
     * Answers a probe from the models the recordings name, in the real server's shape.
     *
     * @param path     the path
     * @param body     the request body, or null
     * @param recorded the running test's recordings
     * @param reply    where to write
     */
    void answerProbe(String path, JsonNode body, List<? extends Recording> recorded, Reply reply);

    /**
     * The settings of application frameworks that hold this provider's base URL, which llmtest reads (where the
     * framework lets it) to check that an application tested through {@code LlmServer} calls it; each with the
     * system property of {@code LlmServer}'s URL that the setting should be given.
     *
     * @return setting name to system property, such as {@code spring.ai.ollama.base-url} to
     *         {@code llmtest.server.ollama-url}; empty by default
     */
    default Map<String, String> frameworkUrlSettings() {
        return Map.of();
    }
}
