package io.github.llmtest.internal.provider;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The settings every provider's client takes, one builder for all of them: the server's base URL, the key, the
 * timeouts, how many requests may be in flight, and how often a retryable answer (Ollama's 503, OpenAI's 429 and
 * 5xx) is tried again. Each provider gives its defaults; every setter returns the builder.
 *
 * <pre>{@code
 * OllamaClient client = OllamaClient.builder().baseUrl("localhost").retries(2, Duration.ofMillis(10)).build();
 * }</pre>
 *
 * @param <C> the client built
 */
public final class ClientBuilder<C extends Provider> {

    private final UnaryOperator<String> normalize;
    private final Function<ClientBuilder<C>, C> build;
    private BaseUrl baseUrl;
    private String apiKey;
    private Timeouts timeouts = Timeouts.DEFAULT;
    private int maxConcurrentRequests;
    private AdaptiveLimit limit;
    private int retries;
    private Duration backoff;

    /**
     * @param defaultUrl            the base URL unless one is given
     * @param normalize             checks and normalizes a base URL given as text, throwing
     *                              {@link IllegalArgumentException} naming what is wrong
     * @param maxConcurrentRequests the default in-flight limit
     * @param retries               the default number of retries
     * @param backoff               the default wait before the first retry, doubled after
     * @param build                 makes the client from these settings
     */
    public ClientBuilder(String defaultUrl, UnaryOperator<String> normalize, int maxConcurrentRequests, int retries,
                         Duration backoff, Function<ClientBuilder<C>, C> build) {
        this.normalize = normalize;
        this.build = build;
        this.baseUrl = BaseUrl.of(normalize.apply(defaultUrl));
        this.maxConcurrentRequests = maxConcurrentRequests;
        this.retries = retries;
        this.backoff = backoff;
    }

    /**
     * @param value the server's base URL as text, checked and normalized the way the provider reads it
     * @return this builder
     * @throws IllegalArgumentException when it is not a usable base URL
     */
    public ClientBuilder<C> baseUrl(String value) {
        baseUrl = BaseUrl.of(normalize.apply(value));
        return this;
    }

    /**
     * @param value the base URL, whose credentials (if any) are sent as basic auth and never shown
     * @return this builder
     */
    public ClientBuilder<C> baseUrl(BaseUrl value) {
        baseUrl = Objects.requireNonNull(value, "baseUrl");
        return this;
    }

    /**
     * @param value the key; {@code null} sends none
     * @return this builder
     */
    public ClientBuilder<C> apiKey(String value) {
        apiKey = value;
        return this;
    }

    /**
     * @param value the connect, read and call timeouts (default {@link Timeouts#DEFAULT})
     * @return this builder
     */
    public ClientBuilder<C> timeouts(Timeouts value) {
        timeouts = Objects.requireNonNull(value, "timeouts");
        return this;
    }

    /**
     * @param value how many requests may be in flight at once
     * @return this builder
     */
    public ClientBuilder<C> maxConcurrentRequests(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be at least 1, but was " + value);
        }
        maxConcurrentRequests = value;
        return this;
    }

    /**
     * @param value the server's limit shared with the run's other clients of it, which replaces
     *              {@link #maxConcurrentRequests(int)}; null for a limit of the client's own
     * @return this builder
     */
    public ClientBuilder<C> limit(AdaptiveLimit value) {
        limit = value;
        return this;
    }

    /**
     * @param count   how often a retryable answer is tried again
     * @param initial the wait before the first retry when the server names none, doubled for each further one
     * @return this builder
     */
    public ClientBuilder<C> retries(int count, Duration initial) {
        if (count < 0) {
            throw new IllegalArgumentException("retries must not be negative, but was " + count);
        }
        retries = count;
        backoff = Objects.requireNonNull(initial, "initial");
        return this;
    }

    /** @return the client */
    public C build() {
        return build.apply(this);
    }

    /** @return the base URL */
    public BaseUrl url() {
        return baseUrl;
    }

    /** @return the key, or null */
    public String key() {
        return apiKey;
    }

    /** @return the timeouts */
    public Timeouts timeoutSettings() {
        return timeouts;
    }

    /** @return the shared limit given, else a limit of this client's own at {@link #maxConcurrentRequests(int)} */
    public AdaptiveLimit inFlightLimit() {
        return limit != null ? limit : new AdaptiveLimit(baseUrl.plain(), maxConcurrentRequests);
    }

    /** @return how often a retryable answer is tried again */
    public int retryCount() {
        return retries;
    }

    /** @return the wait before the first retry */
    public Duration backoff() {
        return backoff;
    }
}
